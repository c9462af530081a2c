package dev.secureexecutor.executor.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Plays gitlab-runner against the real driver launcher, one OS process per driver call, as
 * {@code executors/custom} does: Prepare with its retries, the stages in order, cancel/abort with the kill sequence,
 * cleanup always, then removal of {@code <tmp>}. Thread-safe: concurrent {@link #run} calls are independent jobs.
 */
public final class RunnerSimulator {
    private final SimulatorSettings settings;

    public RunnerSimulator(SimulatorSettings settings) {
        this.settings = settings;
    }

    public SimulatorSettings settings() {
        return settings;
    }

    public JobResult run(JobSpec job) {
        return run(job, JobObserver.NONE);
    }

    /** Runs one job to its end (cleanup included) and reports what happened. */
    public JobResult run(JobSpec job, JobObserver observer) {
        return start(job, observer).await();
    }

    /** Starts one job on its own thread; the handle can cancel or abort it like GitLab would. */
    public RunningJob start(JobSpec job, JobObserver observer) {
        if (!Files.isExecutable(settings.launcher())) {
            throw new IllegalStateException("driver launcher " + settings.launcher()
                    + " is missing or not executable: build it (scripts/setup.sh)");
        }
        JobContext ctx = new JobContext(job, settings, observer);
        CompletableFuture<JobResult> result = new CompletableFuture<>();
        Thread thread = new Thread(
                () -> {
                    try (ctx) {
                        result.complete(execute(ctx));
                    } catch (IOException e) {
                        result.completeExceptionally(
                                new UncheckedIOException("simulated runner failed for job " + job.jobId, e));
                    } catch (InterruptedException | RuntimeException e) {
                        result.completeExceptionally(e);
                    }
                },
                "sim-job-" + job.jobId);
        thread.start();
        return new RunningJob(ctx, result);
    }

    private JobResult execute(JobContext ctx) throws IOException, InterruptedException {
        ctx.interruptions.start();
        ctx.jobLog.runnerMessage("Running with gitlab-runner " + RunnerVariables.RUNNER_VERSION + " (simulated) on "
                + settings.runnerHostname());
        ctx.jobLog.runnerMessage("Preparing the \"custom\" executor");
        CleanupCall cleanup = new CleanupCall(ctx);
        PrepareSequence.Outcome prepared = new PrepareSequence(ctx, cleanup).run();
        if (!prepared.prepared()) {
            ctx.jobLog.runnerMessage("ERROR: Job failed: " + prepared.reason());
            return result(
                    ctx,
                    prepared.failure(),
                    Optional.empty(),
                    prepared.reason(),
                    prepared.attempts(),
                    prepared.config());
        }
        Path tmp = prepared.tmp().orElseThrow();
        ConfigOutput config = prepared.config().orElseThrow();
        StageRunner runner = new StageRunner(ctx, tmp, config);
        StageSequence.Ending ending = null;
        try {
            ending = new StageSequence(ctx, runner).run();
        } finally {
            if (!ctx.interruptions.runnerCrashed()) {
                cleanup.runAndRemove(tmp, prepared.config(), true, ending == null ? "failed" : ending.ciJobStatus());
            }
        }
        if (ctx.interruptions.runnerCrashed()) {
            // a dead runner calls nothing more and leaves <tmp> behind
            return result(
                    ctx,
                    JobStatus.RUNNER_CRASHED,
                    Optional.empty(),
                    ctx.interruptions.abortReason(),
                    prepared.attempts(),
                    prepared.config());
        }
        runner.awaitPending();
        ctx.jobLog.runnerMessage(
                switch (ending.status()) {
                    case SUCCESS -> "Job succeeded";
                    case CANCELED -> "ERROR: Job canceled: " + ending.reason();
                    default -> "ERROR: Job failed: " + ending.reason();
                });
        return result(ctx, ending.status(), ending.exitCode(), ending.reason(), prepared.attempts(), prepared.config());
    }

    private static JobResult result(
            JobContext ctx,
            JobStatus status,
            Optional<Integer> exitCode,
            String reason,
            int attempts,
            Optional<ConfigOutput> config) {
        List<String> masked = ctx.payloadVariables.stream()
                .filter(JobVariable::masked)
                .map(JobVariable::value)
                .distinct()
                .toList();
        return new JobResult(
                ctx.job.jobId,
                status,
                exitCode,
                reason,
                attempts,
                ctx.calls(),
                ctx.stages(),
                ctx.jobLog.text(),
                ctx.jobLog.driverText(),
                ctx.runnerLog.text(),
                config,
                ctx.tmpDirs(),
                masked);
    }
}
