package dev.secureexecutor.executor.sim;

import dev.secureexecutor.executor.sim.Stage.Kind;
import dev.secureexecutor.executor.sim.StageOutcome.Result;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runner's stage order and skip rules after a successful Prepare ({@code Build.executeScript}): prepare_script,
 * get_sources (with GET_SOURCES_ATTEMPTS and clear_worktree), restore_cache, download_artifacts, build_script and
 * step_*, after_script, archive/upload, cleanup_file_variables; stopping at the first failure except for the stages
 * the runner still runs after one, and making no run_exec call at all after an abort.
 */
final class StageSequence {
    /** The job's end state after the stages, and the CI_JOB_STATUS value cleanup sees. */
    record Ending(JobStatus status, Optional<Integer> exitCode, String reason, String ciJobStatus) {}

    private static final Ending ABORTED = new Ending(JobStatus.CANCELED, Optional.empty(), "aborted", "canceled");

    private final JobContext ctx;
    private final StageRunner runner;

    StageSequence(JobContext ctx, StageRunner runner) {
        this.ctx = ctx;
        this.runner = runner;
    }

    Ending run() throws IOException, InterruptedException {
        JobSpec job = ctx.job;
        Optional<StageOutcome> prepare = stage(Stage.of(Kind.PREPARE_SCRIPT), "running");
        if (prepare.isEmpty()) {
            return aborted();
        }
        if (!prepare.get().succeeded()) {
            return failedBy(prepare.get());
        }
        StageOutcome failure = getSources();
        if (ctx.interruptions.aborted()) {
            return aborted();
        }
        if (failure == null && job.cache) {
            failure = failedOrNull(stage(Stage.of(Kind.RESTORE_CACHE), "running"));
        }
        // download_artifacts: skipped, no dependency of a simulated job has an artifacts_file
        boolean userStepsRan = false;
        if (failure == null && !ctx.interruptions.canceled() && !ctx.interruptions.aborted()) {
            userStepsRan = true;
            failure = failedOrNull(stage(Stage.userScript(Kind.BUILD_SCRIPT, "build_script", job.script), "running"));
            for (Map.Entry<String, List<String>> step : job.extraSteps.entrySet()) {
                if (failure != null || ctx.interruptions.aborted()) {
                    break;
                }
                failure = failedOrNull(
                        stage(Stage.userScript(Kind.USER_STEP, "step_" + step.getKey(), step.getValue()), "running"));
            }
        }
        if (ctx.interruptions.aborted()) {
            return aborted();
        }
        boolean canceled = ctx.interruptions.canceled();
        String status = canceled ? "canceled" : failure != null ? "failed" : "success";
        if (userStepsRan && !job.afterScript.isEmpty()) {
            // errors ignored (AFTER_SCRIPT_IGNORE_ERRORS)
            stage(Stage.userScript(Kind.AFTER_SCRIPT, "after_script", job.afterScript), status);
        }
        boolean ok = failure == null && !canceled;
        if (job.cache && ok && !ctx.interruptions.aborted()) {
            failure = failedOrNull(stage(Stage.of(Kind.ARCHIVE_CACHE), status));
        }
        if (job.artifacts && !ctx.interruptions.aborted()) {
            StageOutcome upload = failedOrNull(
                    stage(Stage.of(ok ? Kind.UPLOAD_ARTIFACTS_ON_SUCCESS : Kind.UPLOAD_ARTIFACTS_ON_FAILURE), status));
            failure = failure == null ? upload : failure;
        }
        if (ctx.interruptions.aborted()) {
            return aborted();
        }
        stage(Stage.of(Kind.CLEANUP_FILE_VARIABLES), status);
        if (canceled) {
            return new Ending(JobStatus.CANCELED, Optional.empty(), "canceled", "canceled");
        }
        return failure == null ? new Ending(JobStatus.SUCCESS, Optional.empty(), "", "success") : failedBy(failure);
    }

    /** get_sources with its attempts; clear_worktree before each retry. Null when it succeeded. */
    private StageOutcome getSources() throws IOException, InterruptedException {
        int attempts = getSourcesAttempts();
        StageOutcome last = null;
        for (int n = 1; n <= attempts && !ctx.interruptions.aborted(); n++) {
            if (n > 1) {
                long backoff = 5000L << Math.min(n - 2, 4);
                ctx.jobLog.runnerMessage("Retrying in " + backoff / 1000 + "s");
                Thread.sleep(backoff);
                stage(Stage.of(Kind.CLEAR_WORKTREE), "running");
            }
            Optional<StageOutcome> o = stage(Stage.of(Kind.GET_SOURCES), "running");
            if (o.isEmpty()) {
                return null;
            }
            if (o.get().succeeded()) {
                return null;
            }
            last = o.get();
        }
        return last;
    }

    private int getSourcesAttempts() {
        for (JobVariable v : ctx.job.userVariables) {
            if (v.key().equals("GET_SOURCES_ATTEMPTS")) {
                try {
                    return Math.max(1, Math.min(10, Integer.parseInt(v.value().trim())));
                } catch (NumberFormatException e) {
                    return 1;
                }
            }
        }
        return 1;
    }

    private Optional<StageOutcome> stage(Stage stage, String status) throws IOException, InterruptedException {
        if (ctx.interruptions.aborted()) {
            return Optional.empty();
        }
        return runner.run(stage, status);
    }

    private static StageOutcome failedOrNull(Optional<StageOutcome> o) {
        return o.isPresent() && !o.get().succeeded() ? o.get() : null;
    }

    private Ending aborted() {
        if (ctx.interruptions.timedOut()) {
            return new Ending(JobStatus.FAILED, Optional.empty(), ctx.interruptions.abortReason(), "failed");
        }
        return ABORTED;
    }

    private static Ending failedBy(StageOutcome o) {
        String why = o.stage() + ": " + o.result() + " (exit " + o.exitCode() + ")";
        if (o.result() == Result.BUILD_FAILURE) {
            return new Ending(JobStatus.FAILED, o.reportedExitCode(), why, "failed");
        }
        if (o.result() == Result.CANCELED || o.result() == Result.ABORTED) {
            return new Ending(JobStatus.CANCELED, Optional.empty(), why, "canceled");
        }
        return new Ending(JobStatus.SYSTEM_FAILURE, Optional.empty(), why, "failed");
    }
}
