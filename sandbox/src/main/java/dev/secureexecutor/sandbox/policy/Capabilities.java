package dev.secureexecutor.sandbox.policy;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which Linux capabilities a job container may get back after {@code cap_drop ALL}, and why every other one is
 * refused. The job runs as a non-root user with {@code no-new-privileges}, so an added capability only reaches the
 * container's bounding set; the allowlist still stays short, so that a later change of user cannot turn it into
 * power over the host.
 */
public final class Capabilities {
    /**
     * The allowlist, each with its justification (also in the README):
     * NET_BIND_SERVICE only lets a process bind ports below 1024, and only in the job's own network namespace;
     * CHOWN only changes the owner of files the job can already reach, all on its own tmpfs mounts (the root
     * filesystem is read-only and the mounts are {@code nosuid}, so ownership cannot grant anything).
     */
    public static final Map<String, String> ALLOWED = Map.of(
            "NET_BIND_SERVICE", "binds ports below 1024 inside the job's own network namespace only",
            "CHOWN", "changes owners of files on the job's own nosuid tmpfs mounts only");

    private static final Map<String, String> DANGEROUS = Map.ofEntries(
            Map.entry("ALL", "gives back every capability, including those that break out of the container"),
            Map.entry("SYS_ADMIN", "allows mount, namespace and cgroup escapes (the 'new root' capability)"),
            Map.entry("NET_ADMIN", "reconfigures networking: sniff or redirect other traffic, bypass isolation"),
            Map.entry("SYS_PTRACE", "traces and injects code into other processes"),
            Map.entry("SYS_MODULE", "loads kernel modules: code in the host kernel"),
            Map.entry("DAC_READ_SEARCH", "opens host files by handle (the 'shocker' escape)"),
            Map.entry("DAC_OVERRIDE", "ignores file permissions"),
            Map.entry("SYS_RAWIO", "gives raw access to devices and I/O ports"),
            Map.entry("SYS_BOOT", "reboots the host"),
            Map.entry("SYS_TIME", "changes the host's clock"),
            Map.entry("SYS_RESOURCE", "overrides resource limits"),
            Map.entry("SYS_CHROOT", "enables chroot-based breakouts"),
            Map.entry("MKNOD", "creates device nodes"),
            Map.entry("NET_RAW", "opens raw sockets: spoofing, ARP poisoning of other containers"),
            Map.entry("SETUID", "switches to any user, root included"),
            Map.entry("SETGID", "switches to any group"),
            Map.entry("SETPCAP", "changes capability sets"),
            Map.entry("SETFCAP", "sets file capabilities"),
            Map.entry("FOWNER", "bypasses ownership checks"),
            Map.entry("KILL", "signals processes of other users, the container's keeper included"),
            Map.entry("BPF", "loads eBPF programs into the host kernel"),
            Map.entry("PERFMON", "observes other processes through perf"),
            Map.entry("SYSLOG", "reads the host kernel log"),
            Map.entry("MAC_ADMIN", "changes the host's mandatory access control"),
            Map.entry("MAC_OVERRIDE", "bypasses mandatory access control"),
            Map.entry("AUDIT_CONTROL", "changes the host's audit rules"),
            Map.entry("LINUX_IMMUTABLE", "changes immutable file flags"),
            Map.entry("IPC_OWNER", "bypasses IPC permission checks"));

    private Capabilities() {}

    /** The name without a {@code CAP_} prefix, upper case. */
    public static String normalize(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        return n.startsWith("CAP_") ? n.substring(4) : n;
    }

    public static boolean allowed(String name) {
        return ALLOWED.containsKey(normalize(name));
    }

    /** Why adding this capability is refused; empty when it is on the allowlist. */
    public static Optional<String> refusal(String name) {
        String n = normalize(name);
        if (ALLOWED.containsKey(n)) {
            return Optional.empty();
        }
        return Optional.of("capability " + n + " "
                + DANGEROUS.getOrDefault(
                        n,
                        "is not on the allowlist ("
                                + String.join(
                                        ", ", ALLOWED.keySet().stream().sorted().toList()) + ")"));
    }
}
