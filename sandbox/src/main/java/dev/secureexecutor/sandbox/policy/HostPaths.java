package dev.secureexecutor.sandbox.policy;

import java.util.List;

/** Classifies host paths a set-up wants to mount into a job: the Docker socket, sensitive places, or other. */
public final class HostPaths {
    private static final List<String> SENSITIVE = List.of(
            "/",
            "/etc",
            "/proc",
            "/sys",
            "/dev",
            "/boot",
            "/root",
            "/home",
            "/var/lib/docker",
            "/var/lib/containerd",
            "/var/run",
            "/run",
            "/usr",
            "/lib",
            "/bin",
            "/sbin",
            "/var/lib/gitlab-runner",
            "/etc/gitlab-runner",
            "/var/log");

    private HostPaths() {}

    /** The Docker (or containerd) API socket, or a directory that holds it. */
    public static boolean isDockerSocket(String path) {
        String p = trim(path);
        return p.endsWith("docker.sock")
                || p.endsWith("containerd.sock")
                || p.equals("/var/run")
                || p.equals("/run")
                || p.equals("/var/run/docker")
                || p.equals("/run/docker")
                || p.equals("/run/containerd");
    }

    /** A system directory (or a parent of one) whose exposure gives away the host. */
    public static boolean isSensitive(String path) {
        String p = trim(path);
        for (String s : SENSITIVE) {
            if (p.equals(s) || (!s.equals("/") && p.startsWith(s + "/"))) {
                return true;
            }
        }
        return false;
    }

    /** Why mounting this host path into a job is refused. */
    public static String refusal(String path, boolean writable) {
        if (isDockerSocket(path)) {
            return "mounts the Docker socket " + path + ": whoever reaches it is root on the host and can read every"
                    + " other job's token";
        }
        if (isSensitive(path)) {
            return "mounts the sensitive host path " + path + (writable ? " writable" : "")
                    + ": it exposes the host's system files to job code";
        }
        return "mounts the host path " + path + (writable ? " writable" : "")
                + ": a host directory is shared between jobs, so one job can read or plant what another leaves";
    }

    private static String trim(String path) {
        String p = path.trim();
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
