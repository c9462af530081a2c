package dev.secureexecutor.sandbox.hostcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.sandbox.refusal.SetupRefusals;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Daemon settings from hand-made `docker info` facts; the ones jobs cannot run without are refused in prepare. */
class DaemonInspectorTest {
    /** Debian's Docker without userns-remap, MAC or gVisor registered (this host before scripts/setup.sh). */
    private static final DaemonFacts RUNC_ONLY = new DaemonFacts("20.10.24+dfsg1",
            List.of("name=seccomp,profile=default"), Set.of("runc", "io.containerd.runc.v2"), "1");

    private static Finding.Status status(List<Finding> found, String check) {
        return found.stream().filter(f -> f.check().equals(check)).findFirst().orElseThrow().status();
    }

    @Test
    void runcOnlyDaemonPassesSeccompAndWarnsOnMissingUsernsMacAndGvisor() {
        List<Finding> found = DaemonInspector.inspect(RUNC_ONLY);
        assertEquals(Finding.Status.PASS, status(found, "daemon.seccomp"));
        assertEquals(Finding.Status.PASS, status(found, "daemon.version"));
        assertEquals(Finding.Status.WARN, status(found, "daemon.userns-remap"));
        assertEquals(Finding.Status.WARN, status(found, "daemon.mac"));
        assertEquals(Finding.Status.WARN, status(found, "daemon.gvisor"));
        assertEquals(List.of(), SetupRefusals.daemonProblems(RUNC_ONLY, "runc"));
    }

    @Test
    void daemonWithoutSeccompFailsAndRefusesJobs() {
        DaemonFacts none = new DaemonFacts("24.0.7", List.of("name=apparmor"), Set.of("runc"), "2");
        assertEquals(Finding.Status.FAIL, status(DaemonInspector.inspect(none), "daemon.seccomp"));
        assertTrue(SetupRefusals.daemonProblems(none, "runc").get(0).contains("no seccomp profile"));
    }

    @Test
    void rootlessDaemonIgnoresLimitsAndIsRefused() {
        DaemonFacts rootless = new DaemonFacts("24.0.7", List.of("name=seccomp,profile=builtin", "name=rootless"),
                Set.of("runc"), "1");
        assertEquals(Finding.Status.FAIL, status(DaemonInspector.inspect(rootless), "daemon.rootless"));
        assertEquals(1, SetupRefusals.daemonProblems(rootless, "runc").size());
    }

    @Test
    void gvisorPolicyIsRefusedWhileTheDaemonLacksRunsc() {
        assertTrue(SetupRefusals.daemonProblems(RUNC_ONLY, "runsc").get(0).contains("no such runtime"));
        DaemonFacts gvisor = new DaemonFacts("20.10.24", RUNC_ONLY.securityOptions(), Set.of("runc", "runsc"), "1");
        assertEquals(List.of(), SetupRefusals.daemonProblems(gvisor, "runsc"));
        assertEquals(Finding.Status.PASS, status(DaemonInspector.inspect(gvisor), "daemon.gvisor"));
    }

    @Test
    void usernsRemapAndOldEnginesAreJudged() {
        DaemonFacts userns = new DaemonFacts("19.03.2", List.of("name=seccomp,profile=default", "name=userns"),
                Set.of("runc"), "1");
        assertEquals(Finding.Status.PASS, status(DaemonInspector.inspect(userns), "daemon.userns-remap"));
        assertEquals(Finding.Status.FAIL, status(DaemonInspector.inspect(userns), "daemon.version"));
    }
}
