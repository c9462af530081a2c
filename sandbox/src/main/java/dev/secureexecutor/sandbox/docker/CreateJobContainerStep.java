package dev.secureexecutor.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerResponse;
import dev.secureexecutor.sandbox.ContainerProfile;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.JobIdentity;
import java.util.Map;

/**
 * Creates and starts the job's one container. Its main process only keeps it alive; the job's scripts arrive later
 * through {@link ExecScriptStep}. Nothing secret is in its name, labels, command or environment.
 */
public final class CreateJobContainerStep {
    private final DockerClient docker;
    private final JobIdentity job;
    private final ContainerProfile profile;
    private final String image;
    private final String networkName;
    private final Map<String, String> labels;

    public CreateJobContainerStep(DockerClient docker, JobIdentity job, ContainerProfile profile, String image,
            String networkName, Map<String, String> labels) {
        this.docker = docker;
        this.job = job;
        this.profile = profile;
        this.image = image;
        this.networkName = networkName;
        this.labels = labels;
    }

    /** Returns the container id. */
    public String call() throws DriverFailure {
        String id;
        try {
            CreateContainerResponse created = docker.createContainerCmd(image)
                    .withName(job.containerName())
                    .withHostName("job-" + job.jobId())
                    .withUser(ContainerProfile.KEEPER_USER)
                    .withEntrypoint("sleep")
                    .withCmd("infinity")
                    .withEnv(profile.environment())
                    .withWorkingDir("/")
                    .withLabels(labels)
                    .withAttachStdin(false)
                    .withStdinOpen(false)
                    .withTty(false)
                    .withHostConfig(profile.hostConfig(networkName))
                    .exec();
            id = created.getId();
        } catch (RuntimeException e) {
            throw DockerErrors.translate("create the job container from image '" + image + "'", e);
        }
        try {
            docker.startContainerCmd(id).exec();
        } catch (RuntimeException e) {
            throw DockerErrors.translate("start the job container", e);
        }
        return id;
    }
}
