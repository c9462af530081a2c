package dev.secureexecutor.executor.sim;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A job the simulator is running on its own thread: GitLab's cancel and abort, and the wait for its result. */
public final class RunningJob {
    private static final Duration DEFAULT_LIMIT = Duration.ofMinutes(15);

    private final JobContext ctx;
    private final CompletableFuture<JobResult> result;

    RunningJob(JobContext ctx, CompletableFuture<JobResult> result) {
        this.ctx = ctx;
        this.result = result;
    }

    public long jobId() {
        return ctx.job.jobId;
    }

    /** Job status {@code canceling}: kill only the user script, then after_script and cleanup run. */
    public void cancel() {
        ctx.interruptions.fire(Interruption.Mode.CANCEL, "requested by the test");
    }

    /** Job status {@code canceled}: kill the current driver call, no further run_exec, then cleanup. */
    public void abort() {
        ctx.interruptions.fire(Interruption.Mode.ABORT, "requested by the test");
    }

    public boolean isDone() {
        return result.isDone();
    }

    public JobResult await() {
        return await(DEFAULT_LIMIT);
    }

    public JobResult await(Duration limit) {
        try {
            return result.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for job " + jobId(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("simulated job " + jobId() + " failed", e.getCause());
        } catch (TimeoutException e) {
            abort();
            throw new IllegalStateException("simulated job " + jobId() + " did not end within " + limit, e);
        }
    }
}
