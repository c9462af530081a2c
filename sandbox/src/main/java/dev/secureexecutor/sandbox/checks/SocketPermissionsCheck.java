package dev.secureexecutor.sandbox.checks;

import java.util.List;

/** The Docker socket is root on this host: only root and one group may reach it. */
public final class SocketPermissionsCheck implements Check<DaemonExposure> {
    public static final String KEY = "daemon.socket";

    @Override
    public List<Finding> judge(DaemonExposure facts) {
        DaemonExposure.SocketInfo s = facts.socket();
        if (s.permissions().isEmpty()) {
            return List.of(
                    Finding.warn(KEY, "no Docker socket at " + s.path(), "start dockerd, or check" + " DOCKER_HOST"));
        }
        if (s.permissions().length() == 9
                && (s.permissions().charAt(7) == 'w' || s.permissions().charAt(6) == 'r')) {
            return List.of(Finding.fail(
                    KEY,
                    s.path() + " is accessible to every local user (" + s.permissions()
                            + "): any of them is root on this host",
                    "chmod 660 " + s.path() + " (owner root, group docker)"));
        }
        return List.of(Finding.pass(
                KEY,
                s.path() + " is " + s.permissions() + " " + s.owner() + ":" + s.group() + " (only root and group "
                        + s.group() + " reach it; members of that group are root-equivalent)"));
    }
}
