package dev.secureexecutor.sandbox.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Rules for the keys a policy may contain only so that asking for something dangerous is refused with its reason:
 * the container profile never offers privileged mode, host namespaces, extra mounts or devices, weaker confinement,
 * root, or shared build and cache places. Each refusal says what was asked, why it is dangerous, and the fix.
 */
final class RefusedKeys {
    private RefusedKeys() {}

    static KeyRule privileged() {
        return (key, v) -> !v.isBoolean()
                ? List.of(KeyRules.type(key, v, "false"))
                : v.asBoolean()
                        ? List.of(new Violation(
                                key,
                                "privileged mode disables every container security"
                                        + " mechanism (capabilities, seccomp, device isolation)"
                                        + " and lets a job take over the host",
                                "remove " + key + "; jobs that need Docker should build with a rootless builder"))
                        : List.of();
    }

    static KeyRule capAdd() {
        return (key, v) -> {
            if (!v.isArray()) {
                return List.of(KeyRules.type(key, v, "a list of capability names"));
            }
            List<Violation> found = new ArrayList<>();
            for (JsonNode item : v) {
                Capabilities.refusal(item.asText())
                        .ifPresent(why -> found.add(new Violation(
                                key,
                                "adding " + why + "; the job container drops ALL capabilities",
                                "remove it; only "
                                        + String.join(
                                                ", ",
                                                Capabilities.ALLOWED.keySet().stream()
                                                        .sorted()
                                                        .toList()) + " may be added")));
            }
            return found;
        };
    }

    static KeyRule securityOpt() {
        return (key, v) -> {
            if (!v.isArray()) {
                return List.of(KeyRules.type(key, v, "a list"));
            }
            List<Violation> found = new ArrayList<>();
            for (JsonNode item : v) {
                String opt = item.asText().trim().toLowerCase(Locale.ROOT).replace(':', '=');
                if (opt.equals("no-new-privileges") || opt.equals("no-new-privileges=true")) {
                    continue;
                }
                found.add(new Violation(
                        key,
                        "security option '" + item.asText() + "' " + securityOptReason(opt),
                        "remove it; every job gets Docker's default seccomp profile and no-new-privileges"));
            }
            return found;
        };
    }

    private static String securityOptReason(String opt) {
        if (opt.startsWith("seccomp=unconfined")) {
            return "turns seccomp off, re-opening the ~70 syscalls (mount, unshare, keyctl, bpf...) used in escapes";
        }
        if (opt.startsWith("apparmor=unconfined")) {
            return "turns AppArmor confinement off";
        }
        if (opt.startsWith("label=disable") || opt.startsWith("label=type:spc_t")) {
            return "turns SELinux separation off";
        }
        if (opt.startsWith("no-new-privileges=false")) {
            return "lets setuid binaries raise a job's privileges to root";
        }
        if (opt.startsWith("seccomp=")) {
            return "replaces the default seccomp profile with one this driver cannot vouch for";
        }
        return "is not supported: it could weaken the job's confinement";
    }

    /** Host bind mounts: every one is refused (only the read-only gitlab-runner binary is mounted, by its own key). */
    static KeyRule binds() {
        return (key, v) -> {
            if (!v.isArray()) {
                return List.of(KeyRules.type(key, v, "a list"));
            }
            List<Violation> found = new ArrayList<>();
            for (JsonNode item : v) {
                String[] parts = item.asText().split(":", -1);
                boolean writable = parts.length < 3 || !parts[2].contains("ro");
                found.add(new Violation(
                        key,
                        HostPaths.refusal(parts[0], writable),
                        "remove it; jobs get only their own tmpfs mounts and, via runner.gitlab_runner_binary,"
                                + " the read-only gitlab-runner binary"));
            }
            return found;
        };
    }

    static KeyRule devices() {
        return (key, v) -> v.isArray() && v.isEmpty()
                ? List.of()
                : List.of(new Violation(
                        key,
                        "host devices " + KeyRules.show(v) + " give job code direct access to host hardware and kernel"
                                + " interfaces",
                        "remove " + key + "; job containers get no devices"));
    }

    /** pid, ipc, uts, userns, cgroupns: only the container's own namespace ("private"). */
    static KeyRule namespace(String kind) {
        return (key, v) -> {
            String mode = v.asText("").trim().toLowerCase(Locale.ROOT);
            if (mode.equals("private") || (mode.isEmpty() && v.isTextual())) {
                return List.of();
            }
            String why = mode.equals("host")
                    ? "shares the host's " + kind + " namespace: job code sees and reaches" + " host resources ("
                            + hostNamespaceHarm(kind) + ")"
                    : "joins another " + kind + " namespace (" + KeyRules.show(v) + "), breaking the job's isolation";
            return List.of(new Violation(key, why, "remove " + key + "; every job gets private namespaces"));
        };
    }

