package dev.secureexecutor.sandbox.checks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Inter-container traffic on the default bridge: jobs use their own networks, but other containers do not. */
public final class IccCheck implements Check<DaemonExposure> {
    public static final String KEY = "daemon.icc";

    /** A WARN when daemon.json turns icc on explicitly; nothing to report otherwise. */
    @Override
    public List<Finding> judge(DaemonExposure facts) {
        JsonNode json = facts.daemonJsonTree();
        if (json != null && json.path("icc").isBoolean() && json.path("icc").asBoolean()) {
            return List.of(Finding.warn(
                    KEY,
                    "inter-container traffic is on for the default bridge (jobs use their"
                            + " own networks, but other containers do not)",
                    "set \"icc\": false in daemon.json"));
        }
        return List.of();
    }
}
