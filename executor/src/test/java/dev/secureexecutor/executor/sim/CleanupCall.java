package dev.secureexecutor.executor.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code cleanup_exec}: run after every Prepare attempt and after the build, on its own clock (a cancel does not kill
 * it), output to the runner log only; a failure is only a warning. Then the runner removes {@code <tmp>}.
 */
final class CleanupCall {
    private final JobContext ctx;

    CleanupCall(JobContext ctx) {
        this.ctx = ctx;
    }

    void run(Path tmp, Optional<ConfigOutput> config, boolean prepared, String jobStatus)
            throws IOException, InterruptedException {
        ctx.observer.beforeCleanup(prepared);
        String buildsDir =
                config.map(ConfigOutput::buildsDir).filter(d -> !d.isEmpty()).orElse(null);
        boolean shared = config.map(ConfigOutput::buildsDirShared).orElse(false);
        List<JobVariable> vars = RunnerVariables.of(ctx.job, ctx.payloadVariables, buildsDir, shared, jobStatus);
        Map<String, String> jobEnv = config.map(ConfigOutput::jobEnv).orElse(Map.of());
        Map<String, String> env = DriverEnvironment.build(ctx.settings.ownEnvironment(), tmp, jobEnv, vars);
        DriverCall call = ctx.launch("cleanup", tmp, env, JobContext.Routing.RUNNER_LOG, "cleanup");
        CallRecord record =
                call.await(ctx.settings.execTimeout(), ctx.settings.gracefulKill(), ctx.settings.forceKill());
        ctx.record(record);
        if (record.exitCode() != 0) {
            ctx.runnerLog.runnerMessage("WARNING: Cleanup script failed: exit status " + record.exitCode());
        }
    }

    /** Cleanup, then {@code os.RemoveAll(<tmp>)}. */
    void runAndRemove(Path tmp, Optional<ConfigOutput> config, boolean prepared, String jobStatus)
            throws IOException, InterruptedException {
        try {
            run(tmp, config, prepared, jobStatus);
        } finally {
            RunnerTempDir.delete(tmp);
        }
    }
}
