package dev.secureexecutor.executor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobPayloadWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private final JobSpec job = JobSpec.builder(4711, URI.create("http://192.0.2.2:40000"))
            .project("acme/widgets", 9)
            .commit("main", "a".repeat(40))
            .image("secure-executor/job-bookworm:1")
            .script("make")
            .afterScript("echo done")
            .timeoutSeconds(600)
            .variable(JobVariable.fileVariable("KUBECONFIG_FILE", "apiVersion: v1\n"))
            .build();

    private JsonNode written() throws Exception {
        Path file = JobPayloadWriter.write(tmp, job, PayloadVariables.of(job));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        return JSON.readTree(file.toFile());
    }

    private static Map<String, JsonNode> variables(JsonNode payload) {
        Map<String, JsonNode> byKey = new HashMap<>();
        payload.path("variables").forEach(v -> byKey.put(v.path("key").asText(), v));
        return byKey;
    }

    @Test
    void topLevelFieldsAreThoseOfTheRunnersJob() throws Exception {
        JsonNode p = written();
        assertEquals(4711, p.path("id").asLong());
        assertEquals(job.token, p.path("token").asText());
        assertTrue(p.path("allow_git_fetch").asBoolean());
        assertEquals(
                "acme/widgets", p.path("job_info").path("project_full_path").asText());
        assertEquals("widgets", p.path("job_info").path("project_name").asText());
        assertEquals(9, p.path("job_info").path("project_id").asInt());
        assertEquals(
                "http://gitlab-ci-token:" + job.token + "@192.0.2.2:40000/acme/widgets.git",
                p.path("git_info").path("repo_url").asText());
        assertEquals(20, p.path("git_info").path("depth").asInt());
        assertEquals(600, p.path("runner_info").path("timeout").asInt());
        assertEquals(
                "secure-executor/job-bookworm:1", p.path("image").path("name").asText());
        assertEquals("script", p.path("steps").get(0).path("name").asText());
        assertEquals("on_success", p.path("steps").get(0).path("when").asText());
        assertEquals("after_script", p.path("steps").get(1).path("name").asText());
        assertTrue(p.path("features").path("token_mask_prefixes").isArray());
        for (String key : new String[] {"artifacts", "cache", "credentials", "dependencies", "services"}) {
            assertTrue(p.path(key).isArray(), key);
        }
    }

    @Test
    void secretsCarryGitLabsFlags() throws Exception {
        Map<String, JsonNode> v = variables(written());
        assertTrue(v.get("CI_JOB_TOKEN").path("masked").asBoolean());
        assertFalse(v.get("CI_JOB_TOKEN").path("public").asBoolean());
        assertTrue(v.get("CI_REGISTRY_PASSWORD").path("masked").asBoolean());
        assertFalse(v.get("CI_REPOSITORY_URL").path("masked").asBoolean(), "GitLab does not mask it");
        assertTrue(v.get("CI_REPOSITORY_URL").path("value").asText().contains(job.token));
        assertEquals(
                "http://192.0.2.2:40000", v.get("CI_SERVER_URL").path("value").asText());
        assertEquals("acme/widgets", v.get("CI_PROJECT_PATH").path("value").asText());
        assertEquals("4711", v.get("CI_JOB_ID").path("value").asText());
        assertTrue(v.get("KUBECONFIG_FILE").path("file").asBoolean());
    }

    @Test
    void idTokensAreMaskedJwtShapedValues() throws Exception {
        JsonNode token = variables(written()).get("GITLAB_OIDC_TOKEN");
        assertTrue(token.path("masked").asBoolean());
        String[] parts = token.path("value").asText().split("\\.");
        assertEquals(3, parts.length);
        JsonNode header = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
        JsonNode claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        assertEquals("RS256", header.path("alg").asText());
        assertEquals("JWT", header.path("typ").asText());
        assertFalse(header.path("kid").asText().isEmpty());
        assertEquals("http://192.0.2.2:40000", claims.path("iss").asText());
        assertEquals("acme/widgets", claims.path("project_path").asText());
        assertTrue(claims.path("exp").asLong() > System.currentTimeMillis() / 1000);
        assertTrue(claims.path("sub").asText().startsWith("project_path:acme/widgets:"));
        assertFalse(parts[0].contains("=") || parts[1].contains("=") || parts[2].contains("="));
    }
}
