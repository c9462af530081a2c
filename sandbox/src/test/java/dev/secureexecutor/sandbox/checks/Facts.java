package dev.secureexecutor.sandbox.checks;

import java.util.List;
import java.util.Set;

/** Hand-made daemon facts shared by the checks' tests. */
final class Facts {
    /** Debian's Docker without userns-remap, MAC or gVisor registered (this host before scripts/setup.sh). */
    static final DaemonFacts RUNC_ONLY = new DaemonFacts(
            "20.10.24+dfsg1", List.of("name=seccomp,profile=default"), Set.of("runc", "io.containerd.runc.v2"), "1");
    /** A daemon whose kernel has no seccomp. */
    static final DaemonFacts NO_SECCOMP = new DaemonFacts("24.0.7", List.of("name=apparmor"), Set.of("runc"), "2");
    /** A rootless daemon (with the built-in seccomp profile). */
    static final DaemonFacts ROOTLESS =
            new DaemonFacts("24.0.7", List.of("name=seccomp,profile=builtin", "name=rootless"), Set.of("runc"), "1");

    static final DaemonFacts GVISOR =
            new DaemonFacts("20.10.24", RUNC_ONLY.securityOptions(), Set.of("runc", "runsc"), "1");

    private Facts() {}

    /** The one finding of a single-finding check. */
    static Finding only(List<Finding> found) {
        if (found.size() != 1) {
            throw new AssertionError("expected one finding, got " + found);
        }
        return found.get(0);
    }

    static Finding.Status status(List<Finding> found, String key) {
        return found.stream()
                .filter(f -> f.key().equals(key))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no finding " + key + " in " + found))
                .status();
    }
}
