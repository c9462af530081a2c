package dev.secureexecutor.executor.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One {@code run_exec <script> <stage>} call: writes the stage's script into a fresh directory, starts the launcher,
 * waits as the runner waits (no limit of its own; after an abort at most {@code abortWait}, or not at all with
 * cleanup-while-running), reads BUILD_EXIT_CODE_FILE and classifies the result.
 */
final class StageRunner {
    private static final Duration POLL = Duration.ofMillis(200);

    private final JobContext ctx;
    private final Path tmp;
    private final ConfigOutput config;
    private DriverCall pending;
    private String pendingStage;

    StageRunner(JobContext ctx, Path tmp, ConfigOutput config) {
        this.ctx = ctx;
        this.tmp = tmp;
        this.config = config;
    }

    /**
     * Runs {@code stage} with {@code CI_JOB_STATUS=jobStatus}. Empty when an abort left the call running: it is then
     * {@link #hasPending() pending} and finished by {@link #awaitPending()} after cleanup.
     */
    Optional<StageOutcome> run(Stage stage, String jobStatus) throws IOException, InterruptedException {
        List<JobVariable> vars = RunnerVariables.of(
                ctx.job, ctx.payloadVariables, config.buildsDir(), config.buildsDirShared(), jobStatus);
        String projectDir = RunnerVariables.projectDir(ctx.job, config.buildsDir(), config.buildsDirShared());
        String hostname = config.hostname().orElse(ctx.settings.runnerHostname());
        Path script = RunnerScriptWriter.write(tmp, stage, new ScriptContext(ctx.job, vars, projectDir, hostname));
        Map<String, String> env = DriverEnvironment.build(ctx.settings.ownEnvironment(), tmp, config.jobEnv(), vars);

        if (stage.kind() == Stage.Kind.BUILD_SCRIPT) {
            ctx.jobLog.runnerMessage("WARNING: the custom executor runs the \"step_script\" stage as \"build_script\"");
        }
        ctx.jobLog.runnerMessage("Executing \"" + stage.name() + "\" stage of the job script");
        DriverCall call = ctx.launch(
                "run " + stage.name(), tmp, env, JobContext.Routing.JOB_LOG, "run", script.toString(), stage.name());
        ctx.observer.stageStarted(stage.name(), call.pid());
        ctx.interruptions.enter(call, stage.isUserScript());
        try {
            if (!waitLikeTheRunner(call)) {
                pending = call;
                pendingStage = stage.name();
                return Optional.empty();
            }
        } finally {
            ctx.interruptions.leave(call);
        }
        return Optional.of(finish(stage.name(), call));
    }

    boolean hasPending() {
        return pending != null;
    }

    /** Lets the kill sequence of a call left running by an abort end, and records it. */
    Optional<StageOutcome> awaitPending() throws InterruptedException {
        if (pending == null) {
            return Optional.empty();
        }
        ctx.interruptions.awaitKills();
        return Optional.of(finish(pendingStage, pending));
    }

    /**
     * True once the call has exited, or its kill sequence gave up ("failed to kill process": the runner moves on);
     * false when an abort says to stop waiting for it.
     */
    private boolean waitLikeTheRunner(DriverCall call) throws InterruptedException {
        CompletableFuture<Object> exitOrAbort = CompletableFuture.anyOf(call.onExit(), ctx.interruptions.abortSignal());
        while (call.isAlive() && !exitOrAbort.isDone()) {
            get(exitOrAbort, POLL);
            if (ctx.interruptions.killSequenceEnded(call)) {
                return true;
            }
        }
        if (!call.isAlive()) {
            return true;
        }
        if (ctx.interruptions.cleanupWhileRunning()) {
            return false;
        }
        get(call.onExit(), ctx.settings.abortWait());
        return !call.isAlive() || ctx.interruptions.killSequenceEnded(call);
    }

    private StageOutcome finish(String stage, DriverCall call) throws InterruptedException {
        ctx.interruptions.awaitKills();
        CallRecord record = call.awaitSignalled(Duration.ZERO);
        ctx.record(record);
        StageOutcome outcome =
                StageOutcome.classify(stage, record, exitCodeFileLine(), ctx.interruptions.killedAs(call));
        ctx.record(outcome);
        ctx.observer.stageFinished(outcome);
        return outcome;
    }

    private Optional<String> exitCodeFileLine() {
        Path file = DriverEnvironment.buildExitCodeFile(tmp);
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return Optional.of(lines.isEmpty() ? "" : lines.get(0));
        } catch (IOException e) {
            return Optional.of("<unreadable: " + e.getMessage() + ">");
        }
    }

    private static void get(CompletableFuture<?> future, Duration limit) throws InterruptedException {
        try {
            future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // exit and abort futures do not fail; a timeout means "stop waiting"
        }
    }
}
