package dev.secureexecutor.sandbox.checks;

import java.util.List;

/**
 * The OCI runtime the policy asks for ({@code job.runtime}) must be registered with the daemon, or the job would not
 * get the isolation the policy promises. With {@code runc} the rule reports whether gVisor could be used instead.
 */
public final class RuntimeCheck implements Check<DaemonFacts> {
    public static final String KEY = "daemon.gvisor";

    private final String runtime;

    /** @param runtime the policy's {@code job.runtime}: {@code runc} or {@code runsc} */
    public RuntimeCheck(String runtime) {
        this.runtime = runtime;
    }

    @Override
    public List<Finding> judge(DaemonFacts facts) {
        if (!runtime.equals("runc") && !facts.runtimes().contains(runtime)) {
            return List.of(Finding.fail(
                    KEY,
                    "the policy asks for job.runtime = \"" + runtime + "\" but the Docker"
                            + " daemon has no such runtime (it has "
                            + String.join(
                                    ", ", facts.runtimes().stream().sorted().toList())
                            + "): the job would not get the isolation the policy promises; install and"
                            + " register it (scripts/setup.sh does; README, gVisor) or set job.runtime = \"runc\"",
                    "fix the daemon or the policy as the line says"));
        }
        if (facts.runtimes().contains("runsc")) {
            return List.of(
                    Finding.pass(KEY, "gVisor (runsc) is registered: policies may set" + " job.runtime = \"runsc\""));
        }
        return List.of(Finding.warn(
                KEY,
                "gVisor (runsc) is not registered: jobs share the host kernel (runc)",
                "run scripts/setup.sh (it installs runsc and registers it), or install the runsc package, register"
                        + " it under \"runtimes\" in /etc/docker/daemon.json and SIGHUP dockerd"));
    }
}
