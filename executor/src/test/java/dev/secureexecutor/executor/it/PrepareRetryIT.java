package dev.secureexecutor.executor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.executor.sim.DockerCli;
import dev.secureexecutor.executor.sim.DockerLeftovers;
import dev.secureexecutor.executor.sim.JobObserver;
import dev.secureexecutor.executor.sim.JobResult;
import dev.secureexecutor.executor.sim.JobSpec;
import dev.secureexecutor.executor.sim.JobStatus;
import dev.secureexecutor.executor.sim.RunningJob;
import dev.secureexecutor.sandbox.JobIdentity;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * (e) Prepare again after a half-created environment: a leftover container with the job's labels and name (as a
 * crashed earlier attempt leaves), or a prepare killed mid-way. The job must still succeed with one container.
 */
class PrepareRetryIT extends DockerTierTestBase {

    /** Counts the job's containers while build_script runs. */
    private static final class ContainerCount implements JobObserver {
        private final long jobId;
        final AtomicReference<List<String>> seen = new AtomicReference<>(List.of());

        ContainerCount(long jobId) {
            this.jobId = jobId;
        }

        @Override
        public void stageStarted(String stage, long pid) {
            if (stage.equals("build_script")) {
                seen.set(DockerLeftovers.containers(jobId));
            }
        }
    }

    @Test
    void prepareSucceedsOverALeftoverContainerOfTheSameJob() {
        JobSpec job = newJob().script("echo \"fresh-$((6 * 7))\"").build();
        String host = gitlab.url().getHost() + ":" + gitlab.url().getPort();
        String name = new JobIdentity(job.jobId(), host, "", job.projectPath(), "").containerName();
        DockerCli.Result created = DockerCli.run(
                "create",
                "--name",
                name,
                "--label",
                DockerLeftovers.MANAGED_LABEL + "=true",
                "--label",
                DockerLeftovers.JOB_ID_LABEL + "=" + job.jobId(),
                "--label",
                DockerLeftovers.GITLAB_HOST_LABEL + "=" + host,
                DockerTier.DEFAULT_IMAGE,
                "true");
        assertEquals(0, created.exitCode(), "could not create the leftover: " + created.stderr());

        ContainerCount count = new ContainerCount(job.jobId());
        JobResult r = run(job, count);

        assertEquals(JobStatus.SUCCESS, r.status(), describe(r));
        assertTrue(r.driverLog().contains("\nfresh-42"), describe(r));
        assertEquals(1, count.seen.get().size(), "exactly one container during the build: " + count.seen.get());
        assertNoStackTrace(r.driverLog() + r.runnerLog());
    }

    @Test
    void jobSucceedsAfterAnEarlierPrepareOfTheSameJobWasKilledMidway() throws InterruptedException {
        JobSpec first = newJob().script("echo never").build();
        gitlab.registerJob(first);
        RunningJob running = simulator().start(first, JobObserver.NONE);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (DockerLeftovers.containers(first.jobId()).isEmpty()
                && !running.isDone()
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        running.abort();
        JobResult aborted = running.await(Duration.ofMinutes(2));
        gitlab.unregisterJob(first);
        assertEquals(JobStatus.CANCELED, aborted.status(), describe(aborted));
        assertEquals(List.of(), DockerLeftovers.all(first.jobId()), "cleanup after the killed prepare");

        JobSpec again = JobSpec.builder(first.jobId(), gitlab.url())
                .commit("main", sha)
                .script("echo \"second-$((6 * 7))\"")
                .build();
        ContainerCount count = new ContainerCount(again.jobId());
        JobResult r = run(again, count);
        assertEquals(JobStatus.SUCCESS, r.status(), describe(r));
        assertTrue(r.driverLog().contains("\nsecond-42"), describe(r));
        assertEquals(1, count.seen.get().size(), "exactly one container: " + count.seen.get());
    }
}
