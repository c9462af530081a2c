package dev.secureexecutor.executor.cli;

import com.github.dockerjava.api.DockerClient;
import dev.secureexecutor.executor.credentials.SecretFiles;
import dev.secureexecutor.executor.io.DriverOutput;
import dev.secureexecutor.executor.job.JobContext;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.docker.ExecScriptStep;
import dev.secureexecutor.sandbox.docker.JobEntrypoint;
import dev.secureexecutor.sandbox.docker.OomCheckStep;
import dev.secureexecutor.sandbox.docker.StopScriptProcessesStep;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
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
    private final DockerClient docker;
    private final DriverOutput out;
    private final Path script;
    private final String stage;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean finished;

    public RunCommand(JobContext job, DockerClient docker, DriverOutput out, Path script, String stage) {
        this.job = job;
        this.docker = docker;
        this.out = out;
        this.script = script;
        this.stage = stage;
    }

    /** Returns 0 when the script succeeded, -1 when it failed (the caller maps that to BUILD_FAILURE_EXIT_CODE). */
    public int call() throws DriverFailure, IOException {
        Optional<Path> exitCodeFile = job.env().buildExitCodeFile();
        if (exitCodeFile.isPresent()) {
            Files.deleteIfExists(exitCodeFile.get());
        }
        String container = job.identity().containerName();
        String user = job.policy().job().user();
        Thread onStop = new Thread(() -> stopStage(container, user), "stop-stage");
        Runtime.getRuntime().addShutdownHook(onStop);
        int code;
        byte[] body = withSecretFileExports(read(script));
        Instant started = Instant.now();
        try {
            code = new ExecScriptStep(docker, container, user, job.policy().job().buildsDir(),
                    JobEntrypoint.of(docker, container)).call(body, out.stdout(), out.stderr());
        } finally {
            finished = true;
            Arrays.fill(body, (byte) 0);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(onStop);
        } catch (IllegalStateException shuttingDown) {
            // the runner stopped the stage: the hook uses the Docker connection; let it finish before it closes
            awaitStop();
        }
        if (code != 0 && new OomCheckStep(docker, container).call(started)) {
            out.warn("stage " + stage + " hit the job's memory limit (" + job.policy().job().memory() + ", no swap):"
                    + " the kernel's OOM killer stopped a process; use less memory or ask the runner's admin to raise"
                    + " job.memory in the policy");
        }
        if (exitCodeFile.isPresent()) {
            Files.writeString(exitCodeFile.get(), code + "\n", StandardCharsets.US_ASCII);
        }
        return code == 0 ? 0 : -1;
    }

    private void stopStage(String container, String user) {
        try {
            if (finished) {
                return;
            }
            out.warn("the runner stopped stage " + stage + "; stopping its processes in the job container");
            boolean done = new StopScriptProcessesStep(docker, container, user).call(STOP_GRACE_SECONDS);
            if (!done) {
                out.warn("could not confirm that stage " + stage + "'s processes stopped; cleanup removes the container");
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
            throw DriverFailure.system("the stage script " + script + " does not exist",
                    "run_exec is called by gitlab-runner as: run <script path> <stage name>");
        }
    }
}
