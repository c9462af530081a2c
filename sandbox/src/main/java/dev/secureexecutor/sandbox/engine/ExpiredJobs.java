package dev.secureexecutor.sandbox.engine;

import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.JobIdentity;
import dev.secureexecutor.sandbox.Labels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the jobs of this host whose deadline has passed (their runner or driver died, so no cleanup came) and
 * removes everything labelled for them: containers (and with them every tmpfs holding the job's credentials),
 * network, volumes. Only resources labelled with this host's name are considered, so runners on other machines
 * sharing a daemon keep theirs; a resource without a deadline label is left alone.
 */
public final class ExpiredJobs {
    /** One reaped job and what its removal found. */
    public record Reaped(JobIdentity job, Removal result) {}

    private final JobEngine engine;
    private final String hostName;
    private final long nowEpochSeconds;

    public ExpiredJobs(JobEngine engine, String hostName, long nowEpochSeconds) {
        this.engine = engine;
        this.hostName = hostName;
        this.nowEpochSeconds = nowEpochSeconds;
    }

    public List<Reaped> reap() throws DriverFailure {
        Map<String, JobIdentity> expired = new LinkedHashMap<>();
        for (ManagedResource r : engine.listManaged(Map.of(Labels.MANAGED, "true", Labels.HOST, hostName))) {
            consider(r.labels(), expired);
        }
        List<Reaped> reaped = new ArrayList<>();
        for (JobIdentity job : expired.values()) {
            reaped.add(new Reaped(job, engine.removeJob(job)));
        }
        return reaped;
    }

    private void consider(Map<String, String> labels, Map<String, JobIdentity> expired) {
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
            JobIdentity job = new JobIdentity(
                    Long.parseLong(jobId),
                    gitlab,
                    labels.get(Labels.RUNNER),
                    labels.get(Labels.PROJECT),
                    labels.get(Labels.HOST));
            expired.putIfAbsent(gitlab + "#" + jobId, job);
        } catch (NumberFormatException e) {
            // a label this driver did not write: not ours to reap
        }
    }
}
