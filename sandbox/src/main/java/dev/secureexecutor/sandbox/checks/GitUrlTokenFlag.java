package dev.secureexecutor.sandbox.checks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * gitlab-runner's {@code FF_GIT_URLS_WITHOUT_TOKENS}: unless it is true, the runner writes the job token into the
 * remote URL of the clone's {@code .git/config}, which then ships in artifacts, caches and images built from the
 * workspace. Set per runner in {@code [runners.feature_flags]} or as {@code environment = ["FF_...=true"]}.
 */
final class GitUrlTokenFlag {
    static final String FLAG = "FF_GIT_URLS_WITHOUT_TOKENS";

    private GitUrlTokenFlag() {}

    /** A WARN for {@code runner} when the flag is unset or false. */
    static Optional<Finding> check(String name, JsonNode runner) {
        boolean on = runner.path("feature_flags").path(FLAG).asBoolean(false);
        for (JsonNode env : runner.path("environment")) {
            String e = env.asText("");
            if (e.startsWith(FLAG + "=")) {
                on = e.substring(FLAG.length() + 1).trim().equalsIgnoreCase("true") || e.endsWith("=1");
            }
        }
        if (on) {
            return Optional.empty();
        }
        return Optional.of(Finding.warn(
                "runner.git-urls-without-tokens",
                name + " leaves " + FLAG + " unset or false:"
                        + " the job token sits in the clone's .git/config and ships in artifacts, caches and images",
                "add [runners.feature_flags] " + FLAG + " = true to that runner"));
    }
}
