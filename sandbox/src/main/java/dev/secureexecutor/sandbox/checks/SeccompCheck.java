package dev.secureexecutor.sandbox.checks;

import java.util.List;

/** The daemon must apply a seccomp profile to containers; without one, jobs reach the syscalls used in escapes. */
public final class SeccompCheck implements Check<DaemonFacts> {
    public static final String KEY = "daemon.seccomp";

    @Override
    public List<Finding> judge(DaemonFacts facts) {
        String seccomp = facts.seccompProfile();
        if (seccomp.isEmpty() || seccomp.equals("unconfined")) {
            return List.of(Finding.fail(
                    KEY,
                    "the Docker daemon applies no seccomp profile: jobs could call mount,"
                            + " unshare, keyctl and the other syscalls used in escapes",
                    "run dockerd with seccomp enabled"
                            + " (a kernel with CONFIG_SECCOMP, no --seccomp-profile=unconfined)"));
        }
        if (!seccomp.equals("default") && !seccomp.equals("builtin")) {
            return List.of(Finding.warn(
                    KEY,
                    "the daemon's default seccomp profile is replaced by " + seccomp
                            + ", which this audit cannot vouch for",
                    "use Docker's built-in profile unless yours is stricter"));
        }
        return List.of(Finding.pass(KEY, "Docker's default seccomp profile applies to every container run by runc"));
    }
}
