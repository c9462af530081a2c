package dev.secureexecutor.sandbox.checks;

import java.util.List;

/** A rootless daemon silently ignores the memory and pids limits on cgroup v1, which every job relies on. */
public final class RootlessCheck implements Check<DaemonFacts> {
    public static final String KEY = "daemon.rootless";

    /** A FAIL for a rootless daemon; nothing to report for a rootful one. */
    @Override
    public List<Finding> judge(DaemonFacts facts) {
        if (!facts.has("rootless")) {
            return List.of();
        }
        return List.of(Finding.fail(
                KEY,
                "the Docker daemon runs rootless: on cgroup v1 it ignores the memory and" + " pids limits",
                "run a rootful dockerd (optionally with userns-remap or gVisor)"));
    }
}
