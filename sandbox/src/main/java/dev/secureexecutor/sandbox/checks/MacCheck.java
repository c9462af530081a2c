package dev.secureexecutor.sandbox.checks;

import java.util.List;

/** A mandatory access control (AppArmor or SELinux) confines containers beyond seccomp and capabilities. */
public final class MacCheck implements Check<DaemonFacts> {
    public static final String KEY = "daemon.mac";

    @Override
    public List<Finding> judge(DaemonFacts facts) {
        if (facts.has("apparmor") || facts.has("selinux")) {
            return List.of(Finding.pass(KEY, "a mandatory access control (AppArmor or SELinux) confines containers"));
        }
        return List.of(Finding.warn(
                KEY,
                "neither AppArmor nor SELinux is active on this host (CIS 5.2/5.3 cannot" + " apply)",
                "use a host kernel with AppArmor or SELinux enabled where possible"));
    }
}
