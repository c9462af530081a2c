package dev.secureexecutor.executor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.executor.sim.CallRecord;
import dev.secureexecutor.executor.sim.Interruption;
import dev.secureexecutor.executor.sim.JobResult;
import dev.secureexecutor.executor.sim.JobStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** cleanup_exec runs after every Prepare attempt, so it must succeed when nothing was ever prepared. */
class CleanupIT extends DockerTierTestBase {

    @Test
    void cleanupSucceedsWhenTheJobWasAbortedBeforePrepare() {
        JobResult r = run(newJob().script("echo never")
                .interruption(Interruption.abortAfter(Duration.ofMillis(50)))
                .build());
        assertEquals(JobStatus.CANCELED, r.status(), describe(r));
        assertTrue(
                r.calls("prepare").isEmpty() || r.calls("prepare").get(0).wasSignalled(),
                "the abort hit config or prepare: " + r.summary());
        List<CallRecord> cleanups = r.calls("cleanup");
        assertEquals(1, cleanups.size());
        assertEquals(0, cleanups.get(0).exitCode(), "cleanup with nothing prepared: " + r.runnerLog());
        assertNoStackTrace(r.runnerLog());
    }

    @Test
    void cleanupIsQuietAboutSecretsAndStackTraces() {
        JobResult r = run(newJob().script("echo ok").build());
        assertEquals(JobStatus.SUCCESS, r.status(), describe(r));
        assertEquals(0, r.calls("cleanup").get(0).exitCode());
        assertNoSecretLeaked(r);
        assertNoStackTrace(r.runnerLog());
    }
}
