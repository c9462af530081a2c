package dev.secureexecutor.executor.credentials;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.secureexecutor.executor.job.JobPayload;
import dev.secureexecutor.executor.job.PayloadReader;
import dev.secureexecutor.sandbox.DriverFailure;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Job payloads for the credential tests, built with Jackson's tree model and parsed by the driver's own reader. */
final class TestPayloads {
    static final String SERVER = "https://gitlab.example.com";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestPayloads() {}

    /** A payload with the job token, CI_SERVER_URL and CI_PROJECT_PATH, plus masked {@code idTokens} (name, value). */
    static JobPayload with(String project, List<String> script, String... maskedNameValue) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", 7);
        root.put("token", "glcbt-unit-test-token-0123456789");
        root.putObject("job_info").put("project_full_path", project);
        ArrayNode vars = root.putArray("variables");
        plain(vars, "CI_SERVER_URL", SERVER);
        plain(vars, "CI_PROJECT_PATH", project);
        ObjectNode token = vars.addObject();
        token.put("key", "CI_JOB_TOKEN");
        token.put("value", "glcbt-unit-test-token-0123456789");
        token.put("masked", true);
        for (int i = 0; i + 1 < maskedNameValue.length; i += 2) {
            ObjectNode v = vars.addObject();
            v.put("key", maskedNameValue[i]);
            v.put("value", maskedNameValue[i + 1]);
            v.put("masked", true);
        }
        ObjectNode step = root.putArray("steps").addObject();
        step.put("name", "script");
        script.forEach(step.putArray("script")::add);
        try {
            return PayloadReader.read(
                    new ByteArrayInputStream(root.toString().getBytes(StandardCharsets.UTF_8)), "test payload");
        } catch (DriverFailure e) {
            throw new IllegalStateException(e.problem(), e);
        }
    }

    private static void plain(ArrayNode vars, String key, String value) {
        ObjectNode v = vars.addObject();
        v.put("key", key);
        v.put("value", value);
        v.put("public", true);
    }
}