    private static String hostNamespaceHarm(String kind) {
        return switch (kind) {
            case "pid" -> "every host process, including other jobs holding tokens";
            case "ipc" -> "shared memory of host processes";
            case "uts" -> "the host's hostname";
            case "user" -> "user ids mapped to the host's, turning off remapping";
            case "cgroup" -> "the host's cgroup tree";
            default -> "host interfaces";
        };
    }

    static KeyRule network() {
        return (key, v) -> {
            String mode = v.asText("");
            if (v.isTextual() && (mode.equals("isolated") || mode.equals("none"))) {
                return List.of();
            }
            String why =
                    switch (mode) {
                        case "host" ->
                            "shares the host's network namespace: the job reaches every host service, the"
                                    + " Docker API on TCP included, and other jobs' traffic";
                        case "bridge", "default" ->
                            "puts the job on Docker's shared default bridge, where it can reach" + " other containers";
                        default ->
                            mode.startsWith("container:")
                                    ? "joins another container's network namespace"
                                    : "'" + KeyRules.show(v) + "' is not a network mode";
                    };
            return List.of(new Violation(
                    key,
                    why,
                    "set " + key
                            + " to \"isolated\" (a fresh bridge per job, no inter-container traffic) or \"none\""));
        };
    }

    static KeyRule user() {
        KeyRule format = KeyRules.userFormat();
        return (key, v) -> {
            List<Violation> bad = format.check(key, v);
            if (!bad.isEmpty()) {
                return v.isTextual() && v.asText().trim().equals("root") ? List.of(rootUser(key)) : bad;
            }
            String[] ids = v.asText().split(":", -1);
            if (ids[0].equals("0") || Long.parseLong(ids[0]) == 0) {
                return List.of(rootUser(key));
            }
            if (Long.parseLong(ids[1]) == 0) {
                return List.of(new Violation(
                        key,
                        "the job's group is root (gid 0): root-group files become" + " writable for job code",
                        "set a non-zero gid, e.g. \"100000:100000\""));
            }
            if (ids[0].equals("65534")) {
                return List.of(new Violation(
                        key,
                        "uid 65534 owns the container's keep-alive process: the job could" + " signal or trace it",
                        "use another uid, e.g. \"100000:100000\""));
            }
            return List.of();
        };
    }

    private static Violation rootUser(String key) {
        return new Violation(
                key,
                "the job would run as root (uid 0): one kernel or runtime bug away from root on" + " the host",
                "set a non-root uid:gid, e.g. \"100000:100000\"");
    }

    static KeyRule sharedBuildsDir() {
        return (key, v) -> v.isBoolean() && !v.asBoolean()
                ? List.of()
                : List.of(new Violation(
                        key,
                        "a builds directory shared between jobs lets one job read or poison another's checkout,"
                                + " tokens in .git/config included",
                        "remove " + key + "; builds live in each job's own tmpfs"));
    }

    static KeyRule cacheMode() {
        return (key, v) -> v.isTextual() && v.asText().equals("per-job")
                ? List.of()
                : v.isTextual() && v.asText().equals("shared")
                        ? List.of(new Violation(
                                key,
                                "a cache shared between"
                                        + " jobs or projects lets one job plant files another job runs",
                                "set " + key
                                        + " = \"per-job\"; share caches through gitlab-runner's remote cache instead"))
                        : KeyRules.oneOf("per-job").check(key, v);
    }

    static KeyRule cacheHostPath() {
        return (key, v) -> v.isTextual() && v.asText().isEmpty()
                ? List.of()
                : List.of(new Violation(
                        key,
                        HostPaths.refusal(v.asText(), true),
                        "remove " + key + "; each job's cache is a tmpfs in its own" + " container"));
    }

    /** The gitlab-runner binary: never the Docker socket or a directory; mounted read-only. */
    static KeyRule runnerBinary() {
        return (key, v) -> {
            if (!v.isTextual()) {
                return List.of(KeyRules.type(key, v, "a path"));
            }
            String path = v.asText().trim();
            if (path.isEmpty()) {
                return List.of();
            }
            if (!path.startsWith("/") || path.contains("..")) {
                return List.of(new Violation(
                        key,
                        "'" + path + "' is not an absolute path",
                        "write the binary's absolute path, e.g. \"/usr/bin/gitlab-runner\""));
            }
            if (HostPaths.isDockerSocket(path) || !path.endsWith("gitlab-runner")) {
                return List.of(new Violation(
                        key,
                        "'" + path + "' is not a gitlab-runner binary: " + HostPaths.refusal(path, false),
                        "point it at the gitlab-runner executable"));
            }
            return List.of();
        };
    }
}
