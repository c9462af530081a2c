package dev.secureexecutor.executor.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.secureexecutor.executor.sim.JwtSigner;
import dev.secureexecutor.masking.Secret;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Leak stopped: a secret value landing in the stage script's prepended exports or in a file name. */
class SecretFilesTest {
    @Test
    void exportsNameThePathsAndNeverTheValues() {
        String token = JwtSigner.rs256("k").sign(JwtSigner.claims(TestPayloads.SERVER, TestPayloads.SERVER));
        var payload = TestPayloads.with("g/p", List.of(), "GITLAB_OIDC_TOKEN", token, "bad/name", token);
        String exports = new String(SecretFiles.exports(payload), StandardCharsets.US_ASCII);
        assertEquals(
                "export CI_JOB_TOKEN_FILE=/run/secrets/CI_JOB_TOKEN\n"
                        + "export GITLAB_OIDC_TOKEN_FILE=/run/secrets/GITLAB_OIDC_TOKEN\n",
                exports);
        assertFalse(exports.contains("glcbt-"));
        List<Secret> files = SecretFiles.collect(payload);
        assertEquals(
                List.of("CI_JOB_TOKEN", "GITLAB_OIDC_TOKEN"),
                files.stream().map(Secret::name).toList());
        files.forEach(Secret::wipe);
    }
}
