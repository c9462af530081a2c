package dev.secureexecutor.sandbox.checks;

import java.util.ArrayList;
import java.util.List;

/**
 * The checks that judge this host's Docker daemon, in the order {@code audit} prints them. {@code prepare} gates
 * jobs on {@link #gating(String)}, a subset: the engine version, user-namespace remapping and AppArmor/SELinux are
 * reported by {@code audit} but do not refuse jobs.
 */
public final class HostChecks {
    private HostChecks() {}

    /** Every daemon check, for {@code audit}. */
    public static List<Check<DaemonFacts>> daemon(String runtime) {
        return List.of(
                new EngineVersionCheck(),
                new SeccompCheck(),
                new UsernsRemapCheck(),
                new MacCheck(),
                new RootlessCheck(),
                new RuntimeCheck(runtime));
    }

    /** The daemon checks a job may not run without: a FAIL of any refuses it in {@code prepare}. */
    public static List<Check<DaemonFacts>> gating(String runtime) {
        return List.of(new SeccompCheck(), new RootlessCheck(), new RuntimeCheck(runtime));
    }

    /** How the daemon is exposed on this host (socket, TCP listeners, icc), for {@code audit}. */
    public static List<Check<DaemonExposure>> exposure() {
        return List.of(new SocketPermissionsCheck(), new TcpListenerCheck(), new IccCheck());
    }

    /** Every finding of {@code checks} over the same facts, in order. */
    public static <T> List<Finding> judge(List<? extends Check<T>> checks, T facts) {
        List<Finding> found = new ArrayList<>();
        checks.forEach(c -> found.addAll(c.judge(facts)));
        return found;
    }
}
