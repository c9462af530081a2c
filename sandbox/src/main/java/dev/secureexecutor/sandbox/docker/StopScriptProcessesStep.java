package dev.secureexecutor.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.engine.ExecSpec;
import java.time.Duration;
import java.util.List;

/**
 * Stops a cancelled stage: inside the job container, as the job user, signals every process of that user (the
 * stage's shell and everything it started) with SIGTERM, waits up to {@code graceSeconds} for them to exit, then
 * sends SIGKILL. The container's keep-alive process runs as another uid, so the container itself survives for the
 * stages the runner still sends after a cancel ({@code after_script}).
 */
public final class StopScriptProcessesStep {
    /**
     * Bash builtins only (the image may have no procps). {@code kill -0 -1} cannot tell whether processes are left,
     * because it also counts processes it may not signal (the keeper), so the wait looks for the job user's
     * processes in {@code /proc} instead, skipping itself.
     */
    @SuppressWarnings("InlineFormatString") // a documented constant reads better than a script inlined in the call
    private static final String SWEEP = "others() { for s in /proc/[0-9]*/status; do p=${s#/proc/}; p=${p%%/status};"
            + " [ \"$p\" = \"$$\" ] && continue; while read -r k v _; do if [ \"$k\" = Uid: ]; then"
            + " [ \"$v\" = \"$UID\" ] && return 0; break; fi; done < \"$s\" 2>/dev/null; done; return 1; };"
            + " kill -TERM -1 2>/dev/null;"
            + " for ((i = 0; i < %d; i++)); do others || exit 0; sleep 0.1; done;"
            + " kill -KILL -1 2>/dev/null; exit 0";

    private final DockerExec exec;
    private final String container;
    private final String user;

    public StopScriptProcessesStep(DockerClient docker, String container, String user) {
        this.exec = new DockerExec(docker);
        this.container = container;
        this.user = user;
    }

    /** Best effort: returns false if the sweep could not be run or did not finish in time. */
    public boolean call(int graceSeconds) {
        ExecSpec spec = new ExecSpec(
                container,
                user,
                null,
                List.of("bash", "-c", String.format(SWEEP, graceSeconds * 10)),
                Duration.ofSeconds(graceSeconds + 3L),
                "the stop of the stage's processes");
        try {
            return exec.run(spec, null, null, null).completed();
        } catch (DriverFailure | RuntimeException e) {
            return false;
        }
    }
}
