package dev.secureexecutor.executor.credentials;

import dev.secureexecutor.executor.audit.JobAudit;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.engine.ExpiredJobs;
import dev.secureexecutor.sandbox.engine.JobEngine;
import dev.secureexecutor.sandbox.policy.CredentialPolicy;
import java.time.Instant;
import java.util.List;

/**
 * Reaps the containers of jobs on this host whose deadline has passed (their runner or driver died before cleanup)
 * and records each wipe in the audit log, so that {@code audit-log verify} sees them closed.
 */
public final class OrphanReaper {
    private final JobEngine engine;
    private final CredentialPolicy policy;
    private final String hostName;

    public OrphanReaper(JobEngine engine, CredentialPolicy policy, String hostName) {
        this.engine = engine;
        this.policy = policy;
        this.hostName = hostName;
    }

    /** @param by who reaps, for the audit log: {@code prepare} or {@code gc} */
    public List<ExpiredJobs.Reaped> reap(String by) throws DriverFailure {
        long started = System.nanoTime();
        List<ExpiredJobs.Reaped> reaped =
                new ExpiredJobs(engine, hostName, Instant.now().getEpochSecond()).reap();
        JobAudit audit = new JobAudit(policy);
        for (ExpiredJobs.Reaped r : reaped) {
            audit.wiped(r.job(), by, r.result(), 0, (System.nanoTime() - started) / 1_000_000);
        }
        return reaped;
    }
}
