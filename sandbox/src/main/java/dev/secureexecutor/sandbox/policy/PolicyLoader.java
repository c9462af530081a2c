package dev.secureexecutor.sandbox.policy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads {@code policy.toml}: parses it to a tree, checks every key against the schema ({@link PolicyValidator}),
 * reports all problems at once, and only then binds the records. A missing default file means the built-in strict
 * policy. Relative host paths in the file ({@code runner.config_toml}) are resolved against its directory.
 */
public final class PolicyLoader {
    /** Where the policy is looked for unless {@code SECURE_EXECUTOR_POLICY} (or a flag) names another file. */
    public static final Path DEFAULT_PATH = Path.of("/etc/secure-executor/policy.toml");

    /** Built on first use: without a policy file no TOML class is loaded (start-up counts ~12 times a job). */
    private static final class Mapper {
        static final TomlMapper INSTANCE = TomlMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // the validator rejected unknown keys
                .build();
    }

    private PolicyLoader() {}

    /**
     * @param explicit a path the admin named (env var or flag); it must exist. {@code null} to use the default path,
     *     which may be absent.
     */
    public static Policy load(Path explicit) throws PolicyException {
        Path path = explicit != null ? explicit : DEFAULT_PATH;
        try {
            return parse(
                    Files.readString(path),
                    path.toString(),
                    path.toAbsolutePath().getParent());
        } catch (NoSuchFileException e) {
            if (explicit == null) {
                return Policy.defaults();
            }
            throw new PolicyException(
                    path.toString(),
                    "the policy file does not exist",
                    "create it (see config-examples/) or unset SECURE_EXECUTOR_POLICY"
                            + " to use the built-in strict policy");
        } catch (IOException e) {
            throw new PolicyException(
                    path.toString(),
                    "the policy file cannot be read (" + e.getClass().getSimpleName() + ")",
                    "make it readable by the gitlab-runner user");
        }
    }

    public static Policy parse(String toml, String source) throws PolicyException {
        return parse(toml, source, null);
    }

    private static Policy parse(String toml, String source, Path baseDir) throws PolicyException {
        JsonNode root;
        try {
            root = Mapper.INSTANCE.readTree(toml);
        } catch (IOException e) {
            throw new PolicyException(
                    source, "not valid TOML: " + firstLine(e.getMessage()), "fix the syntax (https://toml.io)");
        }
        if (root == null || !root.isObject()) {
            root = Mapper.INSTANCE.createObjectNode();
        }
        List<Violation> violations = PolicyValidator.validate(root);
        if (!violations.isEmpty()) {
            throw new PolicyException(source, violations);
        }
        resolveRelative((ObjectNode) root, baseDir);
        try {
            return Mapper.INSTANCE.treeToValue(root, Policy.class);
        } catch (IOException e) {
            throw new PolicyException(
                    source,
                    "cannot be read as a policy: " + firstLine(e.getMessage()),
                    "compare it with config-examples/policy-strict.toml");
        }
    }

    private static void resolveRelative(ObjectNode root, Path baseDir) {
        JsonNode runner = root.get("runner");
        if (baseDir == null || runner == null || !runner.has("config_toml")) {
            return;
        }
        String value = runner.get("config_toml").asText();
        if (!value.isEmpty() && !value.startsWith("/")) {
            ((ObjectNode) runner)
                    .put("config_toml", baseDir.resolve(value).normalize().toString());
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
