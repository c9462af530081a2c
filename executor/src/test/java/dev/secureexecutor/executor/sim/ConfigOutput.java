package dev.secureexecutor.executor.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * config_exec's stdout as the runner reads it ({@code executors/custom/api/config.go}): known keys taken, unknown keys
 * ignored, empty stdout meaning "no change", anything else that is not a JSON object an error.
 */
public record ConfigOutput(
        String buildsDir,
        String cacheDir,
        boolean buildsDirShared,
        Optional<String> hostname,
        Optional<String> driverName,
        Optional<String> driverVersion,
        Optional<String> shell,
        Map<String, String> jobEnv,
        Optional<JsonNode> raw) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ConfigOutput {
        jobEnv = Map.copyOf(jobEnv);
    }

    /** Thrown for output the runner rejects with "error while parsing JSON output" (a retried failure). */
    static final class InvalidConfigException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidConfigException(String message) {
            super(message);
        }
    }

    static ConfigOutput parse(String stdout) throws InvalidConfigException {
        if (stdout.isBlank()) {
            return new ConfigOutput(
                    "",
                    "",
                    false,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Map.of(),
                    Optional.empty());
        }
        JsonNode root;
        try {
            root = JSON.readTree(stdout);
        } catch (JsonProcessingException e) {
            throw new InvalidConfigException("error while parsing JSON output: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidConfigException("error while parsing JSON output: not a JSON object");
        }
        Map<String, String> jobEnv = new LinkedHashMap<>();
        JsonNode env = root.path("job_env");
        if (!env.isMissingNode() && !env.isNull()) {
            if (!env.isObject()) {
                throw new InvalidConfigException("error while parsing JSON output: job_env is not an object");
            }
            env.fields()
                    .forEachRemaining(e -> jobEnv.put(e.getKey(), e.getValue().asText()));
        }
        return new ConfigOutput(
                root.path("builds_dir").asText(""),
                root.path("cache_dir").asText(""),
                root.path("builds_dir_is_shared").asBoolean(false),
                text(root, "hostname"),
                text(root.path("driver"), "name"),
                text(root.path("driver"), "version"),
                text(root, "shell"),
                jobEnv,
                Optional.of(root));
    }

    private static Optional<String> text(JsonNode node, String key) {
        JsonNode v = node.path(key);
        return v.isTextual() && !v.asText().isEmpty() ? Optional.of(v.asText()) : Optional.empty();
    }
}
