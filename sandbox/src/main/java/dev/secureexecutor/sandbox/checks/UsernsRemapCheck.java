package dev.secureexecutor.sandbox.checks;

import java.util.List;

/** User-namespace remapping: without it a uid inside a container is the same uid on the host. */
public final class UsernsRemapCheck implements Check<DaemonFacts> {
    public static final String KEY = "daemon.userns-remap";

    @Override
    public List<Finding> judge(DaemonFacts facts) {
        if (facts.has("userns")) {
            return List.of(Finding.pass(KEY, "user-namespace remapping is on: container root is not host root"));
        }
        return List.of(Finding.warn(
                KEY,
                "user-namespace remapping is off: jobs already run as a non-root user, but a"
                        + " uid inside a container is the same uid on the host",
                "set \"userns-remap\": \"default\" in"
                        + " /etc/docker/daemon.json (needs a daemon restart and re-imported images)"));
    }
}
