package dev.secureexecutor.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.ExecStartCmd;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.engine.ExecResult;
import dev.secureexecutor.sandbox.engine.ExecSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * The one exec sequence every step uses: create the exec (never privileged, never a TTY), start it with the given
 * stdin, copy stdout and stderr frames to their own streams as they arrive (each flushed at once), wait, then read
 * the exit code. Failures become {@link DriverFailure}s naming {@link ExecSpec#what()}.
 */
final class DockerExec {
    private final DockerClient docker;

    DockerExec(DockerClient docker) {
        this.docker = docker;
    }

    ExecResult run(ExecSpec spec, InputStream stdin, OutputStream out, OutputStream err) throws DriverFailure {
        String execId = create(spec, stdin != null);
        FrameSink sink = new FrameSink(out, err);
        boolean completed;
        try {
            ExecStartCmd start = docker.execStartCmd(execId).withDetach(false).withTty(false);
            if (stdin != null) {
                start.withStdIn(stdin);
            }
            FrameSink running = start.exec(sink);
            if (spec.timeout() == null) {
                running.awaitCompletion();
                completed = true;
            } else {
                completed = running.awaitCompletion(spec.timeout().toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DriverFailure.system("interrupted while " + spec.what() + " ran", "the runner stopped the stage");
        } catch (RuntimeException e) {
            throw DockerErrors.translate("stream " + spec.what() + "'s output", e);
        }
        sink.rethrow();
        if (!completed) {
            return new ExecResult(false, OptionalInt.empty());
        }
        Long code;
        try {
            code = docker.inspectExecCmd(execId).exec().getExitCodeLong();
        } catch (NotFoundException e) {
            throw gone(spec.container());
        } catch (RuntimeException e) {
            throw DockerErrors.translate("read " + spec.what() + "'s exit code", e);
        }
        return new ExecResult(true, code == null ? OptionalInt.empty() : OptionalInt.of(code.intValue()));
    }

    private String create(ExecSpec spec, boolean withStdin) throws DriverFailure {
        try {
            var create = docker.execCreateCmd(spec.container())
                    .withAttachStdin(withStdin)
                    .withAttachStdout(true)
                    .withAttachStderr(true)
                    .withTty(false)
                    .withPrivileged(false)
                    .withUser(spec.user())
                    .withCmd(spec.command().toArray(String[]::new));
            if (spec.workingDir() != null) {
                create.withWorkingDir(spec.workingDir());
            }
            return create.exec().getId();
        } catch (NotFoundException e) {
            throw gone(spec.container());
        } catch (ConflictException e) {
            throw DriverFailure.system(
                    "the job container " + spec.container() + " is not running",
                    "it was stopped or killed outside this job's stages; the job cannot continue");
        } catch (RuntimeException e) {
            throw DockerErrors.translate("start " + spec.what(), e);
        }
    }

    static DriverFailure gone(String container) {
        return DriverFailure.system(
                "the job container " + container + " does not exist",
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
            if (target == null) {
                return;
            }
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
