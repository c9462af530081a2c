package dev.secureexecutor.executor.cli;

import dev.secureexecutor.executor.Outcome;
import dev.secureexecutor.executor.credentials.ExitCodeFile;
import dev.secureexecutor.executor.credentials.SecretFiles;
import dev.secureexecutor.executor.io.DriverOutput;
import dev.secureexecutor.executor.job.JobContext;
import dev.secureexecutor.executor.secrets.RuntimeMaskStore;
import dev.secureexecutor.masking.JobOutputMux;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.Labels;
import dev.secureexecutor.sandbox.engine.JobEngine;
import dev.secureexecutor.sandbox.engine.JobEntrypoint;
import dev.secureexecutor.sandbox.engine.ManagedResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code run_exec <script> <stage>}: streams the runner's script into {@code bash} in the job container through the
 * exec's stdin and the output back as it comes. The script's exit code goes to {@code BUILD_EXIT_CODE_FILE}. When
 * the runner stops the stage (SIGTERM to our process group), the script's processes inside the container are
 * stopped too before the driver exits.
 */
public final class RunCommand {
    /** Seconds the stage's processes get between SIGTERM and SIGKILL inside the container. */
    static final int STOP_GRACE_SECONDS = 3;

    private final JobContext job;
    private final JobEngine engine;
    private final DriverOutput out;
    private final Path script;
    private final String stage;
    private final StopSignal signal;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean finished;
    private volatile boolean stopRequested;

    /**
     * How the runner's stop reaches this stage: by default a JVM shutdown hook (gitlab-runner sends SIGTERM to our
     * process group); a test raises it itself.
     */
    interface StopSignal {
        StopSignal SHUTDOWN_HOOK = new StopSignal() {
            @Override
            public void register(Thread onStop) {
                Runtime.getRuntime().addShutdownHook(onStop);
            }

            @Override
            public void unregister(Thread onStop) {
                Runtime.getRuntime().removeShutdownHook(onStop);
            }
        };

        /** The warm agent's: nothing to register; the launcher's SIGTERM arrives as {@link RunCommand#stop()}. */
        StopSignal BY_CALLER = new StopSignal() {
            @Override
            public void register(Thread onStop) {}

            @Override
            public void unregister(Thread onStop) {}
        };

        void register(Thread onStop);

        /** @throws IllegalStateException when the stop is already under way */
        void unregister(Thread onStop);
    }

    public RunCommand(JobContext job, JobEngine engine, DriverOutput out, Path script, String stage) {
        this(job, engine, out, script, stage, StopSignal.SHUTDOWN_HOOK);
    }

    /** The warm agent's: no shutdown hook; the launcher's SIGTERM reaches the stage through {@link #stop()}. */
    public static RunCommand stoppedByCaller(
            JobContext job, JobEngine engine, DriverOutput out, Path script, String stage) {
        return new RunCommand(job, engine, out, script, stage, StopSignal.BY_CALLER);
    }

    /** Stops the stage's processes in the container, as the cold path's SIGTERM does; once, from any thread. */
    public void stop() {
        synchronized (stopped) {
            if (stopRequested) {
                return;
            }
            stopRequested = true;
        }
        stopStage(job.identity().containerName(), job.policy().job().user());
    }

    RunCommand(JobContext job, JobEngine engine, DriverOutput out, Path script, String stage, StopSignal signal) {
        this.signal = signal;
        this.job = job;
        this.engine = engine;
        this.out = out;
        this.script = script;
        this.stage = stage;
    }

