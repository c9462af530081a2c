package dev.secureexecutor.executor.agent;

import dev.secureexecutor.executor.env.RunnerEnv;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code prepare}'s side of the warm path: starts the job's agent at the beginning of {@code prepare} (its JVM
 * start overlaps with {@code prepare}'s Docker work), hands it the runner's environment over a pipe, and at the end
 * tells it to serve ({@link #commit()}) or to exit ({@link #abort()}). The new process's own environment holds only
 * {@link #PASSED} (how to start a JVM and where the runtime dir is; nothing of the job), its arguments only the
 * runner's pid and start time. Its stdout is a pipe to {@code prepare} for {@code ready}; its stderr is discarded:
 * it must hold none of the runner's pipes, or the runner would wait for it. Off with {@code SECURE_EXECUTOR_AGENT=off}
 * or without the launcher ({@code SECURE_EXECUTOR_LAUNCHER}, exported by {@code bin/secure-executor}).
 */
public final class AgentSpawner {
    static final Set<String> PASSED = Set.of("PATH", "HOME", "LANG", "LC_ALL", "JAVA_HOME", "SECURE_EXECUTOR_JAVA",
            "SECURE_EXECUTOR_JAR", "SECURE_EXECUTOR_RUNTIME_DIR", "XDG_RUNTIME_DIR");
    private static final long READY_SECONDS = 20;
    private static final Logger LOG = LoggerFactory.getLogger(AgentSpawner.class);

    private final Process process;
    private final AgentDir dir;
    private final CompletableFuture<Void> sent;

    private AgentSpawner(Process process, AgentDir dir, CompletableFuture<Void> sent) {
        this.process = process;
        this.dir = dir;
        this.sent = sent;
    }

    /** Starts the agent, or returns empty (the job then runs cold) when it is off or cannot start. */
    public static Optional<AgentSpawner> start(RunnerEnv env) {
        Optional<String> launcher = env.get("SECURE_EXECUTOR_LAUNCHER");
        Optional<AgentDir> dir = AgentDir.of(env);
        Optional<WatchedProcess> runner = ProcessHandle.current().parent().flatMap(p -> WatchedProcess.of(p.pid()));
        if (env.get("SECURE_EXECUTOR_AGENT").filter("off"::equals).isPresent() || launcher.isEmpty()
                || dir.isEmpty() || runner.isEmpty()) {
            return Optional.empty();
        }
        dir.get().end(); // an agent of an earlier prepare attempt of this job
        List<String> command = List.of(launcher.get(), "agent", Long.toString(runner.get().pid()),
                Long.toString(runner.get().startTicks()));
        ProcessBuilder pb = new ProcessBuilder(command).directory(new File("/"))
                .redirectInput(ProcessBuilder.Redirect.PIPE).redirectOutput(ProcessBuilder.Redirect.PIPE)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> own = pb.environment();
        own.keySet().retainAll(PASSED);
        try {
            Process process = pb.start();
            // on its own thread: an environment larger than the pipe's buffer waits for the agent's JVM to start
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                try (OutputStream stdin = new NoClose(process.getOutputStream())) {
                    EnvPipe.write(env.all(), stdin);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            return Optional.of(new AgentSpawner(process, dir.get(), sent));
        } catch (IOException e) {
            LOG.debug("no warm agent for this job: {}", e.toString());
            return Optional.empty();
        }
    }

    /** prepare succeeded: the agent may serve. False (and the agent ended) if it is not ready in time. */
    public boolean commit() {
        try {
            sent.get(READY_SECONDS, TimeUnit.SECONDS);
            OutputStream stdin = process.getOutputStream();
            stdin.write(EnvPipe.GO);
            stdin.close();
            CompletableFuture<String> ready = CompletableFuture.supplyAsync(this::firstLine);
            if ("ready".equals(ready.get(READY_SECONDS, TimeUnit.SECONDS))) {
                process.getInputStream().close();
                return true;
            }
        } catch (Exception e) {
            LOG.debug("the warm agent did not start: {}", e.toString());
        }
        abort();
        return false;
    }

    /** prepare failed: the agent reads end of file and exits; it is killed in case it does not. */
    public void abort() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already gone
        }
        process.destroyForcibly();
        dir.end();
    }

    private String firstLine() {
        try {
            return new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        } catch (IOException e) {
            return null;
        }
    }

    /** Lets the environment be written and flushed while stdin stays open for {@link #commit()}. */
    private static final class NoClose extends java.io.FilterOutputStream {
        NoClose(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
