package dev.secureexecutor.executor.sim;

import dev.secureexecutor.executor.sim.CallRecord.KillOutcome;
import dev.secureexecutor.executor.sim.OutputChunk.Stream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One driver executable run as the runner runs it: its own process group ({@code setsid}, so pid == pgid), cwd
 * {@code <tmp>}, stdin {@code /dev/null}, stdout and stderr read separately as they arrive, and the runner's kill
 * sequence (SIGTERM to the group, wait, SIGKILL to the group, wait) on timeout or when asked.
 */
final class DriverCall {
    private static final Duration PIPE_DRAIN = Duration.ofSeconds(5);

    private final String label;
    private final List<String> argv;
    private final Process process;
    private final long startNanos;
    private final Instant started;
    private final Consumer<OutputChunk> listener;
    private final List<OutputChunk> chunks = new ArrayList<>();
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final Thread stdoutReader;
    private final Thread stderrReader;
    private final Object killLock = new Object();
    private volatile long termSentNanos = -1;
    private volatile KillOutcome killOutcome;

    private DriverCall(String label, List<String> argv, Process process, Consumer<OutputChunk> listener) {
        this.label = label;
        this.argv = List.copyOf(argv);
        this.process = process;
        this.startNanos = System.nanoTime();
        this.started = Instant.now();
        this.listener = listener;
        this.stdoutReader = reader(Stream.STDOUT, process.getInputStream());
        this.stderrReader = reader(Stream.STDERR, process.getErrorStream());
    }

    /** Starts {@code argv} (launcher first) with exactly {@code env}; every output chunk also goes to listener. */
    static DriverCall start(
            String label, List<String> argv, Path cwd, Map<String, String> env, Consumer<OutputChunk> listener)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add("setsid");
        command.addAll(argv);
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(cwd.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().clear();
        pb.environment().putAll(env);
        return new DriverCall(label, argv, pb.start(), listener);
    }

    String label() {
        return label;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /**
     * Waits for the exit; past {@code timeout} runs the kill sequence (as the runner does for its exec timeouts),
     * then collects everything into a record.
     */
    CallRecord await(Duration timeout, Duration graceful, Duration force) throws InterruptedException {
        boolean timedOut = !process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (timedOut) {
            terminate(graceful, force);
        }
        return finish(timedOut);
    }

    /** Waits (without a limit) for the exit of a call whose kill sequence another thread runs or ran. */
    CallRecord awaitSignalled(Duration limit) throws InterruptedException {
        process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        return finish(false);
    }

    /** The runner's kill sequence for this call's process group; runs once, later calls return the first result. */
    KillOutcome terminate(Duration graceful, Duration force) throws InterruptedException {
        synchronized (killLock) {
            if (killOutcome != null) {
                return killOutcome;
            }
            if (!process.isAlive()) {
                killOutcome = KillOutcome.EXITED_BEFORE_SIGNAL;
                return killOutcome;
            }
            termSentNanos = System.nanoTime();
            signalGroup("TERM");
            if (process.waitFor(graceful.toMillis(), TimeUnit.MILLISECONDS)) {
                killOutcome = KillOutcome.EXITED_AFTER_TERM;
                return killOutcome;
            }
            signalGroup("KILL");
            killOutcome = process.waitFor(force.toMillis(), TimeUnit.MILLISECONDS)
                    ? KillOutcome.EXITED_AFTER_KILL
                    : KillOutcome.FAILED_TO_KILL;
            return killOutcome;
        }
    }

    /** {@code kill -<sig> -- -<pgid>}: the whole group, as the runner's killer does. */
    void signalGroup(String signal) throws InterruptedException {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, "--", "-" + process.pid())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill(1) to signal the driver's process group", e);
        }
    }

    private CallRecord finish(boolean timedOut) throws InterruptedException {
        long exitNanos = System.nanoTime();
        if (termSentNanos >= 0) {
            synchronized (killLock) {
                // let a concurrent kill sequence settle its outcome
            }
        }
        boolean held = !join(stdoutReader) | !join(stderrReader);
        if (held) {
            closeQuietly(process.getInputStream());
            closeQuietly(process.getErrorStream());
        }
        int exit = process.isAlive() ? -1 : process.exitValue();
        Optional<Duration> termToExit = termSentNanos < 0
                ? Optional.empty()
                : Optional.of(Duration.ofNanos(Math.max(0, exitNanos - termSentNanos)));
        synchronized (this) {
            return new CallRecord(
                    label,
                    argv,
                    exit,
                    started,
                    Duration.ofNanos(exitNanos - startNanos),
                    stdout.toByteArray(),
                    stderr.toByteArray(),
                    chunks,
                    termToExit,
                    Optional.ofNullable(killOutcome),
                    timedOut,
                    held);
        }
    }

    private static boolean join(Thread reader) throws InterruptedException {
        reader.join(PIPE_DRAIN.toMillis());
        return !reader.isAlive();
    }

    private Thread reader(Stream stream, InputStream in) {
        Thread t = new Thread(
                () -> pump(stream, in), "sim-" + label + "-" + stream.name().toLowerCase());
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void pump(Stream stream, InputStream in) {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                byte[] copy = java.util.Arrays.copyOf(buffer, n);
                OutputChunk chunk =
                        new OutputChunk(stream, Duration.ofNanos(System.nanoTime() - startNanos), Instant.now(), copy);
                synchronized (this) {
                    chunks.add(chunk);
                    (stream == Stream.STDOUT ? stdout : stderr).writeBytes(copy);
                }
                listener.accept(chunk);
            }
        } catch (IOException e) {
            // the pipe was closed under us after the exit: what arrived is recorded
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // nothing more to read anyway
        }
    }
}
