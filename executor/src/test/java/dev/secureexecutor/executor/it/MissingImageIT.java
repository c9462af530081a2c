package dev.secureexecutor.executor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.executor.sim.CallRecord;
import dev.secureexecutor.executor.sim.JobResult;
import dev.secureexecutor.executor.sim.JobSpec;
import dev.secureexecutor.executor.sim.JobStatus;
import dev.secureexecutor.sandbox.policy.PolicyLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * (d) An image that does not exist locally: prepare fails short and clear with the system-failure code, and each
 * attempt is a refused line in the audit log.
 */
class MissingImageIT extends DockerTierTestBase {
    private static final String MISSING = "secure-executor/no-such-image:404";

    @Test
    void prepareFailsWithAShortMessageAndIsRetriedThreeTimes() throws Exception {
        JobSpec job = newJob().image(MISSING).script("echo never").build();
        JobResult r = run(job);

        assertEquals(JobStatus.SYSTEM_FAILURE, r.status(), describe(r));
        assertEquals(3, r.prepareAttempts(), "the runner retries a system failure 3 times");
        List<CallRecord> prepares = r.calls("prepare");
        assertEquals(3, prepares.size());
        assertEquals(3, r.calls("cleanup").size(), "cleanup after every failed Prepare");
        for (CallRecord prepare : prepares) {
            assertEquals(2, prepare.exitCode(), "SYSTEM_FAILURE_EXIT_CODE");
            String out = prepare.allText();
            assertNoStackTrace(out);
            long lines = out.lines().filter(l -> !l.isBlank()).count();
            assertTrue(lines >= 1 && lines <= 3, "a short error (1-3 lines), got " + lines + ":\n" + out);
            assertTrue(out.contains(MISSING), "the message names the image:\n" + out);
        }
        assertTrue(r.stages().isEmpty(), "no run_exec without a prepared environment");
        assertNoSecretLeaked(r);
        assertNoStackTrace(r.runnerLog());
        // pull_policy "never" refuses an image the admin did not load: one refused line per attempt
        String policy = System.getenv("SECURE_EXECUTOR_POLICY");
        Path auditLog = Path.of(PolicyLoader.load(policy == null ? null : Path.of(policy))
                .credentials()
                .auditLog());
        RecordedRefusals.assertRecorded(auditLog, job.jobId(), 3, "image", "system_failure", MISSING, job.token());
    }
}
