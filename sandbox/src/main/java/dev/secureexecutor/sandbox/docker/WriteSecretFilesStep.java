package dev.secureexecutor.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import dev.secureexecutor.masking.Secret;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.engine.ExecResult;
import dev.secureexecutor.sandbox.engine.ExecSpec;
import dev.secureexecutor.sandbox.engine.JobEngine;
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
    public static final Pattern NAME = JobEngine.SECRET_FILE_NAME;

    static final String WRITER = "set -e; umask 0377; export LC_ALL=C; d=$1; shift;"
            + " while [ $# -gt 1 ]; do IFS= read -r -d '' -N \"$2\" v || [ \"${#v}\" -eq \"$2\" ];"
            + " [ \"${#v}\" -eq \"$2\" ] || exit 3; printf '%s' \"$v\" > \"$d/$1\"; shift 2; done; v=; exit 0";

    private final DockerExec exec;
    private final String container;
    private final String user;
    private final String directory;

    public WriteSecretFilesStep(DockerClient docker, String container, String user, String directory) {
        this.exec = new DockerExec(docker);
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
        ExecSpec spec = new ExecSpec(container, user, null, command, null, "the job's secret files writer");
        try {
            ExecResult result = exec.run(spec, new ByteArrayInputStream(input), null, null);
            if (!result.succeeded()) {
                throw DriverFailure.system(
                        "could not write the job's secret files into " + directory
                                + " of the job container (exit "
                                + (result.exitCode().isPresent()
                                        ? Integer.toString(result.exitCode().getAsInt())
                                        : "null")
                                + ")",
                        "check that the job image"
                                + " has bash and that the policy's job user can write the secrets tmpfs");
            }
        } finally {
            Arrays.fill(input, (byte) 0);
        }
    }
}
