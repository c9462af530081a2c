package dev.secureexecutor.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.JobIdentity;
import java.util.Map;

/**
 * Creates the job's own bridge network with inter-container traffic off, so no two jobs (and no job and any other
 * container) share a network. It still reaches the outside (GitLab) through the host's NAT.
 */
public final class CreateJobNetworkStep {
    private final DockerClient docker;
    private final JobIdentity job;
    private final Map<String, String> labels;

    public CreateJobNetworkStep(DockerClient docker, JobIdentity job, Map<String, String> labels) {
        this.docker = docker;
        this.job = job;
        this.labels = labels;
    }

    /** Returns the network's name, which the container joins. */
    public String call() throws DriverFailure {
        try {
            docker.createNetworkCmd()
                    .withName(job.networkName())
                    .withDriver("bridge")
                    .withCheckDuplicate(true)
                    .withLabels(labels)
                    .withOptions(Map.of("com.docker.network.bridge.enable_icc", "false"))
                    .exec();
            return job.networkName();
        } catch (RuntimeException e) {
            throw DockerErrors.translate("create the job's network", e);
        }
    }
}
