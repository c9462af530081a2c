package dev.secureexecutor.executor.cli;

import dev.secureexecutor.executor.Outcome;
import dev.secureexecutor.executor.credentials.OrphanReaper;
import dev.secureexecutor.executor.engine.GcTarget;
import dev.secureexecutor.executor.env.RunnerEnv;
import dev.secureexecutor.executor.io.DriverOutput;
import dev.secureexecutor.executor.job.HostName;
import dev.secureexecutor.executor.job.PolicySource;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.engine.EngineFactory;
import dev.secureexecutor.sandbox.engine.ExpiredJobs;
import dev.secureexecutor.sandbox.engine.JobEngine;
import dev.secureexecutor.sandbox.policy.Policy;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code gc}: for a systemd timer or cron. Removes the containers, networks and volumes of this host's jobs whose
 * deadline has passed (the runner or the driver died before cleanup), verifies by label that nothing of them
 * remains, and records each wipe in the audit log. Every {@code prepare} does the same first.
 */
public final class GcCommand {
    private final RunnerEnv env;
    private final DriverOutput out;
    private final EngineFactory engines;

    public GcCommand(RunnerEnv env, DriverOutput out, EngineFactory engines) {
        this.env = env;
        this.out = out;
        this.engines = engines;
    }

    public Outcome call() throws DriverFailure {
        Policy policy = PolicySource.load(env);
        List<ExpiredJobs.Reaped> reaped = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        for (GcTarget target : GcTarget.of(policy, engines)) { // every engine of a pool; one bad one stops no other
            try (JobEngine engine = target.open()) {
                reaped.addAll(new OrphanReaper(engine, policy.credentials(), HostName.get(env)).reap("gc"));
                target.sweepRecords(policy);
            } catch (DriverFailure | RuntimeException e) {
                unreachable.add(target.name());
                out.warn("gc: " + target.name() + " could not be swept ("
                        + e.getClass().getSimpleName() + ")");
            }
        }
        int unverified = 0;
        for (ExpiredJobs.Reaped r : reaped) {
            out.info("gc: job " + r.job().jobId() + " of " + r.job().gitlabHost() + " (project "
                    + r.job().projectPath() + ") was past its deadline: removed "
                    + r.result().containers()
                    + " container(s), " + r.result().networks() + " network(s), "
                    + r.result().volumes()
                    + " volume(s)" + (r.result().verified() ? "; verified none remain" : "; SOME REMAIN"));
            unverified += r.result().verified() ? 0 : 1;
        }
        if (unverified > 0) {
            throw DriverFailure.system(
                    "gc could not remove everything of " + unverified + " expired job(s)",
                    "check the Docker daemon's log, then run secure-executor gc again");
        }
        if (!unreachable.isEmpty()) {
            throw DriverFailure.system(
                    "gc could not reach " + String.join(", ", unreachable),
                    "start the engine(s), check their certificates (secure-executor audit), then run gc again");
        }
        out.info("gc: " + reaped.size() + " expired job(s) reaped on " + HostName.get(env));
        return Outcome.SUCCESS;
    }
}
