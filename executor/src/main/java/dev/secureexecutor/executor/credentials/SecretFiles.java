package dev.secureexecutor.executor.credentials;

import dev.secureexecutor.executor.job.JobPayload;
import dev.secureexecutor.masking.Secret;
import dev.secureexecutor.sandbox.ContainerProfile;
import dev.secureexecutor.sandbox.engine.JobEngine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which of a job's credentials become files on the secrets tmpfs (when the policy asks for it): the job token,
 * every id_token and every file-type variable, each under its variable name, and the {@code <NAME>_FILE} exports
 * that point the job's scripts at them. Both {@code prepare} (which writes the files) and {@code run} (which
 * prepends the exports to each stage script) derive the same list from the payload.
 */
public final class SecretFiles {
    private SecretFiles() {}

    /** Copies of the values, by file name; the caller wipes them. */
    public static List<Secret> collect(JobPayload payload) {
        Map<String, Secret> chosen = sources(payload);
        List<Secret> copies = new ArrayList<>();
        chosen.forEach((name, value) -> copies.add(Secret.ofBytes(name, value.bytes())));
        return copies;
    }

    public static List<String> names(JobPayload payload) {
        return List.copyOf(sources(payload).keySet());
    }

    /** {@code export NAME_FILE=/run/secrets/NAME} lines: names and paths only, never a value. */
    public static byte[] exports(JobPayload payload) {
        StringBuilder sb = new StringBuilder();
        for (String name : names(payload)) {
            sb.append("export ")
                    .append(name)
                    .append("_FILE=")
                    .append(ContainerProfile.SECRETS_DIR)
                    .append('/')
                    .append(name)
                    .append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static Map<String, Secret> sources(JobPayload payload) {
        Map<String, Secret> chosen = new LinkedHashMap<>();
        if (payload.token() != null && payload.token().length() > 0) {
            chosen.put("CI_JOB_TOKEN", payload.token());
        }
        for (JobPayload.Variable v : IdTokens.of(payload)) {
            chosen.putIfAbsent(v.key(), v.value());
        }
        for (JobPayload.Variable v : payload.variables()) {
            if (v.file() && v.key() != null && v.value() != null && v.value().length() > 0) {
                chosen.putIfAbsent(v.key(), v.value());
            }
        }
        chosen.entrySet()
                .removeIf(e -> !JobEngine.SECRET_FILE_NAME.matcher(e.getKey()).matches()
                        || e.getValue().isWiped()
                        || e.getValue().withBytes(SecretFiles::hasNul));
        return chosen;
    }

    /** Bash variables cannot hold NUL bytes, so such a value cannot travel through the length-delimited reader. */
    private static boolean hasNul(byte[] b) {
        for (byte x : b) {
            if (x == 0) {
                return true;
            }
        }
        return false;
    }
}
