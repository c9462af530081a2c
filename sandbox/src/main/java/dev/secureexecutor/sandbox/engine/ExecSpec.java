package dev.secureexecutor.sandbox.engine;

import java.time.Duration;
import java.util.List;

/**
 * One command to run in a running container.
 *
 * @param container the container's name or id
 * @param user who runs it ({@code uid:gid} or a name)
 * @param workingDir where; {@code null} for the image's default
 * @param command the argument vector; never a secret (arguments are visible to every process on the host)
 * @param timeout how long to wait; {@code null} to wait until it ends
 * @param what what it is, for error messages ("the stage script")
 */
public record ExecSpec(
        String container, String user, String workingDir, List<String> command, Duration timeout, String what) {
    public ExecSpec {
        command = List.copyOf(command);
    }
}
