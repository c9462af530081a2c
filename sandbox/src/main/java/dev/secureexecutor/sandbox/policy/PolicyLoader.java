package dev.secureexecutor.sandbox.policy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** Reads {@code policy.toml}: a missing default file means the built-in strict policy. */
public final class PolicyLoader {
    /** Where the policy is looked for unless {@code SECURE_EXECUTOR_POLICY} names another file. */
    public static final Path DEFAULT_PATH = Path.of("/etc/secure-executor/policy.toml");

    /** Built on first use: without a policy file no TOML class is loaded (start-up counts ~12 times a job). */
    private static final class Mapper {
        static final TomlMapper INSTANCE = TomlMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
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
            return parse(Files.readString(path), path.toString());
        } catch (NoSuchFileException e) {
            if (explicit == null) {
                return Policy.defaults();
            }
            throw new PolicyException("policy file " + path + " does not exist",
                    "create it (see config-examples/) or unset SECURE_EXECUTOR_POLICY to use the built-in strict policy");
        } catch (IOException e) {
            throw new PolicyException("policy file " + path + " cannot be read (" + e.getClass().getSimpleName() + ")",
                    "make it readable by the gitlab-runner user");
        }
    }

    public static Policy parse(String toml, String source) throws PolicyException {
        Policy policy;
        try {
            policy = Mapper.INSTANCE.readValue(toml, Policy.class);
        } catch (UnrecognizedPropertyException e) {
            throw new PolicyException(source + ": unknown key '" + path(e) + "'",
                    "remove it or fix its spelling; known keys are documented in config-examples/policy-strict.toml");
        } catch (JsonMappingException e) {
            throw new PolicyException(source + ": invalid value at '" + path(e) + "': " + firstLine(e.getOriginalMessage()),
                    "see config-examples/policy-strict.toml for the expected form");
        } catch (IOException e) {
            throw new PolicyException(source + ": not valid TOML: " + firstLine(e.getMessage()),
                    "fix the syntax (https://toml.io)");
        }
        if (policy.version() != Policy.CURRENT_VERSION) {
            throw new PolicyException(source + ": version = " + policy.version() + " is not supported",
                    "set version = " + Policy.CURRENT_VERSION);
        }
        return policy;
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
