package dev.secureexecutor.sandbox.checks;

import static dev.secureexecutor.sandbox.checks.Facts.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.sandbox.checks.Finding.Status;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each daemon rule from hand-made `docker info` facts. */
class DaemonChecksTest {
    @Test
    void seccompCheckPassesTheDefaultProfileWarnsOnACustomOneAndFailsWithout() {
        assertEquals(
                Status.PASS, only(new SeccompCheck().judge(Facts.RUNC_ONLY)).status());
        assertEquals(Status.PASS, only(new SeccompCheck().judge(Facts.ROOTLESS)).status(), "builtin");
        Finding none = only(new SeccompCheck().judge(Facts.NO_SECCOMP));
        assertEquals(Status.FAIL, none.status());
        assertTrue(none.reason().contains("no seccomp profile"), none.reason());
        DaemonFacts unconfined = new DaemonFacts("24.0.7", List.of("name=seccomp,profile=unconfined"), Set.of(), "2");
        assertEquals(Status.FAIL, only(new SeccompCheck().judge(unconfined)).status());
        DaemonFacts custom = new DaemonFacts("24.0.7", List.of("name=seccomp,profile=/etc/x.json"), Set.of(), "2");
        assertEquals(Status.WARN, only(new SeccompCheck().judge(custom)).status());
    }

    @Test
    void rootlessCheckFailsARootlessDaemonOnly() {
        assertEquals(
                Status.FAIL, only(new RootlessCheck().judge(Facts.ROOTLESS)).status());
        assertEquals(List.of(), new RootlessCheck().judge(Facts.RUNC_ONLY));
    }

    @Test
    void runtimeCheckRefusesAGvisorPolicyWhileTheDaemonLacksRunsc() {
        Finding missing = only(new RuntimeCheck("runsc").judge(Facts.RUNC_ONLY));
        assertEquals(Status.FAIL, missing.status());
        assertTrue(missing.reason().contains("no such runtime"), missing.reason());
        assertEquals(
                Status.PASS, only(new RuntimeCheck("runsc").judge(Facts.GVISOR)).status());
        assertEquals(
                Status.PASS, only(new RuntimeCheck("runc").judge(Facts.GVISOR)).status());
        assertEquals(
                Status.WARN,
                only(new RuntimeCheck("runc").judge(Facts.RUNC_ONLY)).status(),
                "runc without gVisor available is weaker, not refused");
    }

    @Test
    void engineVersionCheckFailsEnginesOlderThan2010() {
        assertEquals(
                Status.PASS,
                only(new EngineVersionCheck().judge(Facts.RUNC_ONLY)).status());
        DaemonFacts old = new DaemonFacts("19.03.2", List.of(), Set.of(), "1");
        assertEquals(Status.FAIL, only(new EngineVersionCheck().judge(old)).status());
        assertEquals(
                Status.FAIL,
                only(new EngineVersionCheck().judge(new DaemonFacts("", null, null, null)))
                        .status());
    }

    @Test
    void usernsRemapCheckPassesWhenOnAndWarnsWhenOff() {
        DaemonFacts userns =
                new DaemonFacts("24.0.7", List.of("name=seccomp,profile=default", "name=userns"), Set.of("runc"), "1");
        assertEquals(Status.PASS, only(new UsernsRemapCheck().judge(userns)).status());
        assertEquals(
                Status.WARN, only(new UsernsRemapCheck().judge(Facts.RUNC_ONLY)).status());
    }

    @Test
    void macCheckPassesWithAppArmorOrSelinuxAndWarnsWithout() {
        assertEquals(Status.PASS, only(new MacCheck().judge(Facts.NO_SECCOMP)).status(), "apparmor");
        assertEquals(Status.WARN, only(new MacCheck().judge(Facts.RUNC_ONLY)).status());
    }

    @Test
    void runcOnlyDaemonHasNoFailInTheAuditAndRefusesNoJob() {
        List<Finding> all = HostChecks.judge(HostChecks.daemon("runc"), Facts.RUNC_ONLY);
        assertEquals(Status.PASS, Facts.status(all, SeccompCheck.KEY));
        assertEquals(Status.PASS, Facts.status(all, EngineVersionCheck.KEY));
        assertEquals(Status.WARN, Facts.status(all, UsernsRemapCheck.KEY));
        assertEquals(Status.WARN, Facts.status(all, MacCheck.KEY));
        assertEquals(Status.WARN, Facts.status(all, RuntimeCheck.KEY));
        assertTrue(HostChecks.judge(HostChecks.gating("runc"), Facts.RUNC_ONLY).stream()
                .noneMatch(Finding::failed));
    }
}
