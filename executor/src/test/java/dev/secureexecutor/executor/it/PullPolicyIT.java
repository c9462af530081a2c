package dev.secureexecutor.executor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.executor.sim.JobResult;
import dev.secureexecutor.executor.sim.JobSpec;
import dev.secureexecutor.executor.sim.JobStatus;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job's {@code image: pull_policy:} against the admin's {@code allowed_pull_policies}: a job cannot make a
 * {@code never} runner pull (gitlab-runner#37859), and an allowed request is honoured.
 */
class PullPolicyIT extends DockerTierTestBase {
    @TempDir
    Path dir;

    private JobResult runWith(Path policy, JobSpec job) {
        gitlab.registerJob(job);
        try {
            return PolicyFiles.simulator(policy).run(job, dev.secureexecutor.executor.sim.JobObserver.NONE);
        } finally {
            gitlab.unregisterJob(job);
        }
    }

    @Test
    void aJobAskingToPullOnANeverRunnerIsRefusedWithTheAllowedList() throws Exception {
        Path policy = PolicyFiles.write(dir, "");
        JobSpec job = newJob().image(DockerTier.DEFAULT_IMAGE)
                .pullPolicy("always")
                .script("echo never")
                .build();
        JobResult r = runWith(policy, job);

        assertEquals(JobStatus.FAILED, r.status(), describe(r));
        assertEquals(1, r.prepareAttempts(), "a build failure is not retried");
        String out = r.calls("prepare").get(0).allText();
        assertTrue(out.contains("pull_policy [always] is not allowed") && out.contains("allowed: never"), out);
        assertTrue(r.stages().isEmpty(), "nothing ran");
        assertNoStackTrace(out);
        RecordedRefusals.assertRecorded(
                PolicyFiles.auditLog(dir), job.jobId(), 1, "image", "build_failure", "allowed: never", job.token());
    }

    @Test
    void anAllowedPolicyInTheJobsListIsUsed() throws Exception {
        Path policy = PolicyFiles.write(
                dir,
                "[image]\npull_policy = \"never\"\n" + "allowed_pull_policies = [\"never\", \"if-not-present\"]\n",
                "");
        JobSpec job = newJob().image(DockerTier.DEFAULT_IMAGE)
                .pullPolicy("always", "if-not-present")
                .script("echo pulled-or-present")
                .build();
        JobResult r = runWith(policy, job);

        assertEquals(JobStatus.SUCCESS, r.status(), describe(r));
        assertTrue(r.jobLog().contains("pulled-or-present"), r.jobLog());
        assertNoSecretLeaked(r);
    }
}
