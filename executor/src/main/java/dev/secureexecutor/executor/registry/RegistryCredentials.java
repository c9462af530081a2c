package dev.secureexecutor.executor.registry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.secureexecutor.executor.job.JobPayload;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.docker.RegistryHost;
import dev.secureexecutor.sandbox.engine.PullRequest.RegistryLogin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The job's credentials for one registry, from the trusted payload only, in gitlab-runner's order of precedence:
 * the job's {@code DOCKER_AUTH_CONFIG} variable ({@code auths.<host>.auth} = base64 of {@code user:password}, or
 * {@code username}/{@code password}), then {@code credentials[]} of type {@code registry}. The runner host's own
 * {@code ~/.docker/config.json} is never read. The result is an in-memory {@link RegistryLogin} for one
 * pull (docker-java sends it as the {@code X-Registry-Auth} header); docker-java holds the password as a
 * {@code String}, so it lives in the driver's (non-dumpable) memory until the process ends, never in a file, an
 * argument or a message. {@code credsStore}/{@code credHelpers} are not supported (they run host binaries).
 */
public final class RegistryCredentials {
    static final String VARIABLE = "DOCKER_AUTH_CONFIG";
    private static final JsonFactory JSON = new JsonFactory();

    private RegistryCredentials() {}

    public static Optional<RegistryLogin> forRegistry(JobPayload payload, String registry) throws DriverFailure {
        for (JobPayload.Variable v : payload.variables()) {
            if (VARIABLE.equals(v.key()) && v.value() != null && v.value().length() > 0) {
                Optional<RegistryLogin> found = v.value().withBytes(b -> fromRegistryLogin(b, registry));
                if (found == null) {
                    throw DriverFailure.build(
                            "the job's " + VARIABLE + " variable is not valid JSON of the form"
                                    + " {\"auths\": {\"<registry>\": {\"auth\": \"<base64 user:password>\"}}}",
                            "fix the variable in the project's CI/CD settings (its value is not shown here)");
                }
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        for (JobPayload.Credential c : payload.credentials()) {
            if ("registry".equals(c.type())
                    && c.url() != null
                    && registry.equals(RegistryHost.normalize(c.url()))
                    && c.username() != null
                    && c.password() != null
                    && c.password().length() > 0) {
                return Optional.of(auth(registry, c.username(), c.password().withBytes(RegistryCredentials::utf8)));
            }
        }
        return Optional.empty();
    }

    /** The entry for {@code registry} in a Docker config JSON; {@code null} when the JSON is malformed. */
    static Optional<RegistryLogin> fromRegistryLogin(byte[] json, String registry) {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Optional<RegistryLogin> found = Optional.empty();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (!"auths".equals(field) || p.currentToken() != JsonToken.START_OBJECT) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String host = RegistryHost.normalize(p.currentName());
                    p.nextToken();
                    Optional<RegistryLogin> entry = entry(p, registry);
                    if (host.equals(registry) && found.isEmpty()) {
                        found = entry;
                    }
                }
            }
            return found;
        } catch (IOException | IllegalArgumentException malformed) {
            return null;
        }
    }

    private static Optional<RegistryLogin> entry(JsonParser p, String registry) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return Optional.empty();
        }
        String auth = null;
        String username = null;
        String password = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "auth" -> auth = p.getValueAsString();
                case "username" -> username = p.getValueAsString();
                case "password" -> password = p.getValueAsString();
                default -> p.skipChildren();
            }
        }
        if (auth != null && !auth.isEmpty()) {
            String pair = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            if (colon > 0) {
                return Optional.of(auth(registry, pair.substring(0, colon), pair.substring(colon + 1)));
            }
        }
        if (username != null && password != null) {
            return Optional.of(auth(registry, username, password));
        }
        return Optional.empty();
    }

    private static RegistryLogin auth(String registry, String username, String password) {
        return new RegistryLogin(registry, username, password);
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
