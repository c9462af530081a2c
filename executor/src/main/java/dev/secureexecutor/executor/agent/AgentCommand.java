package dev.secureexecutor.executor.agent;

import dev.secureexecutor.executor.ExitCodes;
import dev.secureexecutor.executor.Outcome;
import dev.secureexecutor.executor.audit.RefusalAudit;
import dev.secureexecutor.executor.env.RunnerEnv;
import dev.secureexecutor.executor.io.DriverOutput;
import dev.secureexecutor.executor.job.JobContext;
import dev.secureexecutor.executor.job.PolicySource;
import dev.secureexecutor.masking.Masker;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.docker.DockerJobEngine;
import dev.secureexecutor.sandbox.engine.JobEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code agent <launcher pid> <runner pid> <runner start ticks>}: the job's warm driver. The {@code prepare}
 * launcher starts it in the background with an empty environment (the process is hardened by {@code Main} before
 * anything is read); it reads the runner's environment from its launcher ({@link LauncherEnvironment}), runs
 * {@code prepare} itself for that launcher, and when it succeeded serves the job's run and cleanup calls
 * ({@link AgentServer}). It ends, wiping the job's secrets and removing its directory: after cleanup, at the job's
 * deadline (its timeout plus the policy's {@code orphan_grace_seconds}, at most {@link #DEADLINE_MARGIN_SECONDS}:
 * never later than the container's own deadline label), when the runner process that ran {@code prepare} is gone,
 * or on SIGTERM.
 */
public final class AgentCommand {
    static final long DEADLINE_MARGIN_SECONDS = 60;
    private static final long WATCH_MILLIS = 250;

    private final WatchedProcess launcher;
    private final WatchedProcess runner;
    private final CountDownLatch done = new CountDownLatch(1);
    private final AtomicReference<AgentJob> served = new AtomicReference<>();

    public AgentCommand(String[] args) throws DriverFailure {
        if (args.length != 4) {
            throw DriverFailure.system(
                    "agent needs its launcher's pid and the runner's pid and start time",
                    "the prepare launcher starts the agent; it is not for manual use");
        }
        long launcherPid = Long.parseLong(args[1]);
        long runnerPid = Long.parseLong(args[2]);
        long ticks = Long.parseLong(args[3]);
        this.launcher = WatchedProcess.of(launcherPid)
                .filter(l ->
                        ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L) == launcherPid)
                .filter(l -> l.parentPid() == runnerPid)
                .orElseThrow(() -> DriverFailure.system("the agent's launcher is gone", "none"));
        this.runner = WatchedProcess.of(runnerPid)
                .filter(p -> p.startTicks() == ticks)
                .orElseThrow(() -> DriverFailure.system("the runner process " + runnerPid + " is gone", "none"));
    }

    public Outcome call() throws IOException, InterruptedException {
        RunnerEnv env = new RunnerEnv(LauncherEnvironment.of(launcher.pid()));
        AgentDir dir = AgentDir.of(env).orElse(null);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> end(dir), "agent-exit"));
        try (LauncherLink link = LauncherLink.open(launcher)) {
            try {
                if (dir == null) {
                    throw new IOException("no JOB_RESPONSE_FILE");
                }
                dir.end(); // an agent left by an earlier prepare attempt of this job
                dir.create();
            } catch (IOException e) {
                link.send("cold " + e.getMessage()); // the launcher runs prepare without the agent
                return Outcome.SUCCESS;
            }
            link.send("ok");
            int status = prepare(env, link);
            link.closeOutput();
            if (status == 0) {
                Fifo.make(dir.request(), 0600);
                Files.writeString(dir.pidFile(), WatchedProcess.self().pidLine());
            }
            link.send("exit " + status);
        }
        AgentJob agent = served.get();
        if (agent != null) {
            JobContext job = agent.job();
            Instant deadline = Instant.now()
                    .plusSeconds(job.timeoutSeconds()
                            + Math.min(
                                    DEADLINE_MARGIN_SECONDS,
                                    job.policy().credentials().orphanGraceSeconds()));
            new AgentServer(agent, dir, done::countDown).start();
            watch(agent, deadline);
        }
        end(dir);
        return Outcome.SUCCESS;
    }

    /** prepare, in this process, with the exit code the cold path would give; on success the job is kept. */
    private int prepare(RunnerEnv env, LauncherLink link) throws IOException {
        DriverOutput out = DriverOutput.to(link.out(), link.err(), Masker.rulesOnly());
        ExitCodes codes = ExitCodes.from(env);
        JobContext job = null;
        WarmStages stages = null;
        int status;
        try {
            job = JobContext.open(env, PolicySource.load(env), out);
            stages = new WarmStages(connect(job, env, out));
            status = codes.of(stages.prepare(job, out));
        } catch (DriverFailure failure) {
            out.error(failure);
            status = codes.of(failure);
        } catch (Exception | Error unexpected) {
            out.internalError(unexpected, env.debug());
            status = codes.systemFailure();
        }
        out.finish();
        if (status == 0) {
            served.set(new AgentJob(job, out.masker(), stages, runner));
        } else {
            out.masker().wipe();
            if (job != null) {
                job.payload().wipe();
            }
            if (stages != null) {
                stages.close();
            }
        }
        return status;
    }

    private static JobEngine connect(JobContext job, RunnerEnv env, DriverOutput out) throws DriverFailure {
        try {
            return DockerJobEngine.open(env.dockerEndpoint());
        } catch (DriverFailure failure) {
            throw RefusalAudit.of(job, out).record(failure, List.of());
        }
    }

    /** Until cleanup, the deadline, or the runner's end; a launcher that dies mid-stage gets its stage stopped. */
    private void watch(AgentJob agent, Instant deadline) throws InterruptedException {
        while (!done.await(WATCH_MILLIS, TimeUnit.MILLISECONDS)) {
            if (!runner.alive() || Instant.now().isAfter(deadline)) {
                return;
            }
            agent.running().forEach((pid, r) -> {
                if (!r.launcher().alive()) {
                    agent.stop(pid);
                }
            });
        }
    }

    private synchronized void end(AgentDir dir) {
        if (dir != null) {
            dir.remove();
        }
        AgentJob agent = served.getAndSet(null);
        if (agent != null) {
            agent.wipe();
        }
    }
}
