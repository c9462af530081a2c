package dev.secureexecutor.sandbox.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each daemon fault is judged by one rule, so {@code audit} reports it once and {@code prepare} refuses with one line
 * (the audit used to print a second FAIL, {@code daemon.policy}, for the seccomp, rootless and runtime faults).
 */
class OneFaultOneFailTest {
    private static List<Finding> auditFails(DaemonFacts facts, String runtime) {
        return HostChecks.judge(HostChecks.daemon(runtime), facts).stream()
                .filter(Finding::failed)
                .toList();
    }

    private static List<Finding> prepareFails(DaemonFacts facts, String runtime) {
        return HostChecks.judge(HostChecks.gating(runtime), facts).stream()
                .filter(Finding::failed)
                .toList();
    }

    @Test
    void daemonWithoutSeccompGivesOneFailInAuditAndOneRefusalLine() {
        assertEquals(
                List.of(SeccompCheck.KEY),
                auditFails(Facts.NO_SECCOMP, "runc").stream().map(Finding::key).toList());
        assertEquals(
                auditFails(Facts.NO_SECCOMP, "runc"),
                prepareFails(Facts.NO_SECCOMP, "runc"),
                "audit and prepare report the same finding");
    }

    @Test
    void rootlessDaemonGivesOneFail() {
        assertEquals(
                List.of(RootlessCheck.KEY),
                auditFails(Facts.ROOTLESS, "runc").stream().map(Finding::key).toList());
        assertEquals(auditFails(Facts.ROOTLESS, "runc"), prepareFails(Facts.ROOTLESS, "runc"));
    }

    @Test
    void missingGvisorForARunscPolicyGivesOneFail() {
        assertEquals(
                List.of(RuntimeCheck.KEY),
                auditFails(Facts.RUNC_ONLY, "runsc").stream().map(Finding::key).toList());
        assertEquals(auditFails(Facts.RUNC_ONLY, "runsc"), prepareFails(Facts.RUNC_ONLY, "runsc"));
    }
}
