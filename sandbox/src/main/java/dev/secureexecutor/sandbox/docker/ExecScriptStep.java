package dev.secureexecutor.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.engine.ExecResult;
import dev.secureexecutor.sandbox.engine.ExecSpec;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.util.List;

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
    static final String READER =
            "exec bash < <(export LC_ALL=C; IFS= read -r -d '' -N \"$1\" script;" + " printf '%s' \"$script\")";

    private final DockerExec exec;
    private final String container;
    private final String user;
    private final String workingDir;
    private final List<String> entrypoint;

    public ExecScriptStep(DockerClient docker, String container, String user, String workingDir) {
        this(docker, container, user, workingDir, List.of());
    }

    /** @param entrypoint run in front of the stage's shell ({@link JobEntrypoint}); empty for none */
    public ExecScriptStep(
            DockerClient docker, String container, String user, String workingDir, List<String> entrypoint) {
        this.exec = docker == null ? null : new DockerExec(docker);
        this.container = container;
        this.user = user;
        this.workingDir = workingDir;
        this.entrypoint = List.copyOf(entrypoint);
    }

    /** The exec's command: the entrypoint, if any, then the shell that reads the script from stdin. */
    List<String> command(int length) {
        List<String> cmd = new java.util.ArrayList<>(entrypoint);
        cmd.addAll(List.of("bash", "-c", READER, "secure-executor-stage", Integer.toString(length)));
        return List.copyOf(cmd);
    }

    /**
     * @return the script's exit code
     * @throws DriverFailure (system) when the container, daemon or exec fails rather than the script
     */
    public int call(byte[] script, OutputStream out, OutputStream err) throws DriverFailure {
        ExecSpec spec = new ExecSpec(container, user, workingDir, command(script.length), null, "the stage script");
        ExecResult result = exec.run(spec, new ByteArrayInputStream(script), out, err);
        if (result.exitCode().isEmpty()) {
            throw DriverFailure.system(
                    "the stage script did not finish: the job container " + container + " stopped underneath it",
                    "check the host (docker events, dmesg) for what stopped it");
        }
        return result.exitCode().getAsInt();
    }
}
