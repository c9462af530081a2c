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
import dev.secureexecutor.sandbox.policy.PolicyLoader;
import java.nio.file.Files;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * Insecure set-ups never run a job: every rejected example in config-examples/rejected/ is refused at its stated
 * stage with its stated reason and the system-failure code, a disallowed or unpinned image is refused as a build
 * failure, and in every case no container is ever created (checked in Docker's event log, not only by leftovers).
 * Every refusal in prepare is exactly one refused line in the audit log, which still verifies.
 */
class RefusalIT extends HardeningTestBase {
    @TempDir
    Path auditDir;

    /** One Prepare attempt: the runner's retries would only repeat the same refusal. */
    private static SimulatorSettings oneAttempt(Path policy, Map<String, String> extraEnv) {
        SimulatorSettings s = withPolicy(settings(), policy);
        Map<String, String> env = new HashMap<>(s.ownEnvironment());
        env.putAll(extraEnv);
        return new SimulatorSettings(
                s.launcher(),
                s.prepareRetryWait(),
                1,
                s.gracefulKill(),
                s.forceKill(),
                s.execTimeout(),
                s.abortWait(),
                env,
                s.runnerHostname());
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
        List<String> created = DockerCli.run(
                        "events",
                        "--since",
                        Long.toString(since.getEpochSecond()),
                        "--until",
                        Long.toString(Instant.now().getEpochSecond() + 1),
                        "--filter",
                        "type=container",
                        "--filter",
                        "event=create",
                        "--filter",
                        "label=dev.secureexecutor.job-id=" + job.jobId(),
                        "--format",
                        "{{.Actor.ID}}")
                .lines();
        assertEquals(List.of(), created, "a container was created for a refused job");
        assertNoStackTrace(r.driverLog() + r.runnerLog());
        assertNoSecretLeaked(r);
        return r;
    }

    /**
     * An image refusal under a policy with its own audit log: refused as the job's build failure, recorded as exactly
     * one refused line (next to cleanup's wipe), and the log still verifies with {@code secure-executor audit-log
     * verify}.
     */
    private void assertImageRefusalRecordedOnce(String imageSection, String image, String reason) throws Exception {
        Path policy = PolicyFiles.write(auditDir, imageSection, "");
        JobSpec job = newJob().image(image).script("echo must-not-run").build();
        JobResult r = refusedJob(job, oneAttempt(policy, Map.of()));
        assertEquals(JobStatus.FAILED, r.status(), describe(r));
        CallRecord prepare = r.calls("prepare").get(0);
        assertEquals(1, prepare.exitCode(), "BUILD_FAILURE_EXIT_CODE: the job asked for it");
        assertTrue(prepare.stderrText().contains(reason), prepare.stderrText());
        RecordedRefusals.assertRecorded(
                PolicyFiles.auditLog(auditDir), job.jobId(), 1, "image", "build_failure", reason, job.token());
        PolicyFiles.DriverRun verify = PolicyFiles.launch(policy, "audit-log", "verify");
        assertEquals(0, verify.exitCode(), verify.output());
        // the runner calls cleanup after the refused prepare; its (empty) wipe is the job's only other line
        assertTrue(
                verify.output().contains("2 line(s), 1 job(s): 0 start(s), 1 wipe(s), 1 refusal(s)"), verify.output());
        assertTrue(verify.output().contains("OK: every line is well-formed"), verify.output());
    }

    @TestFactory
    Stream<DynamicTest> everyRejectedExampleIsRefusedAtItsStageAndNoContainerIsCreated() {
        return RejectedExample.all().stream()
                .map(ex -> DynamicTest.dynamicTest(ex.name(), () -> {
                    JobSpec job = newJob().script("echo must-not-run").build();
                    JobResult r = refusedJob(job, oneAttempt(ex.file(), Map.of()));
                    assertEquals(JobStatus.SYSTEM_FAILURE, r.status(), describe(r));
                    CallRecord failed = r.calls(ex.stage()).get(0);
                    assertEquals(2, failed.exitCode(), ex.stage() + " exits SYSTEM_FAILURE_EXIT_CODE:\n" + describe(r));
                    assertTrue(
                            failed.stderrText()
                                    .toLowerCase(Locale.ROOT)
                                    .contains(ex.reason().toLowerCase(Locale.ROOT)),
                            ex.stage() + " says '" + ex.reason() + "':\n" + failed.stderrText());
                    if (ex.stage().equals("config")) {
                        assertEquals(List.of(), r.calls("prepare"), "prepare never runs after config refused");
                        assertEquals("", failed.stdoutText(), "config's stdout stays free of anything but JSON");
                    } else {
                        Path auditLog = Path.of(
                                PolicyLoader.load(ex.file()).credentials().auditLog());
                        RecordedRefusals.assertRecorded(
                                auditLog, job.jobId(), 1, "host_setup", "system_failure", ex.reason(), job.token());
                    }
                }));
    }

    @Test
    void disallowedImageIsRefusedAsTheJobsBuildFailureAndRecordedOnce() throws Exception {
        assertImageRefusalRecordedOnce(
                "[image]\nallowed = [\"secure-executor/*:*\"]\n",
                "docker.io/library/alpine:3",
                "'docker.io/library/alpine:3' is not in this runner's allowed images");
    }

    @Test
    void imageNotPinnedByDigestIsRefusedAsTheJobsBuildFailureAndRecordedOnce() throws Exception {
        assertImageRefusalRecordedOnce(
                "[image]\ndefault = \"secure-executor/job-bookworm@sha256:" + "0".repeat(64)
                        + "\"\nrequire_digest = true\n",
                "secure-executor/job-bookworm:1",
                "'secure-executor/job-bookworm:1' is not pinned by digest");
    }

    @Test
    void dockerDaemonOverTcpWithoutTlsIsRefusedBeforeAnyConnection() {
        // 127.0.0.1:9 (discard): nothing is ever sent there, the refusal comes first
        JobResult r = refusedJob(
                newJob().script("echo must-not-run").build(),
                oneAttempt(null, Map.of("DOCKER_HOST", "tcp://127.0.0.1:9")));
        assertEquals(JobStatus.SYSTEM_FAILURE, r.status(), describe(r));
        CallRecord config = r.calls("config").get(0);
        assertEquals(2, config.exitCode());
        assertTrue(config.stderrText().contains("over TCP without TLS"), config.stderrText());
    }

    /** gitlab-runner calls config first, which refuses; a prepare started anyway refuses too, and says so in the log. */
    @Test
    void prepareStartedAgainstATcpDaemonWithoutTlsIsARecordedRefusal() throws Exception {
        JobSpec job = newJob().build();
        Path payload = Files.writeString(
                auditDir.resolve("response.json"),
                "{\"id\":" + job.jobId() + ",\"token\":\""
                        + job.token() + "\",\"job_info\":{\"project_full_path\":\"" + PROJECT + "\"},\"variables\":["
                        + "{\"key\":\"CI_JOB_TOKEN\",\"value\":\"" + job.token() + "\",\"masked\":true},"
                        + "{\"key\":\"CI_SERVER_URL\",\"value\":\"" + job.serverUrl() + "\",\"masked\":false}]}");
        Path policy = PolicyFiles.write(auditDir, "");
        PolicyFiles.DriverRun prepare = PolicyFiles.launch(
                policy,
                Map.of(
                        "DOCKER_HOST",
                        "tcp://127.0.0.1:9",
                        "JOB_RESPONSE_FILE",
                        payload.toString(),
                        "SYSTEM_FAILURE_EXIT_CODE",
                        "2"),
                "prepare");
        assertEquals(2, prepare.exitCode(), prepare.output());
        assertTrue(prepare.output().contains("over TCP without TLS"), prepare.output());
        assertNoStackTrace(prepare.output());
        RecordedRefusals.assertRecorded(
                PolicyFiles.auditLog(auditDir),
                job.jobId(),
                1,
                "docker_endpoint",
                "system_failure",
                "DOCKER_HOST=tcp://127.0.0.1:9",
                job.token());
    }
}
