package dev.secureexecutor.executor.cli;

import dev.secureexecutor.executor.Outcome;
import dev.secureexecutor.executor.audit.JobAudit;
import dev.secureexecutor.executor.credentials.DriverFileWipe;
import dev.secureexecutor.executor.io.DriverOutput;
import dev.secureexecutor.executor.job.JobContext;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.engine.JobEngine;
import dev.secureexecutor.sandbox.engine.Removal;

/**
 * {@code cleanup_exec}: removes everything labelled for the job (its container, and with it every tmpfs holding the
 * job's files and credentials; its network; its volumes) and verifies by label that nothing is left. Succeeds when
 * nothing was prepared, and while a stopped {@code run} of the same job is still alive. Then it overwrites and
 * deletes the driver's own file for the job, and records the wipe and its verification in the audit log.
 */
public final class CleanupCommand {
    private final JobContext job;
    private final JobEngine engine;
    private final DriverOutput out;

    public CleanupCommand(JobContext job, JobEngine engine, DriverOutput out) {
        this.job = job;
        this.engine = engine;
        this.out = out;
    }

    public Outcome call() throws DriverFailure {
        long started = System.nanoTime();
        Removal result = engine.removeJob(job.identity());
        int files = DriverFileWipe.wipe(job.env().buildExitCodeFile());
        DriverFailure auditFailure = null;
        try {
            new JobAudit(job.policy().credentials())
                    .wiped(job.identity(), "cleanup", result, files, (System.nanoTime() - started) / 1_000_000);
        } catch (DriverFailure e) {
            auditFailure = e;
        }
        if (!result.verified()) {
            throw DriverFailure.system(
                    "cleanup of job " + job.identity().jobId() + " left " + result.remaining()
                            + " labelled resource(s) behind",
                    "run `secure-executor gc` or remove them with"
                            + " docker rm -f $(docker ps -aq --filter label=dev.secureexecutor.job-id="
                            + job.identity().jobId() + ")");
        }
        out.info("cleanup of job " + job.identity().jobId() + ": removed " + result.containers() + " container(s), "
                + result.networks() + " network(s), " + result.volumes() + " volume(s); verified none remain");
        if (auditFailure != null) {
            throw auditFailure;
        }
        return Outcome.SUCCESS;
    }
}
