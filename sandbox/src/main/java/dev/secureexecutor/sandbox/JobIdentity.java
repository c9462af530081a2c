package dev.secureexecutor.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Who a job is, as far as Docker resources are concerned: every container, network and volume of a job carries
 * these labels, and is found and removed by them. Nothing here is secret.
 *
 * @param jobId the GitLab job id (from the trusted payload)
 * @param gitlabHost host[:port] of the GitLab instance; job ids are only unique per instance
 * @param runnerId the runner's id or short token, for operators reading labels
 * @param projectPath the project's full path, for operators
 * @param hostName the machine the driver runs on, so that reaping stays on this host
 */
public record JobIdentity(long jobId, String gitlabHost, String runnerId, String projectPath, String hostName) {

    public JobIdentity {
        Objects.requireNonNull(gitlabHost, "gitlabHost");
        runnerId = runnerId == null ? "" : runnerId;
        projectPath = projectPath == null ? "" : projectPath;
        hostName = hostName == null ? "" : hostName;
    }

    /** Deterministic per job, so {@code run} reaches the container without a lookup. */
    public String containerName() {
        return "secure-executor-" + instanceTag() + "-" + jobId;
    }

    public String networkName() {
        return containerName() + "-net";
    }

    /** Labels identifying this job; {@link Labels#filterFor} selects exactly them. */
    public Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(Labels.MANAGED, "true");
        labels.put(Labels.JOB_ID, Long.toString(jobId));
        labels.put(Labels.GITLAB_HOST, gitlabHost);
        labels.put(Labels.RUNNER, runnerId);
        labels.put(Labels.PROJECT, projectPath);
        labels.put(Labels.HOST, hostName);
        return labels;
    }

    /** Short stable hash of the GitLab host, keeping container names unique across instances. */
    private String instanceTag() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(gitlabHost.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
