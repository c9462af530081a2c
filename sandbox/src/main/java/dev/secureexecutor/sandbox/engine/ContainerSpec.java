package dev.secureexecutor.sandbox.engine;

import dev.secureexecutor.sandbox.ContainerProfile;
import dev.secureexecutor.sandbox.JobIdentity;
import java.util.Map;

/**
 * One container of a job: its name and host name, the image, the hardened profile, the network it joins and its
 * labels (which must identify the job, so that removal by label finds it). The job's own container is
 * {@link #jobContainer}; a service sidecar would be another spec on the same network.
 */
public record ContainerSpec(
        String name,
        String hostName,
        String image,
        ContainerProfile profile,
        String network,
        Map<String, String> labels) {
    public ContainerSpec {
        labels = Map.copyOf(labels);
    }

    /** The container the job's scripts run in. */
    public static ContainerSpec jobContainer(
            JobIdentity job, ContainerProfile profile, String image, String network, Map<String, String> labels) {
        return new ContainerSpec(job.containerName(), "job-" + job.jobId(), image, profile, network, labels);
    }
}
