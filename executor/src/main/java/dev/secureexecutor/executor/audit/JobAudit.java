package dev.secureexecutor.executor.audit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.secureexecutor.executor.job.JobPayload;
import dev.secureexecutor.masking.Secret;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.JobIdentity;
import dev.secureexecutor.sandbox.engine.Removal;
import dev.secureexecutor.sandbox.policy.CredentialPolicy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The lines one job leaves in the audit log: {@code started} (prepare, before the container exists: a job that
 * never reaches a wipe stays visible), {@code refused} (a check turned it away: one line per refused attempt),
 * {@code wiped} (cleanup, or a reaper after a crash, with the verification result).
 */
public final class JobAudit {
    public static final String STARTED = "started";
    public static final String REFUSED = "refused";
    public static final String WIPED = "wiped";

    private final AuditLog log;
    private final CredentialPolicy policy;

    public JobAudit(CredentialPolicy policy) {
        this.policy = policy;
        this.log = new AuditLog(Path.of(policy.auditLog()));
    }

    /** What prepare decided and applied; {@code payload} gives the credentials to fingerprint. */
    public record Start(
            String image,
            String imageId,
            List<String> repoDigests,
            String isolation,
            List<String> decisions,
            long deadline,
            long prepareMillis) {}

    public void started(JobIdentity job, JobPayload payload, Start start) throws DriverFailure {
        ObjectNode e = event(STARTED, job);
        e.put("image", start.image());
        e.put("image_id", start.imageId());
        start.repoDigests().forEach(e.putArray("image_repo_digests")::add);
        e.put("isolation", start.isolation());
        ArrayNode decisions = e.putArray("decisions");
        start.decisions().forEach(decisions::add);
        ObjectNode prints = e.putObject("credentials");
        try (Secret key = FingerprintKey.loadOrCreate(Path.of(policy.auditKeyFile()))) {
            Map<String, String> map = new CredentialFingerprints(key).of(payload);
            map.forEach(prints::put);
        }
        e.put("deadline", Instant.ofEpochSecond(start.deadline()).toString());
        e.putObject("timings").put("prepare_ms", start.prepareMillis());
        log.append(e);
    }

    /**
     * Why a stage turned the job away.
     *
     * @param stage the driver stage that refused it ({@code prepare})
     * @param check which check refused it ({@code host_setup}, {@code docker_endpoint}, {@code image},
     *     {@code project}, {@code id_token})
     * @param exit the exit code class: {@code build_failure} or {@code system_failure}
     * @param decisions what was decided before the refusal
     * @param reason the refusal's message, already masked; never a credential
     */
    public record Refused(String stage, String check, String exit, List<String> decisions, String reason) {}

    public void refused(JobIdentity job, Refused refused) throws DriverFailure {
        ObjectNode e = event(REFUSED, job);
        e.put("stage", refused.stage());
        e.put("check", refused.check());
        e.put("exit", refused.exit());
        ArrayNode d = e.putArray("decisions");
        refused.decisions().forEach(d::add);
        e.put("reason", refused.reason());
        log.append(e);
    }

    /**
     * @param by {@code cleanup}, {@code prepare} (its reaper) or {@code gc}
     * @param driverFiles how many files the driver wrote on the host and overwrote and deleted now
     */
    public void wiped(JobIdentity job, String by, Removal removed, int driverFiles, long millis) throws DriverFailure {
        ObjectNode e = event(WIPED, job);
        e.put("by", by);
        ObjectNode r = e.putObject("removed");
        r.put("containers", removed.containers());
        r.put("networks", removed.networks());
        r.put("volumes", removed.volumes());
        e.put("driver_files_wiped", driverFiles);
        e.put("remaining", removed.remaining());
        e.put("verified", removed.verified());
        e.putObject("timings").put("wipe_ms", millis);
        log.append(e);
    }

    private static ObjectNode event(String kind, JobIdentity job) {
        ObjectNode e = AuditLog.newEvent();
        e.put("time", Instant.now().toString());
        e.put("event", kind);
        e.put("job_id", job.jobId());
        e.put("gitlab_host", job.gitlabHost());
        e.put("project", job.projectPath());
        e.put("runner", job.runnerId());
        e.put("host", job.hostName());
        return e;
    }
}
