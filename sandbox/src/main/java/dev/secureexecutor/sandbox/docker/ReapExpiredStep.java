package dev.secureexecutor.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.JobIdentity;
import dev.secureexecutor.sandbox.Labels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the jobs of this host whose deadline has passed (their runner or driver died, so no cleanup came) and
 * removes everything labelled for them: container (and with it every tmpfs holding the job's credentials),
 * network, volumes. Only resources labelled with this host's name are considered, so runners on other machines
 * sharing a daemon keep theirs; a resource without a deadline label is left alone.
 */
public final class ReapExpiredStep {
    /** One reaped job and what its removal found. */
    public record Reaped(JobIdentity job, RemoveJobResourcesStep.Result result) {}

    private final DockerClient docker;
    private final String hostName;
    private final long nowEpochSeconds;

    public ReapExpiredStep(DockerClient docker, String hostName, long nowEpochSeconds) {
        this.docker = docker;
        this.hostName = hostName;
        this.nowEpochSeconds = nowEpochSeconds;
    }

    public List<Reaped> call() throws DriverFailure {
        Map<String, JobIdentity> expired = new LinkedHashMap<>();
        try {
            Map<String, String> filter = Map.of(Labels.MANAGED, "true", Labels.HOST, hostName);
            for (Container c : docker.listContainersCmd().withShowAll(true).withLabelFilter(filter).exec()) {
                consider(c.getLabels(), expired);
            }
            List<String> networkFilter = List.of(Labels.MANAGED + "=true", Labels.HOST + "=" + hostName);
            for (Network n : docker.listNetworksCmd().withFilter("label", networkFilter).exec()) {
                consider(n.getLabels(), expired);
            }
        } catch (RuntimeException e) {
            throw DockerErrors.translate("list this host's job containers", e);
        }
        List<Reaped> reaped = new ArrayList<>();
        for (JobIdentity job : expired.values()) {
            reaped.add(new Reaped(job, new RemoveJobResourcesStep(docker, job).call()));
        }
        return reaped;
    }

    private void consider(Map<String, String> labels, Map<String, JobIdentity> expired) {
        if (labels == null) {
            return;
        }
        String deadline = labels.get(Labels.DEADLINE);
        String jobId = labels.get(Labels.JOB_ID);
        String gitlab = labels.get(Labels.GITLAB_HOST);
        if (deadline == null || jobId == null || gitlab == null) {
            return;
        }
        try {
            if (Long.parseLong(deadline) >= nowEpochSeconds) {
                return;
            }
            JobIdentity job = new JobIdentity(Long.parseLong(jobId), gitlab, labels.get(Labels.RUNNER),
                    labels.get(Labels.PROJECT), labels.get(Labels.HOST));
            expired.putIfAbsent(gitlab + "#" + jobId, job);
        } catch (NumberFormatException e) {
            // a label this driver did not write: not ours to reap
        }
    }
}
