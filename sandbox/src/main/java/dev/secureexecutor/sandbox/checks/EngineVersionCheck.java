package dev.secureexecutor.sandbox.checks;

import java.util.List;

/** The container profile needs Docker Engine 20.10 or newer (cgroup namespaces, API 1.41). */
public final class EngineVersionCheck implements Check<DaemonFacts> {
    public static final String KEY = "daemon.version";

    @Override
    public List<Finding> judge(DaemonFacts facts) {
        String version = facts.serverVersion();
        String[] parts = version.split("[.+~-]", -1);
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            if (major > 20 || (major == 20 && minor >= 10)) {
                return List.of(Finding.pass(KEY, "Docker Engine " + version));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        return List.of(Finding.fail(
                KEY,
                "Docker Engine '" + version + "' is older than 20.10 or unknown: the"
                        + " profile needs cgroup namespaces and the API 1.41",
                "upgrade the Docker Engine to 20.10 or newer"));
    }
}
