package dev.secureexecutor.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerResponse;
import dev.secureexecutor.sandbox.ContainerProfile;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.engine.ContainerSpec;

/**
 * Creates and starts one container of a job. Its main process only keeps it alive; the job's scripts arrive later
 * through {@link ExecScriptStep}. Nothing secret is in its name, labels, command or environment.
 */
public final class CreateJobContainerStep {
    private final DockerClient docker;
    private final ContainerSpec spec;

    public CreateJobContainerStep(DockerClient docker, ContainerSpec spec) {
        this.docker = docker;
        this.spec = spec;
    }

    /** Returns the container id. */
    public String call() throws DriverFailure {
        String id;
        try {
            CreateContainerResponse created = docker.createContainerCmd(spec.image())
                    .withName(spec.name())
                    .withHostName(spec.hostName())
                    .withUser(ContainerProfile.KEEPER_USER)
                    .withEntrypoint("sleep")
                    .withCmd("infinity")
                    .withEnv(spec.profile().environment())
                    .withWorkingDir("/")
                    .withLabels(spec.labels())
                    .withAttachStdin(false)
                    .withStdinOpen(false)
                    .withTty(false)
                    .withHostConfig(spec.profile().hostConfig(spec.network()))
                    .exec();
            id = created.getId();
        } catch (RuntimeException e) {
            throw DockerErrors.translate("create the job container from image '" + spec.image() + "'", e);
        }
        try {
            docker.startContainerCmd(id).exec();
        } catch (RuntimeException e) {
            throw DockerErrors.translate("start the job container", e);
        }
        return id;
    }
}