    /** Success when the script exited 0, else a build failure (its exit code is in BUILD_EXIT_CODE_FILE). */
    public Outcome call() throws DriverFailure, IOException {
        Optional<Path> exitCodeFile = job.env().buildExitCodeFile();
        if (exitCodeFile.isPresent()) {
            Files.deleteIfExists(exitCodeFile.get());
        }
        String container = job.identity().containerName();
        String user = job.policy().job().user();
        Thread onStop = new Thread(() -> stopStage(container, user), "stop-stage");
        signal.register(onStop);
        int code;
        byte[] body = withSecretFileExports(RuntimeMaskStore.withPrelude(read(script)));
        Instant started = Instant.now();
        JobOutputMux frames = out.jobOutput();
        try {
            code = engine.runScript(
                    container,
                    user,
                    job.policy().job().buildsDir(),
                    entrypoint(),
                    body,
                    frames.stdout(),
                    frames.stderr());
        } finally {
            finished = true;
            Arrays.fill(body, (byte) 0);
            frames.finish();
        }
        try {
            signal.unregister(onStop);
            if (stopRequested) {
                awaitStop(); // a stop through stop(): let it finish with the engine before this call returns
            }
        } catch (IllegalStateException shuttingDown) {
            // the runner stopped the stage: the hook uses the engine's connection; let it finish before it closes
            awaitStop();
        }
        String notKept = RuntimeMaskStore.save(engine, container, user, out.masker());
        if (notKept != null) {
            out.warn("values registered with ::add-mask:: could not be kept for later stages: " + notKept);
        }
        if (code != 0 && engine.oomKilledSince(container, started)) {
            out.warn("stage " + stage + " hit the job's memory limit ("
                    + job.policy().job().memory() + ", no swap):"
                    + " the kernel's OOM killer stopped a process; use less memory or ask the runner's admin to raise"
                    + " job.memory in the policy");
        }
        if (exitCodeFile.isPresent()) {
            ExitCodeFile.write(exitCodeFile.get(), code);
        }
        return code == 0
                ? Outcome.SUCCESS
                : new Outcome.BuildFailure("stage " + stage + "'s script exited with " + code);
    }

    /** The entrypoint prepare recorded on the job container ({@link JobEntrypoint}); empty without one. */
    private List<String> entrypoint() throws DriverFailure {
        Map<String, String> labels = new LinkedHashMap<>();
        Labels.filterFor(job.identity())
                .forEach(f -> labels.put(f.substring(0, f.indexOf('=')), f.substring(f.indexOf('=') + 1)));
        for (ManagedResource r : engine.listManaged(labels)) {
            if (r.kind() == ManagedResource.Kind.CONTAINER && r.labels().containsKey(JobEntrypoint.LABEL)) {
                return JobEntrypoint.fromLabels(r.labels());
            }
        }
        return List.of();
    }

    private void stopStage(String container, String user) {
        try {
            if (finished) {
                return;
            }
            out.warn("the runner stopped stage " + stage + "; stopping its processes in the job container");
            boolean done = engine.stopProcesses(container, user, Duration.ofSeconds(STOP_GRACE_SECONDS));
            if (!done) {
                out.warn("could not confirm that stage " + stage
                        + "'s processes stopped; cleanup removes the container");
            }
            out.finish();
        } finally {
            stopped.countDown();
        }
    }

    private void awaitStop() {
        try {
            stopped.await(STOP_GRACE_SECONDS + 5L, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * With secret files on, the stage script starts with {@code export NAME_FILE=/run/secrets/NAME} lines (names and
     * paths only): the runner writes the scripts, so this is how the job's scripts learn where the files are.
     */
    private byte[] withSecretFileExports(byte[] body) {
        if (!job.policy().credentials().secretFiles()) {
            return body;
        }
        byte[] exports = SecretFiles.exports(job.payload());
        byte[] joined = new byte[exports.length + body.length];
        System.arraycopy(exports, 0, joined, 0, exports.length);
        System.arraycopy(body, 0, joined, exports.length, body.length);
        Arrays.fill(body, (byte) 0);
        return joined;
    }

    /** The script holds every job secret: it stays in this array, which is zeroed after the stage. */
    private static byte[] read(Path script) throws DriverFailure, IOException {
        try {
            return Files.readAllBytes(script);
        } catch (NoSuchFileException e) {
            throw DriverFailure.system(
                    "the stage script " + script + " does not exist",
                    "run_exec is called by gitlab-runner as: run <script path> <stage name>");
        }
    }
}
