package dev.secureexecutor.sandbox.hostcheck;

import java.util.ArrayList;
import java.util.List;

/**
 * Judges the Docker daemon's own settings ({@link DaemonFacts}): seccomp, user-namespace remapping, MAC
 * (AppArmor/SELinux), rootless mode, gVisor availability and the engine version.
 */
public final class DaemonInspector {
    private DaemonInspector() {}

    public static List<Finding> inspect(DaemonFacts facts) {
        List<Finding> found = new ArrayList<>();
        found.add(version(facts.serverVersion()));
        String seccomp = facts.seccompProfile();
        if (seccomp.isEmpty() || seccomp.equals("unconfined")) {
            found.add(Finding.fail("daemon.seccomp", "the daemon applies no seccomp profile: containers can call"
                    + " mount, unshare, keyctl, bpf and the other syscalls used in escapes", "run dockerd with"
                    + " seccomp enabled (a kernel with CONFIG_SECCOMP, no --seccomp-profile=unconfined)"));
        } else if (!seccomp.equals("default") && !seccomp.equals("builtin")) {
            found.add(Finding.warn("daemon.seccomp", "the daemon's default seccomp profile is replaced by " + seccomp
                    + ", which this audit cannot vouch for", "use Docker's built-in profile unless yours is stricter"));
        } else {
            found.add(Finding.pass("daemon.seccomp", "Docker's default seccomp profile applies to every"
                    + " container run by runc"));
        }
        if (facts.has("userns")) {
            found.add(Finding.pass("daemon.userns-remap", "user-namespace remapping is on: container root is not"
                    + " host root"));
        } else {
            found.add(Finding.warn("daemon.userns-remap", "user-namespace remapping is off: jobs already run as a"
                    + " non-root user, but a uid inside a container is the same uid on the host", "set"
                    + " \"userns-remap\": \"default\" in /etc/docker/daemon.json (needs a daemon restart and"
                    + " re-imported images)"));
        }
        if (facts.has("apparmor") || facts.has("selinux")) {
            found.add(Finding.pass("daemon.mac", "a mandatory access control (AppArmor or SELinux) confines containers"));
        } else {
            found.add(Finding.warn("daemon.mac", "neither AppArmor nor SELinux is active on this host (CIS 5.2/5.3"
                    + " cannot apply)", "use a host kernel with AppArmor or SELinux enabled where possible"));
        }
        if (facts.has("rootless")) {
            found.add(Finding.fail("daemon.rootless", "the daemon runs rootless: on cgroup v1 it silently ignores"
                    + " the memory and pids limits every job relies on", "run a rootful dockerd (optionally with"
                    + " userns-remap or gVisor)"));
        }
        if (facts.runtimes().contains("runsc")) {
            found.add(Finding.pass("daemon.gvisor", "gVisor (runsc) is registered: policies may set"
                    + " job.runtime = \"runsc\""));
        } else {
            found.add(Finding.warn("daemon.gvisor", "gVisor (runsc) is not registered: jobs share the host kernel"
                    + " (runc)", "run scripts/setup.sh (it installs runsc and registers it), or install the runsc"
                    + " package, register it under \"runtimes\" in /etc/docker/daemon.json"
                    + " and SIGHUP dockerd"));
        }
        return found;
    }

    private static Finding version(String version) {
        String[] parts = version.split("[.+~-]", -1);
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            if (major > 20 || (major == 20 && minor >= 10)) {
                return Finding.pass("daemon.version", "Docker Engine " + version);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        return Finding.fail("daemon.version", "Docker Engine '" + version + "' is older than 20.10 or unknown: the"
                + " profile needs cgroup namespaces and the API 1.41", "upgrade the Docker Engine to 20.10 or newer");
    }
}
