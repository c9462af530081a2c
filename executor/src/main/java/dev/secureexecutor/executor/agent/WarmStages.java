package dev.secureexecutor.executor.agent;

import com.github.dockerjava.api.DockerClient;
import dev.secureexecutor.executor.cli.CleanupCommand;
import dev.secureexecutor.executor.cli.PrepareCommand;
import dev.secureexecutor.executor.cli.RunCommand;
import dev.secureexecutor.executor.io.DriverOutput;
import dev.secureexecutor.executor.job.JobContext;
import dev.secureexecutor.sandbox.DriverFailure;
import java.nio.file.Path;

/**
 * The one place where the agent calls the stage commands, with the Docker client it keeps warm for the job. The
 * stage classes are the cold path's own; when they take another engine type instead of a raw {@link DockerClient},
 * only this class changes.
 */
final class WarmStages {
    private final DockerClient docker;

    WarmStages(DockerClient docker) {
        this.docker = docker;
    }

    int prepare(JobContext job, DriverOutput out) throws DriverFailure {
        return new PrepareCommand(job, docker, out).call();
    }

    /** A run stage, stopped by the launcher's SIGTERM through {@link RunCommand#stop()}. */
    RunCommand run(JobContext job, DriverOutput out, Path script, String stage) {
        return RunCommand.stoppedByCaller(job, docker, out, script, stage);
    }

    int cleanup(JobContext job, DriverOutput out) throws DriverFailure {
        return new CleanupCommand(job, docker, out).call();
    }
}
