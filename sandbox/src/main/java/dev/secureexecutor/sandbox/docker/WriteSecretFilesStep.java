package dev.secureexecutor.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import dev.secureexecutor.masking.Secret;
import dev.secureexecutor.sandbox.DriverFailure;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes secrets as files (mode 0400, owned by the job user) into a tmpfs directory of the running job container.
 * {@code docker cp} cannot reach a tmpfs (it writes to the layer underneath), so the values travel over an exec's
 * stdin, as the stage scripts do. docker-java cannot half-close that stdin, so the values are length-delimited: the
 * exec's arguments carry only each file's name and byte count, and bash builtins read exactly that many bytes per
 * file. No value is ever an argument, an environment variable or a file outside the tmpfs.
 */
public final class WriteSecretFilesStep {
    /** Variable names only: they become file names. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    static final String WRITER = "set -e; umask 0377; export LC_ALL=C; d=$1; shift;"
            + " while [ $# -gt 1 ]; do IFS= read -r -d '' -N \"$2\" v || [ \"${#v}\" -eq \"$2\" ];"
            + " [ \"${#v}\" -eq \"$2\" ] || exit 3; printf '%s' \"$v\" > \"$d/$1\"; shift 2; done; v=; exit 0";

    private final DockerClient docker;
    private final String container;
    private final String user;
    private final String directory;

    public WriteSecretFilesStep(DockerClient docker, String container, String user, String directory) {
        this.docker = docker;
        this.container = container;
        this.user = user;
        this.directory = directory;
    }

    /**
     * Writes each secret to {@code <directory>/<secret name>}. Names must match {@link #NAME}; values must not hold
     * NUL bytes (bash variables cannot), callers skip those.
     */
    public void call(List<Secret> secrets) throws DriverFailure {
        if (secrets.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("bash", "-c", WRITER, "secure-executor-secrets", directory));
        int total = 0;
        for (Secret s : secrets) {
            if (!NAME.matcher(s.name()).matches()) {
                throw new IllegalArgumentException("not a variable name: " + s.name());
            }
            command.add(s.name());
            command.add(Integer.toString(s.length()));
            total += s.length();
        }
        byte[] input = new byte[total];
        int at = 0;
        for (Secret s : secrets) {
            final int offset = at;
            at += s.withBytes(b -> {
                System.arraycopy(b, 0, input, offset, b.length);
                return b.length;
            });
        }
        try {
            String execId = docker.execCreateCmd(container)
                    .withUser(user)
                    .withAttachStdin(true)
                    .withAttachStdout(true)
                    .withAttachStderr(true)
                    .withPrivileged(false)
                    .withCmd(command.toArray(String[]::new))
                    .exec()
                    .getId();
            docker.execStartCmd(execId).withStdIn(new ByteArrayInputStream(input))
                    .exec(new ResultCallback.Adapter<Frame>()).awaitCompletion();
            Long code = docker.inspectExecCmd(execId).exec().getExitCodeLong();
            if (code == null || code != 0) {
                throw DriverFailure.system("could not write the job's secret files into " + directory
                        + " of the job container (exit " + code + ")", "check that the job image has bash and that"
                        + " the policy's job user can write the secrets tmpfs");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DriverFailure.system("interrupted while writing the job's secret files", "retry the job");
        } catch (RuntimeException e) {
            throw DockerErrors.translate("write the job's secret files", e);
        } finally {
            Arrays.fill(input, (byte) 0);
        }
    }
}
