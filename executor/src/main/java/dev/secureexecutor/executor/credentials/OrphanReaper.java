package dev.secureexecutor.executor.credentials;

import com.github.dockerjava.api.DockerClient;
import dev.secureexecutor.executor.audit.JobAudit;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.docker.ReapExpiredStep;
import dev.secureexecutor.sandbox.policy.CredentialPolicy;
import java.time.Instant;
import java.util.List;

/**
 * Reaps the containers of jobs on this host whose deadline has passed (their runner or driver died before cleanup)
 * and records each wipe in the audit log, so that {@code audit-log verify} sees them closed.
 */
public final class OrphanReaper {
    private final DockerClient docker;
    private final CredentialPolicy policy;
    private final String hostName;

    public OrphanReaper(DockerClient docker, CredentialPolicy policy, String hostName) {
        this.docker = docker;
        this.policy = policy;
        this.hostName = hostName;
    }

    /** @param by who reaps, for the audit log: {@code prepare} or {@code gc} */
    public List<ReapExpiredStep.Reaped> reap(String by) throws DriverFailure {
        long started = System.nanoTime();
        List<ReapExpiredStep.Reaped> reaped = new ReapExpiredStep(docker, hostName, Instant.now().getEpochSecond())
                .call();
        JobAudit audit = new JobAudit(policy);
        for (ReapExpiredStep.Reaped r : reaped) {
            audit.wiped(r.job(), by, r.result(), 0, (System.nanoTime() - started) / 1_000_000);
        }
        return reaped;
    }
}
