package dev.secureexecutor.executor.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.executor.env.RunnerEnv;
import dev.secureexecutor.executor.secrets.NameGlob;
import dev.secureexecutor.masking.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class JobSecretCollectorTest {
    private static Set<String> values(List<Secret> secrets) {
        return secrets.stream()
                .map(s -> new String(s.bytes(), StandardCharsets.UTF_8))
                .collect(Collectors.toSet());
    }

    private static RunnerEnv env(Map<String, String> extra) throws Exception {
        Map<String, String> env = new HashMap<>(extra);
        env.put(
                "JOB_RESPONSE_FILE",
                Path.of(JobSecretCollectorTest.class
                                .getResource("/payloads/full.json")
                                .toURI())
                        .toString());
        return new RunnerEnv(env);
    }

    @Test
    void collectsEveryCredentialThePayloadCarries() throws Exception {
        RunnerEnv env = env(Map.of());
        Set<String> found = values(new JobSecretCollector(NameGlob.DEFAULTS).collect(PayloadReader.read(env), env));
        assertTrue(found.contains("glcbt-64_PAYLOADTOKENabcdef"), "job token");
        assertTrue(found.contains("registry-pass-XYZ"), "masked variable");
        assertTrue(found.contains("eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0.c2ln"), "id_token");
        assertTrue(found.contains("dependency-token-555"), "dependency token");
        assertTrue(found.contains("cred-password-777"), "registry credential");
        assertTrue(
                found.contains("-----BEGIN KEY-----\nline2secret\n-----END KEY-----"), "masked file variable content");
        assertTrue(found.contains("not-marked-masked-but-named-like-a-key"), "glob *_API_KEY");
        assertFalse(found.contains("just text"));
        assertFalse(found.contains("https://gitlab.example.com:8443"));
    }

    @Test
    void customEnvValuesMatchingTheGlobsAreMaskedTooBecauseAJobCanChangeThem() throws Exception {
        RunnerEnv env = env(Map.of("CUSTOM_ENV_DB_PASSWORD", "overridden-by-job", "CUSTOM_ENV_HOME", "/root"));
        Set<String> found = values(new JobSecretCollector(NameGlob.DEFAULTS).collect(PayloadReader.read(env), env));
        assertTrue(found.contains("overridden-by-job"));
        assertFalse(found.contains("/root"));
    }

    @Test
    void passwordIsTakenFromUrlUserinfo() {
        Secret s = JobSecretCollector.userinfoPassword(
                "https://gitlab-ci-token:tok:en@x@host:1/p.git?a=b@c".getBytes(StandardCharsets.UTF_8));
        assertEquals("tok:en@x", new String(s.bytes(), StandardCharsets.UTF_8));
        assertNull(JobSecretCollector.userinfoPassword("https://host/p.git".getBytes(StandardCharsets.UTF_8)));
        assertNull(JobSecretCollector.userinfoPassword("https://user@host/p.git".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void globsMatchWholeNamesCaseInsensitively() {
        assertTrue(new NameGlob("*_TOKEN").matches("GITLAB_OIDC_TOKEN"));
        assertTrue(new NameGlob("*_token").matches("MY_TOKEN"));
        assertFalse(new NameGlob("*_TOKEN").matches("TOKENS"));
        assertFalse(new NameGlob("*_TOKEN").matches("MY_TOKEN_FILE"));
        assertTrue(new NameGlob("A?C").matches("abc"));
    }
}
