package dev.secureexecutor.executor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.executor.sim.JobResult;
import dev.secureexecutor.executor.sim.JobSpec;
import dev.secureexecutor.executor.sim.JobStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** (f) Four jobs at once: each succeeds, sees only its own marker and token, and leaves nothing behind. */
class ConcurrentJobsIT extends DockerTierTestBase {
    private static final int JOBS = 4;

    @Test
    void fourJobsRunInParallelWithoutCrossTalk() throws Exception {
        List<JobSpec> jobs = new ArrayList<>();
        for (int i = 0; i < JOBS; i++) {
            JobSpec.Builder b = newJob().script(
                            "echo \"MARKER-$CI_JOB_ID-$((100 + " + i + "))\"",
                            "./build.sh",
                            "sleep 2",
                            "echo \"still-me-$CI_JOB_ID\"");
            if (i % 2 == 0) {
                b.image(DockerTier.DEFAULT_IMAGE);
            }
            jobs.add(b.build());
        }
        ExecutorService pool = Executors.newFixedThreadPool(JOBS);
        List<Future<JobResult>> futures = new ArrayList<>();
        try {
            for (JobSpec job : jobs) {
                futures.add(pool.submit(() -> run(job)));
            }
            for (int i = 0; i < JOBS; i++) {
                JobSpec job = jobs.get(i);
                JobResult r = futures.get(i).get();
                assertEquals(JobStatus.SUCCESS, r.status(), describe(r));
                assertTrue(r.driverLog().contains("\nMARKER-" + job.jobId() + "-" + (100 + i)), describe(r));
                assertTrue(r.driverLog().contains("\nstill-me-" + job.jobId()), describe(r));
                assertTrue(r.driverLog().contains("BUILD-RESULT: sample-project ok"));
                assertTrue(gitlab.successfulRequests(job.token()) > 0, "job " + job.jobId() + " cloned with its token");
                for (JobSpec other : jobs) {
                    if (other != job) {
                        assertFalse(
                                r.driverLog().contains("MARKER-" + other.jobId()),
                                "cross-talk: job " + job.jobId() + " shows job " + other.jobId() + "'s output");
                        assertFalse(r.jobLog().contains(other.token()), "another job's token in the log");
                    }
                }
                assertNoSecretLeaked(r);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
