package dev.secureexecutor.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.secureexecutor.sandbox.DriverFailure;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Runs one stage script in the job container: {@code bash} reads the script from the exec's stdin, so the script
 * (which holds every job secret) is never a file on the host or in a container layer, nor a process argument.
 * stdout and stderr frames are written to their own streams as they arrive, each flushed at once.
 */
public final class ExecScriptStep {
    /**
     * docker-java cannot half-close a hijacked Unix-socket connection (its socket's {@code shutdownOutput} throws),
     * so {@code bash} reading the exec's stdin would never see EOF. This reader takes exactly the script's length
     * (passed as {@code $1}, not a secret) with bash builtins only, so nothing but memory and a pipe holds it, and
     * hands it to {@code bash} on a pipe that does end. Like {@code bash < script}, commands that read stdin get
     * what follows them in the script, then EOF.
     */
    static final String READER = "exec bash < <(export LC_ALL=C; IFS= read -r -d '' -N \"$1\" script;"
            + " printf '%s' \"$script\")";

    private final DockerClient docker;
    private final String container;
    private final String user;
    private final String workingDir;
    private final java.util.List<String> entrypoint;

    public ExecScriptStep(DockerClient docker, String container, String user, String workingDir) {
        this(docker, container, user, workingDir, java.util.List.of());
    }

    /** @param entrypoint run in front of the stage's shell ({@link JobEntrypoint}); empty for none */
    public ExecScriptStep(DockerClient docker, String container, String user, String workingDir,
            java.util.List<String> entrypoint) {
        this.docker = docker;
        this.container = container;
        this.user = user;
        this.workingDir = workingDir;
        this.entrypoint = java.util.List.copyOf(entrypoint);
    }

    /** The exec's command: the entrypoint, if any, then the shell that reads the script from stdin. */
    String[] command(int length) {
        java.util.List<String> cmd = new java.util.ArrayList<>(entrypoint);
        cmd.addAll(java.util.List.of("bash", "-c", READER, "secure-executor-stage", Integer.toString(length)));
        return cmd.toArray(String[]::new);
    }

    /**
     * @return the script's exit code
     * @throws DriverFailure (system) when the container, daemon or exec fails rather than the script
     */
    public int call(byte[] script, OutputStream out, OutputStream err) throws DriverFailure {
        String execId = create(script.length);
        FrameSink sink = new FrameSink(out, err);
        try {
            docker.execStartCmd(execId).withDetach(false).withTty(false).withStdIn(new java.io.ByteArrayInputStream(script)).exec(sink).awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DriverFailure.system("interrupted while the stage script ran", "the runner stopped the stage");
        } catch (RuntimeException e) {
            throw DockerErrors.translate("stream the stage script's output", e);
        }
        sink.rethrow();
        Long code;
        try {
            code = docker.inspectExecCmd(execId).exec().getExitCodeLong();
        } catch (NotFoundException e) {
            throw gone();
        } catch (RuntimeException e) {
            throw DockerErrors.translate("read the stage script's exit code", e);
        }
        if (code == null) {
            throw DriverFailure.system("the stage script did not finish: the job container " + container
                    + " stopped underneath it", "check the host (docker events, dmesg) for what stopped it");
        }
        return code.intValue();
    }

    private String create(int length) throws DriverFailure {
        try {
            return docker.execCreateCmd(container)
                    .withAttachStdin(true)
                    .withAttachStdout(true)
                    .withAttachStderr(true)
                    .withTty(false)
                    .withPrivileged(false)
                    .withUser(user)
                    .withWorkingDir(workingDir)
                    .withCmd(command(length))
                    .exec()
                    .getId();
        } catch (NotFoundException e) {
            throw gone();
        } catch (ConflictException e) {
            throw DriverFailure.system("the job container " + container + " is not running",
                    "it was stopped or killed outside this job's stages; the job cannot continue");
        } catch (RuntimeException e) {
            throw DockerErrors.translate("start the stage script", e);
        }
    }

    private DriverFailure gone() {
        return DriverFailure.system("the job container " + container + " does not exist",
                "prepare did not run or cleanup already removed it; retry the job");
    }

    /** Copies frames to the right stream; keeps the first write failure to report after the exec ends. */
    private static final class FrameSink extends ResultCallback.Adapter<Frame> {
        private final OutputStream out;
        private final OutputStream err;
        private volatile IOException failure;

        FrameSink(OutputStream out, OutputStream err) {
            this.out = out;
            this.err = err;
        }

        @Override
        public void onNext(Frame frame) {
            OutputStream target = frame.getStreamType() == StreamType.STDERR ? err : out;
            try {
                target.write(frame.getPayload());
                target.flush();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }

        void rethrow() {
            if (failure != null) {
                throw new UncheckedIOException("writing the job log failed", failure);
            }
        }
    }
}
