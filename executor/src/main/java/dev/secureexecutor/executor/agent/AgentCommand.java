package dev.secureexecutor.executor.agent;

import com.github.dockerjava.api.DockerClient;
import dev.secureexecutor.executor.env.RunnerEnv;
import dev.secureexecutor.executor.io.DriverOutput;
import dev.secureexecutor.executor.job.JobContext;
import dev.secureexecutor.executor.job.PolicySource;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.docker.DockerConnection;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code agent <runner pid> <runner start ticks>}: the job's warm driver, started by {@code prepare} (the process is
 * already hardened by {@code Main}). It reads the runner's environment from stdin ({@link EnvPipe}), opens the job
 * (policy, payload, masker) and the Docker client while {@code prepare} works, and once {@code prepare} says go,
 * creates its directory and request FIFO, prints {@code ready} and serves run and cleanup calls. It ends, wiping the
 * job's secrets and removing its directory: after cleanup, at the job's deadline (its timeout plus the policy's
 * {@code orphan_grace_seconds}, at most {@link #DEADLINE_MARGIN_SECONDS}: never later than the container's own
 * deadline label), when the runner process that ran {@code prepare} is gone, or on SIGTERM.
 */
public final class AgentCommand {
    static final long DEADLINE_MARGIN_SECONDS = 60;
    private static final long WATCH_MILLIS = 250;

    private final DriverOutput out;
    private final WatchedProcess runner;
    private final CountDownLatch done = new CountDownLatch(1);

    public AgentCommand(DriverOutput out, String[] args) throws DriverFailure {
        this.out = out;
        if (args.length != 3) {
            throw DriverFailure.system("agent needs the runner's pid and start time", "prepare starts the agent");
        }
        long pid = Long.parseLong(args[1]);
        long ticks = Long.parseLong(args[2]);
        this.runner = WatchedProcess.of(pid).filter(p -> p.startTicks() == ticks)
                .orElseThrow(() -> DriverFailure.system("the runner process " + pid + " is gone", "none"));
    }

    public int call() throws Exception {
        RunnerEnv env = new RunnerEnv(EnvPipe.read(System.in));
        JobContext job = JobContext.open(env, PolicySource.load(env), out);
        Instant deadline = Instant.now().plusSeconds(job.timeoutSeconds()
                + Math.min(DEADLINE_MARGIN_SECONDS, job.policy().credentials().orphanGraceSeconds()));
        AgentDir dir = AgentDir.of(env).orElseThrow(() -> DriverFailure.system("no JOB_RESPONSE_FILE", "none"));
        try (DockerClient docker = DockerConnection.open(env.dockerEndpoint())) {
            WarmStages stages = new WarmStages(docker);
            AgentJob agent = new AgentJob(job, out.masker(), stages, runner);
            Thread onSigterm = new Thread(() -> end(agent, dir), "agent-exit");
            Runtime.getRuntime().addShutdownHook(onSigterm);
            if (System.in.read() != EnvPipe.GO) {
                return 0; // prepare failed or died: nothing to serve
            }
            stages.warmUp(job);
            dir.create();
            Fifo.make(dir.request(), 0600);
            Files.writeString(dir.pidFile(), WatchedProcess.self().pidLine());
            out.protocol().write("ready\n".getBytes(StandardCharsets.US_ASCII));
            out.protocol().flush();
            Thread server = new Thread(() -> serve(agent, dir), "agent-requests");
            server.setDaemon(true);
            server.start();
            watch(agent, deadline);
            end(agent, dir);
            try {
                Runtime.getRuntime().removeShutdownHook(onSigterm);
            } catch (IllegalStateException shuttingDown) {
                // SIGTERM raced the end: the hook does the same
            }
        }
        return 0;
    }

    /** Reads request lines; each call runs on its own thread (a stop must reach a running stage). */
    private void serve(AgentJob agent, AgentDir dir) {
        // read-write, so opening never waits for a writer and the FIFO never reads end of file
        try (RandomAccessFile fifo = new RandomAccessFile(dir.request().toFile(), "rw");
                BufferedReader lines = new BufferedReader(new InputStreamReader(new FileInputStream(fifo.getFD()),
                        StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                AgentRequest.parse(line).ifPresent(request -> dispatch(agent, request));
            }
        } catch (IOException e) {
            done.countDown();
        }
    }

    private void dispatch(AgentJob agent, AgentRequest request) {
        if (request.verb().equals("stop")) {
            agent.stop(request.launcherPid());
            return;
        }
        Thread call = new Thread(new AgentCall(agent, request, done::countDown), "agent-" + request.verb());
        call.setDaemon(true);
        call.start();
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

    private static synchronized void end(AgentJob agent, AgentDir dir) {
        dir.remove();
        agent.wipe();
    }
}
