package dev.secureexecutor.executor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.executor.RejectedExample;
import dev.secureexecutor.executor.sim.CallRecord;
import dev.secureexecutor.executor.sim.DockerCli;
import dev.secureexecutor.executor.sim.JobObserver;
import dev.secureexecutor.executor.sim.JobResult;
import dev.secureexecutor.executor.sim.JobSpec;
import dev.secureexecutor.executor.sim.JobStatus;
import dev.secureexecutor.executor.sim.RunnerSimulator;
import dev.secureexecutor.executor.sim.SimulatorSettings;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Insecure set-ups never run a job: every rejected example in config-examples/rejected/ is refused at its stated
 * stage with its stated reason and the system-failure code, a disallowed image is refused as a build failure, and
 * in every case no container is ever created (checked in Docker's event log, not only by leftovers).
 */
class RefusalIT extends HardeningTestBase {

    /** One Prepare attempt: the runner's retries would only repeat the same refusal. */
    private static SimulatorSettings oneAttempt(Path policy, Map<String, String> extraEnv) {
        SimulatorSettings s = withPolicy(settings(), policy);
        Map<String, String> env = new HashMap<>(s.ownEnvironment());
        env.putAll(extraEnv);
        return new SimulatorSettings(s.launcher(), s.prepareRetryWait(), 1, s.gracefulKill(), s.forceKill(),
                s.execTimeout(), s.abortWait(), env, s.runnerHostname());
    }

    private JobResult refusedJob(JobSpec job, SimulatorSettings settings) {
        Instant since = Instant.now().minusSeconds(1);
        gitlab.registerJob(job);
        JobResult r;
        try {
            r = new RunnerSimulator(settings).run(job, JobObserver.NONE);
        } finally {
            gitlab.unregisterJob(job);
        }
        assertTrue(r.stages().isEmpty(), "no run_exec after a refusal:\n" + describe(r));
        List<String> created = DockerCli.run("events", "--since", Long.toString(since.getEpochSecond()), "--until",
                Long.toString(Instant.now().getEpochSecond() + 1), "--filter", "type=container", "--filter",
                "event=create", "--filter", "label=dev.secureexecutor.job-id=" + job.jobId(), "--format",
                "{{.Actor.ID}}").lines();
        assertEquals(List.of(), created, "a container was created for a refused job");
        assertNoStackTrace(r.driverLog() + r.runnerLog());
        assertNoSecretLeaked(r);
        return r;
    }

    @TestFactory
    Stream<DynamicTest> everyRejectedExampleIsRefusedAtItsStageAndNoContainerIsCreated() {
        return RejectedExample.all().stream().map(ex -> DynamicTest.dynamicTest(ex.name(), () -> {
            JobResult r = refusedJob(newJob().script("echo must-not-run").build(), oneAttempt(ex.file(), Map.of()));
            assertEquals(JobStatus.SYSTEM_FAILURE, r.status(), describe(r));
            CallRecord failed = r.calls(ex.stage()).get(0);
            assertEquals(2, failed.exitCode(), ex.stage() + " exits SYSTEM_FAILURE_EXIT_CODE:\n" + describe(r));
            assertTrue(failed.stderrText().toLowerCase(Locale.ROOT).contains(ex.reason().toLowerCase(Locale.ROOT)),
                    ex.stage() + " says '" + ex.reason() + "':\n" + failed.stderrText());
            if (ex.stage().equals("config")) {
                assertEquals(List.of(), r.calls("prepare"), "prepare never runs after config refused");
                assertEquals("", failed.stdoutText(), "config's stdout stays free of anything but JSON");
            }
        }));
    }

    @Test
    void disallowedImageIsRefusedAsTheJobsBuildFailure() {
        Path policy = policy("[image]\nallowed = [\"secure-executor/*:*\"]\n");
        JobResult r = refusedJob(newJob().image("docker.io/library/alpine:3").script("echo must-not-run").build(),
                oneAttempt(policy, Map.of()));
        assertEquals(JobStatus.FAILED, r.status(), describe(r));
        CallRecord prepare = r.calls("prepare").get(0);
        assertEquals(1, prepare.exitCode(), "BUILD_FAILURE_EXIT_CODE: the job asked for it");
        assertTrue(prepare.stderrText().contains("'docker.io/library/alpine:3' is not in this runner's allowed images"),
                prepare.stderrText());
    }

    @Test
    void dockerDaemonOverTcpWithoutTlsIsRefusedBeforeAnyConnection() {
        // 127.0.0.1:9 (discard): nothing is ever sent there, the refusal comes first
        JobResult r = refusedJob(newJob().script("echo must-not-run").build(),
                oneAttempt(null, Map.of("DOCKER_HOST", "tcp://127.0.0.1:9")));
        assertEquals(JobStatus.SYSTEM_FAILURE, r.status(), describe(r));
        CallRecord config = r.calls("config").get(0);
        assertEquals(2, config.exitCode());
        assertTrue(config.stderrText().contains("over TCP without TLS"), config.stderrText());
    }
}
