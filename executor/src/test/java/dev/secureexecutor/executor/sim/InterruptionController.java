package dev.secureexecutor.executor.sim;

import dev.secureexecutor.executor.sim.CallRecord.KillOutcome;
import dev.secureexecutor.executor.sim.Interruption.Mode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Delivers a job's cancel/abort (and its timeout, an abort too) to whatever driver call is running: CANCEL kills
 * only a user-script call ({@code build_script}/{@code step_*}), ABORT kills the current call (config, prepare or
 * run; never cleanup). Kills run the runner's kill sequence on their own thread so the job thread keeps waiting on
 * the process like the runner does.
 */
final class InterruptionController implements AutoCloseable {
    private final Optional<Interruption> plan;
    private final Duration jobTimeout;
    private final Duration graceful;
    private final Duration force;
    private final JobLog jobLog;
    private final ScheduledExecutorService threads = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "sim-interrupt-clock");
        t.setDaemon(true);
        return t;
    });
    private final CompletableFuture<Void> abortSignal = new CompletableFuture<>();
    private final Map<DriverCall, Mode> killedCalls = new IdentityHashMap<>();
    private final List<CompletableFuture<KillOutcome>> kills = new ArrayList<>();
    private final Map<DriverCall, CompletableFuture<KillOutcome>> killByCall = new IdentityHashMap<>();
    private Mode fired;
    private String abortReason = "";
    private DriverCall current;
    private boolean currentIsUserScript;

    InterruptionController(
            Optional<Interruption> plan, Duration jobTimeout, SimulatorSettings settings, JobLog jobLog) {
        this.plan = plan;
        this.jobTimeout = jobTimeout;
        this.graceful = settings.gracefulKill();
        this.force = settings.forceKill();
        this.jobLog = jobLog;
    }

    /** Starts the clocks: the planned delay, if any, and the job timeout. */
    void start() {
        plan.flatMap(Interruption::afterStart)
                .ifPresent(delay -> threads.schedule(
                        () -> fire(plan.get().mode(), "requested after " + delay.toMillis() + " ms"),
                        delay.toMillis(),
                        TimeUnit.MILLISECONDS));
        threads.schedule(
                () -> fire(Mode.ABORT, "job timeout of " + jobTimeout.toSeconds() + " s exceeded"),
                jobTimeout.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** A cleaned job-log line arrived; fires the planned interruption if it is the marker. */
    void onLine(String line) {
        plan.ifPresent(p -> p.markerLine().ifPresent(marker -> {
            if (line.trim().equals(marker)) {
                fire(p.mode(), "marker line seen");
            }
        }));
    }

    synchronized void enter(DriverCall call, boolean userScript) {
        current = call;
        currentIsUserScript = userScript;
        if (fired == Mode.ABORT || (fired == Mode.CANCEL && userScript)) {
            kill(call, fired);
        }
    }

    synchronized void leave(DriverCall call) {
        if (current == call) {
            current = null;
        }
    }

    synchronized Optional<Mode> killedAs(DriverCall call) {
        return Optional.ofNullable(killedCalls.get(call));
    }

    /** The kill sequence for {@code call} has ended; with the call still alive that means it gave up. */
    synchronized boolean killSequenceEnded(DriverCall call) {
        CompletableFuture<KillOutcome> kill = killByCall.get(call);
        return kill != null && kill.isDone();
    }

    synchronized boolean canceled() {
        return fired == Mode.CANCEL;
    }

    /** True after an abort, and after a runner crash (nothing more happens then either). */
    synchronized boolean aborted() {
        return fired == Mode.ABORT || fired == Mode.CRASH;
    }

    synchronized boolean runnerCrashed() {
        return fired == Mode.CRASH;
    }

    synchronized String abortReason() {
        return abortReason;
    }

    synchronized boolean timedOut() {
        return abortReason.startsWith("job timeout");
    }

    /** Completes when an ABORT (or the job timeout) fires. */
    CompletableFuture<Void> abortSignal() {
        return abortSignal;
    }

    /** After an abort, go to cleanup at once instead of waiting for the killed run_exec (the 5 min case). */
    boolean cleanupWhileRunning() {
        return plan.map(Interruption::cleanupWhileRunning).orElse(false);
    }

    void fire(Mode mode, String why) {
        if (mode == Mode.KILL_DRIVER || mode == Mode.CRASH) {
            killDriver(mode, why);
            return;
        }
        synchronized (this) {
            if (fired == Mode.ABORT || fired == Mode.CRASH || fired == mode) {
                return;
            }
            fired = mode;
            if (mode == Mode.ABORT) {
                abortReason = why;
            }
            jobLog.runnerMessage(
                    mode == Mode.CANCEL
                            ? "ERROR: Job canceled by the simulated GitLab (" + why + ")"
                            : "ERROR: Job aborted by the simulated GitLab (" + why + ")");
            if (current != null && (mode == Mode.ABORT || currentIsUserScript)) {
                kill(current, mode);
            }
        }
        if (mode == Mode.ABORT) {
            abortSignal.complete(null);
        }
    }

    /** SIGKILL to the current call's group, at once; a crash also ends the runner's part of the job. */
    private void killDriver(Mode mode, String why) {
        DriverCall victim;
        synchronized (this) {
            if (fired == Mode.ABORT || fired == Mode.CRASH) {
                return;
            }
            victim = current;
            if (mode == Mode.CRASH) {
                fired = Mode.CRASH;
                abortReason = "runner crashed (" + why + ")";
            }
        }
        if (victim != null) {
            try {
                victim.signalGroup("KILL");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (mode == Mode.CRASH) {
            abortSignal.complete(null);
        }
    }

    /** Waits until every kill sequence started so far has ended. */
    void awaitKills() throws InterruptedException {
        List<CompletableFuture<KillOutcome>> snapshot;
        synchronized (this) {
            snapshot = List.copyOf(kills);
        }
        for (CompletableFuture<KillOutcome> k : snapshot) {
            try {
                k.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("kill sequence failed", e.getCause());
            }
        }
    }

    private void kill(DriverCall call, Mode mode) {
        if (killedCalls.containsKey(call)) {
            return;
        }
        killedCalls.put(call, mode);
        CompletableFuture<KillOutcome> outcome = new CompletableFuture<>();
        Thread killer = new Thread(
                () -> {
                    try {
                        outcome.complete(call.terminate(graceful, force));
                    } catch (InterruptedException e) {
                        outcome.completeExceptionally(e);
                    } catch (RuntimeException e) {
                        outcome.completeExceptionally(e);
                    }
                },
                "sim-kill-" + call.pid());
        killer.setDaemon(true);
        killer.start();
        kills.add(outcome);
        killByCall.put(call, outcome);
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
