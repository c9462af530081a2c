package dev.secureexecutor.executor.agent;

import dev.secureexecutor.executor.Outcome;
import dev.secureexecutor.executor.cli.CleanupCommand;
import dev.secureexecutor.executor.cli.PrepareCommand;
import dev.secureexecutor.executor.cli.RunCommand;
import dev.secureexecutor.executor.io.DriverOutput;
import dev.secureexecutor.executor.job.JobContext;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.engine.JobEngine;
import java.nio.file.Path;

/**
 * The one place where the agent calls the stage commands (the cold path's own classes), with the one
 * {@link JobEngine} it keeps warm for the job.
 */
final class WarmStages {
    private final JobEngine engine;

    WarmStages(JobEngine engine) {
        this.engine = engine;
    }

    Outcome prepare(JobContext job, DriverOutput out) throws DriverFailure {
        return new PrepareCommand(job, engine, out).call();
    }

    /** A run stage, stopped by the launcher's SIGTERM through {@link RunCommand#stop()}. */
    RunCommand run(JobContext job, DriverOutput out, Path script, String stage) {
        return RunCommand.stoppedByCaller(job, engine, out, script, stage);
    }

    Outcome cleanup(JobContext job, DriverOutput out) throws DriverFailure {
        return new CleanupCommand(job, engine, out).call();
    }

    void close() {
        engine.close();
    }
}
