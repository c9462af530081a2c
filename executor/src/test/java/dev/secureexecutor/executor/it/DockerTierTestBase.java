package dev.secureexecutor.executor.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.secureexecutor.executor.sim.DockerLeftovers;
import dev.secureexecutor.executor.sim.FakeGitLab;
import dev.secureexecutor.executor.sim.JobObserver;
import dev.secureexecutor.executor.sim.JobResult;
import dev.secureexecutor.executor.sim.JobSpec;
import dev.secureexecutor.executor.sim.RunnerSimulator;
import dev.secureexecutor.executor.sim.SimulatorSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Shared set-up of the Docker tier: the engine check ({@link DockerTier}), one fake GitLab per class, unique job ids,
 * and after EVERY test the check that no container, network or volume labelled with one of its jobs remains (what
 * is found is removed, then the test fails).
 */
@ExtendWith(DockerTier.class)
abstract class DockerTierTestBase {
    static final String PROJECT = "group/project";
    /** Unique across test JVMs sharing one engine: seconds and pid, then up to 1000 jobs per run. */
    private static final AtomicLong NEXT_ID = new AtomicLong(((System.currentTimeMillis() / 1000 % 1_000_000) * 1000
                    + ProcessHandle.current().pid() % 1000)
            * 1000);

    static FakeGitLab gitlab;
    static String sha;

    private final List<Long> jobIds = new ArrayList<>();

    @BeforeAll
    static void startGitLab() throws IOException {
        gitlab = FakeGitLab.start();
        sha = gitlab.addProject(PROJECT);
        HostFirewall.allowGitLab(gitlab.url());
    }

    @AfterAll
    static void stopGitLab() throws IOException {
        if (gitlab != null) {
            HostFirewall.forgetGitLab(gitlab.url());
            gitlab.close();
        }
    }

    /** A job on the shared project with a fresh id and token; its leftovers are checked after the test. */
    synchronized JobSpec.Builder newJob() {
        long id = NEXT_ID.incrementAndGet();
        jobIds.add(id);
        return JobSpec.builder(id, gitlab.url()).commit("main", sha);
    }

    /** Runner defaults shortened: 1 s between Prepare attempts, 10 s graceful and 10 s force kill. */
    static SimulatorSettings settings() {
        return SimulatorSettings.forTests().withKillTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    static RunnerSimulator simulator() {
        return new RunnerSimulator(settings());
    }

    /** Runs a job with its token valid at the fake GitLab while it runs. */
    static JobResult run(JobSpec job, JobObserver observer) {
        gitlab.registerJob(job);
        try {
            return simulator().run(job, observer);
        } finally {
            gitlab.unregisterJob(job);
        }
    }

    static JobResult run(JobSpec job) {
        return run(job, JobObserver.NONE);
    }

    @AfterEach
    void noDockerResourceOfAnyJobRemains() {
        List<String> found = new ArrayList<>();
        List<Long> ids;
        synchronized (this) {
            ids = List.copyOf(jobIds);
        }
        for (long id : ids) {
            List<String> left = DockerLeftovers.all(id);
            if (!left.isEmpty()) {
                found.add("job " + id + ": " + left);
                DockerLeftovers.remove(id);
            }
        }
        if (!found.isEmpty()) {
            fail("the driver left Docker resources behind (removed now): " + found);
        }
    }

    /** No masked value (job token, registry password, id_tokens) appears raw in anything the driver printed. */
    static void assertNoSecretLeaked(JobResult r) {
        for (String secret : r.maskedValues()) {
            String hint = secret.substring(0, Math.min(10, secret.length())) + "...";
            assertFalse(r.jobLog().contains(secret), "a masked value (" + hint + ") is in the job log");
            assertFalse(r.runnerLog().contains(secret), "a masked value (" + hint + ") is in cleanup's output");
            r.calls("config")
                    .forEach(c -> assertFalse(
                            c.stdoutText().contains(secret), "a masked value (" + hint + ") is in config's stdout"));
        }
    }

    /** Errors are one or two lines: no Java stack trace anywhere the driver writes. */
    static void assertNoStackTrace(String output) {
        assertFalse(output.contains("\tat "), "stack trace in driver output:\n" + output);
        assertFalse(output.contains("Exception in thread"), "uncaught exception in driver output:\n" + output);
        assertFalse(output.contains("Caused by: "), "exception chain in driver output:\n" + output);
    }

    static String describe(JobResult r) {
        return r.summary() + "\n--- job log ---\n" + r.jobLog() + "\n--- runner log ---\n" + r.runnerLog();
    }
}
