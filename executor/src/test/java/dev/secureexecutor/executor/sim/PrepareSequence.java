package dev.secureexecutor.executor.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runner's {@code Prepare()} with {@code retryCreateExecutor}: per attempt a new {@code <tmp>} with
 * {@code response.json}, config_exec, the builds_dir check, prepare_exec. Anything but a build error (exit 1) is
 * retried after cleanup, up to {@code prepareAttempts} in all; exit 1 is final.
 */
final class PrepareSequence {
    /** The result of the whole sequence: {@code tmp} and {@code config} are present when prepared. */
    record Outcome(Optional<Path> tmp, Optional<ConfigOutput> config, JobStatus failure, String reason, int attempts) {
        boolean prepared() {
            return tmp.isPresent();
        }
    }

    private enum Kind {
        OK,
        BUILD_ERROR,
        RETRYABLE,
        ABORTED
    }

    private record Attempt(Kind kind, Optional<ConfigOutput> config, String reason) {}

    private final JobContext ctx;
    private final CleanupCall cleanup;

    PrepareSequence(JobContext ctx, CleanupCall cleanup) {
        this.ctx = ctx;
        this.cleanup = cleanup;
    }

    Outcome run() throws IOException, InterruptedException {
        int max = ctx.settings.prepareAttempts();
        for (int n = 1; ; n++) {
            Path tmp = RunnerTempDir.create();
            ctx.tmpDirUsed(tmp);
            JobPayloadWriter.write(tmp, ctx.job, ctx.payloadVariables);
            Attempt attempt = attempt(tmp);
            if (attempt.kind() == Kind.OK) {
                return new Outcome(Optional.of(tmp), attempt.config(), JobStatus.SUCCESS, "", n);
            }
            cleanup.runAndRemove(tmp, attempt.config(), false, "failed");
            if (attempt.kind() == Kind.BUILD_ERROR) {
                return new Outcome(Optional.empty(), attempt.config(), JobStatus.FAILED, attempt.reason(), n);
            }
            if (attempt.kind() == Kind.ABORTED) {
                return new Outcome(Optional.empty(), attempt.config(), abortStatus(), attempt.reason(), n);
            }
            ctx.jobLog.runnerMessage("ERROR: Preparation failed: " + attempt.reason());
            if (n >= max) {
                return new Outcome(Optional.empty(), attempt.config(), JobStatus.SYSTEM_FAILURE, attempt.reason(), n);
            }
            ctx.jobLog.runnerMessage(
                    "Will be retried in " + ctx.settings.prepareRetryWait().toMillis() + " ms ...");
            Thread.sleep(ctx.settings.prepareRetryWait().toMillis());
            if (ctx.interruptions.aborted()) {
                return new Outcome(Optional.empty(), attempt.config(), abortStatus(), "aborted", n);
            }
        }
    }

    private JobStatus abortStatus() {
        return ctx.interruptions.timedOut() ? JobStatus.FAILED : JobStatus.CANCELED;
    }

    private Attempt attempt(Path tmp) throws IOException, InterruptedException {
        List<JobVariable> configVars = RunnerVariables.of(ctx.job, ctx.payloadVariables, null, false, "running");
        Map<String, String> configEnv =
                DriverEnvironment.build(ctx.settings.ownEnvironment(), tmp, Map.of(), configVars);
        CallRecord config = call("config", tmp, configEnv, JobContext.Routing.JOB_LOG_STDERR_ONLY);
        if (config == null) {
            return new Attempt(Kind.ABORTED, Optional.empty(), "aborted during config_exec");
        }
        Optional<Attempt> failed = failure("config_exec", config, Optional.empty());
        if (failed.isPresent()) {
            return failed.get();
        }
        ConfigOutput parsed;
        try {
            parsed = ConfigOutput.parse(config.stdoutText());
        } catch (ConfigOutput.InvalidConfigException e) {
            return new Attempt(Kind.RETRYABLE, Optional.empty(), e.getMessage());
        }
        Optional<ConfigOutput> cfg = Optional.of(parsed);
        if (parsed.buildsDir().isEmpty() || parsed.cacheDir().isEmpty()) {
            return new Attempt(Kind.RETRYABLE, cfg, "the builds_dir is not configured");
        }
        if (parsed.driverName().isPresent()) {
            ctx.jobLog.runnerMessage("Using Custom executor with driver "
                    + parsed.driverName().get() + " " + parsed.driverVersion().orElse("") + "...");
        }
        List<JobVariable> vars = RunnerVariables.of(
                ctx.job, ctx.payloadVariables, parsed.buildsDir(), parsed.buildsDirShared(), "running");
        Map<String, String> env = DriverEnvironment.build(ctx.settings.ownEnvironment(), tmp, parsed.jobEnv(), vars);
        CallRecord prepare = call("prepare", tmp, env, JobContext.Routing.JOB_LOG);
        if (prepare == null) {
            return new Attempt(Kind.ABORTED, cfg, "aborted during prepare_exec");
        }
        return failure("prepare_exec", prepare, cfg).orElse(new Attempt(Kind.OK, cfg, ""));
    }

    /** Runs one call; {@code null} when the job's abort killed it. */
    private CallRecord call(String verb, Path tmp, Map<String, String> env, JobContext.Routing routing)
            throws IOException, InterruptedException {
        DriverCall call = ctx.launch(verb, tmp, env, routing, verb);
        ctx.interruptions.enter(call, false);
        CallRecord record;
        try {
            record = call.await(ctx.settings.execTimeout(), ctx.settings.gracefulKill(), ctx.settings.forceKill());
        } finally {
            ctx.interruptions.leave(call);
        }
        ctx.interruptions.awaitKills();
        if (ctx.interruptions.killedAs(call).isPresent()) {
            record = call.awaitSignalled(java.time.Duration.ZERO);
        }
        ctx.record(record);
        return ctx.interruptions.killedAs(call).isPresent() ? null : record;
    }

    private static Optional<Attempt> failure(String what, CallRecord call, Optional<ConfigOutput> cfg) {
        return switch (call.exitCode()) {
            case 0 -> Optional.empty();
            case DriverEnvironment.BUILD_FAILURE_EXIT_CODE ->
                Optional.of(new Attempt(Kind.BUILD_ERROR, cfg, what + ": exit status 1 (build failure)"));
            case DriverEnvironment.SYSTEM_FAILURE_EXIT_CODE ->
                Optional.of(new Attempt(Kind.RETRYABLE, cfg, what + ": exit status 2 (system failure)"));
            default ->
                Optional.of(new Attempt(
                        Kind.RETRYABLE,
                        cfg,
                        what + ": unknown Custom executor executable " + "exit code " + call.exitCode()
                                + (call.timedOut() ? " (timed out)" : "")));
        };
    }
}
