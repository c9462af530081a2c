package dev.secureexecutor.executor.job;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import dev.secureexecutor.executor.credentials.SecretFiles;
import dev.secureexecutor.executor.env.RunnerEnv;
import dev.secureexecutor.masking.Secret;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pins what the streaming reader makes of a payload: every field the driver uses, and what it leaves alone. */
class PayloadReaderTest {
    static JobPayload parse(String json) throws Exception {
        return PayloadReader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test payload");
    }

    static String text(Secret s) {
        return new String(s.bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void readsEveryFieldOfTheFullFixture() throws Exception {
        JobPayload p = PayloadReader.read(JobPayloadTest.envFor("full.json", Map.of()));
        assertEquals(987, p.id());
        assertEquals("glcbt-64_PAYLOADTOKENabcdef", text(p.token()));
        assertEquals(new JobPayload.JobInfo("build", "test", "group/proj", 12), p.jobInfo());
        assertEquals(
                "https://gitlab-ci-token:glcbt-64_PAYLOADTOKENabcdef@gitlab.example.com:8443/group/proj.git",
                text(p.gitInfo().repoUrl()));
        assertEquals(1800, p.runnerInfo().timeout());
        assertEquals("debian:12", p.image().name());
        assertEquals(List.of("acme-"), p.features().tokenMaskPrefixes());
        assertEquals(List.of(), p.steps());

        String[][] expected = {
            // key, value, public, file, masked
            {"CI_JOB_TOKEN", "glcbt-64_PAYLOADTOKENabcdef", "false", "false", "true"},
            {"CI_SERVER_URL", "https://gitlab.example.com:8443", "true", "false", "false"},
            {"CI_PROJECT_PATH", "group/proj", "true", "false", "false"},
            {"CI_RUNNER_ID", "31", "true", "false", "false"},
            {"CI_REGISTRY_PASSWORD", "registry-pass-XYZ", "false", "false", "true"},
            {"GITLAB_OIDC_TOKEN", "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0.c2ln", "false", "false", "true"},
            {"DEPLOY_API_KEY", "not-marked-masked-but-named-like-a-key", "false", "false", "false"},
            {"PLAIN", "just text", "true", "false", "false"},
            {"MASKED_FILE", "-----BEGIN KEY-----\nline2secret\n-----END KEY-----", "false", "true", "true"},
        };
        assertEquals(expected.length, p.variables().size());
        for (int i = 0; i < expected.length; i++) {
            JobPayload.Variable v = p.variables().get(i);
            assertEquals(expected[i][0], v.key(), "key of variables[" + i + "]");
            assertEquals(expected[i][1], text(v.value()), "value of " + v.key());
            assertEquals(Boolean.parseBoolean(expected[i][2]), v.isPublic(), "public of " + v.key());
            assertEquals(Boolean.parseBoolean(expected[i][3]), v.file(), "file of " + v.key());
            assertEquals(Boolean.parseBoolean(expected[i][4]), v.masked(), "masked of " + v.key());
            assertFalse(v.raw(), "raw of " + v.key());
        }

        assertEquals(1, p.dependencies().size());
        assertEquals(5, p.dependencies().get(0).id());
        assertEquals("dependency-token-555", text(p.dependencies().get(0).token()));
        assertEquals(1, p.credentials().size());
        JobPayload.Credential c = p.credentials().get(0);
        assertEquals(List.of("registry", "registry.example.com", "u"), List.of(c.type(), c.url(), c.username()));
        assertEquals("cred-password-777", text(c.password()));
    }

    @Test
    void skipsUnknownFieldsAtEveryLevelEvenWhenTheyNestKnownNames() throws Exception {
        JobPayload p = parse("""
                {"allow_git_fetch": true, "n": 1.5e3, "s": "x", "nil": null, "big": 123456789012345678901234567890,
                 "decoy": {"token": "decoy-token", "id": 666, "variables": [{"key": "DECOY", "value": "v"}]},
                 "nested": [[[{"id": 1}]], {"a": {"b": {"c": [true, false, null, "token"]}}}],
                 "id": 41,
                 "job_info": {"project_full_path": "g/p", "deep": {"project_full_path": "no", "l": [[{}]]}},
                 "git_info": {"refspecs": ["+refs/heads/*"], "repo_url": "https://h/r.git", "depth": 20},
                 "variables": [{"key": "K", "value": "v", "internal": {"key": "NO"}, "masked": true, "x": [1]}],
                 "dependencies": [{"id": 5, "artifacts_file": {"filename": "a.zip", "size": 10}, "token": "t"}],
                 "credentials": [{"type": "registry", "extra": [{"password": "no"}], "password": "pw"}],
                 "image": {"name": "img", "entrypoint": ["sh"], "executor_opts": {"docker": {"platform": "x"}}},
                 "features": {"trace_sections": true, "failure_reasons": ["a"], "token_mask_prefixes": ["p-"]},
                 "steps": [{"name": "script", "when": "on_success", "script": ["make"], "timeout": 3600}],
                 "secrets": {"VAULT": {"vault": {"engine": {"name": "kv-v2"}}}}, "hooks": [], "inputs": []}
                """);
        assertEquals(41, p.id());
        assertEquals("", text(p.token()));
        assertEquals("g/p", p.jobInfo().projectFullPath());
        assertEquals("https://h/r.git", text(p.gitInfo().repoUrl()));
        assertEquals(1, p.variables().size());
        assertEquals("K", p.variables().get(0).key());
        assertTrue(p.variables().get(0).masked());
        assertEquals(5, p.dependencies().get(0).id());
        assertEquals("t", text(p.dependencies().get(0).token()));
        assertEquals("pw", text(p.credentials().get(0).password()));
        assertEquals("img", p.image().name());
        assertEquals(List.of("p-"), p.features().tokenMaskPrefixes());
        assertEquals(new JobPayload.Step("script", List.of("make")), p.steps().get(0));
    }

    @Test
    void missingAndNullSectionsGetTheModelsDefaults() throws Exception {
        for (String json : new String[] {
            "{\"id\": 3}",
            "{\"id\": 3, \"token\": null, \"job_info\": null,"
                    + " \"git_info\": null, \"runner_info\": null, \"variables\": null, \"image\": null,"
                    + " \"dependencies\": null, \"credentials\": null, \"features\": null, \"steps\": null}"
        }) {
            JobPayload p = parse(json);
            assertEquals(3, p.id(), json);
            assertEquals(0, p.token().length(), json);
            assertEquals(new JobPayload.JobInfo(null, null, null, 0), p.jobInfo(), json);
            assertNull(p.gitInfo().repoUrl(), json);
            assertEquals(0, p.runnerInfo().timeout(), json);
            assertNull(p.image(), json);
            assertEquals(List.of(), p.variables(), json);
            assertEquals(List.of(), p.dependencies(), json);
            assertEquals(List.of(), p.credentials(), json);
            assertEquals(List.of(), p.features().tokenMaskPrefixes(), json);
            assertEquals(List.of(), p.steps(), json);
        }
    }

    @Test
    void anAbsentCredentialInAPresentSectionReadsAsAnEmptySecretAsBefore() throws Exception {
        JobPayload p = parse(
                "{\"id\": 1, \"git_info\": {}, \"variables\": [{\"key\": \"K\"}],"
                        + " \"dependencies\": [{\"id\": 2}], \"credentials\": [{\"type\": \"registry\"}],"
                        + " \"steps\": [{\"name\": \"script\", \"script\": null}], \"features\": {\"token_mask_prefixes\": null}}");
        assertEquals(0, p.gitInfo().repoUrl().length());
        assertEquals(0, p.variables().get(0).value().length());
        assertFalse(p.variables().get(0).masked());
        assertEquals(0, p.dependencies().get(0).token().length());
        assertEquals(0, p.credentials().get(0).password().length());
        assertEquals(List.of(), p.steps().get(0).script());
        assertEquals(List.of(), p.features().tokenMaskPrefixes());
    }

    @Test
    void maskedFileVariablesKeepTheirExactBytesAndBecomeSecretFiles() throws Exception {
        JobPayload p = parse("{\"id\": 1, \"variables\": [{\"key\": \"KUBECONFIG_B64\", \"value\":"
                + " \"l1\\nl2\\r\\n\\tp\\u00e4ss \\ud83d\\udd11 \\\"q\\\" \\\\ /\", \"file\": true, \"masked\": true,"
                + " \"raw\": true}, {\"key\": \"PLAIN_FILE\", \"value\": \"x\", \"file\": true, \"masked\": false}]}");
        JobPayload.Variable v = p.variables().get(0);
        assertTrue(v.file() && v.masked() && v.raw());
        assertArrayEquals(
                "l1\nl2\r\n\tpäss \uD83D\uDD11 \"q\" \\ /".getBytes(StandardCharsets.UTF_8),
                v.value().bytes());
        assertEquals(List.of("KUBECONFIG_B64", "PLAIN_FILE"), SecretFiles.names(p));
        assertTrue(p.plainVariable("KUBECONFIG_B64").isEmpty(), "a masked file variable is never plain text");
    }

    @Test
    void readsAPayloadLargerThanOneMebibyteFromTheFile(@TempDir Path dir) throws Exception {
        StringBuilder pem = new StringBuilder("-----BEGIN KEY-----");
        for (int i = 0; i < 20_000; i++) {
            pem.append("\\n").append(String.format("%064d", i));
        }
        pem.append("\\n-----END KEY-----");
        StringBuilder json = new StringBuilder("{\"id\": 77, \"token\": \"glcbt-big\", \"blob\": [");
        for (int i = 0; i < 2_000; i++) {
            json.append(i == 0 ? "" : ",")
                    .append("{\"a\": [")
                    .append(i)
                    .append(", {\"b\": \"")
                    .append("z".repeat(100))
                    .append("\"}]}");
        }
        json.append("], \"variables\": [");
        for (int i = 0; i < 3_000; i++) {
            json.append("{\"key\": \"VAR_")
                    .append(i)
                    .append("\", \"value\": \"value-")
                    .append(i)
                    .append("\", \"masked\": ")
                    .append(i % 2 == 0)
                    .append("},");
        }
        json.append("{\"key\": \"BIG_KEY\", \"value\": \"")
                .append(pem)
                .append("\", \"file\": true, \"masked\": true}],")
                .append(" \"runner_info\": {\"timeout\": 7200}}");
        Path file = dir.resolve("response.json");
        Files.writeString(file, json);
        assertTrue(Files.size(file) > 1024 * 1024, "the fixture is over 1 MiB: " + Files.size(file));

        JobPayload p = PayloadReader.read(new RunnerEnv(Map.of("JOB_RESPONSE_FILE", file.toString())));
        assertEquals(77, p.id());
        assertEquals(7200, p.runnerInfo().timeout());
        assertEquals(3_001, p.variables().size());
        assertEquals("value-2999", text(p.variables().get(2_999).value()));
        assertEquals(
                1_501,
                p.variables().stream().filter(JobPayload.Variable::masked).count());
        JobPayload.Variable big = p.variables().get(3_000);
        assertEquals("BIG_KEY", big.key());
        assertEquals(pem.toString().replace("\\n", "\n"), text(big.value()));
        assertTrue(big.value().length() > 1024 * 1024, "the one value alone is over 1 MiB");
        p.wipe();
        assertTrue(big.value().isWiped());
    }

    @Test
    void aRepeatedKeyCountsOnceWithItsLastValue() throws Exception {
        JobPayload p = parse(
                "{\"id\": 1, \"token\": \"first\", \"token\": \"second\","
                        + " \"variables\": [{\"key\": \"A\", \"value\": \"1\"}], \"variables\": [{\"key\": \"B\", \"value\": \"2\"}]}");
        assertEquals("second", text(p.token()));
        assertEquals(
                List.of("B"),
                p.variables().stream().map(JobPayload.Variable::key).toList());
    }

    @Test
    void secretsThePayloadDoesNotHoldAreWipedByTheCursor() throws Exception {
        try (JsonParser json = new JsonFactory().createParser("[\"kept\", \"dropped\"]")) {
            PayloadCursor cursor = new PayloadCursor(json);
            json.nextToken();
            json.nextToken();
            Secret kept = cursor.secret("a");
            json.nextToken();
            Secret dropped = cursor.secret("b");
            Set<Secret> held = Collections.newSetFromMap(new IdentityHashMap<>());
            held.add(kept);
            cursor.wipeSecretsExcept(held);
            assertFalse(kept.isWiped());
            assertEquals("kept", text(kept));
            assertTrue(dropped.isWiped());
        }
    }
}
