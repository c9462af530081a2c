package dev.secureexecutor.executor.credentials;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Failure stopped: a job silently sending an empty CI_JOB_JWT_V2 to a cloud provider and failing confusingly. */
class LegacyJwtWarningTest {
    @Test
    void scriptsUsingRemovedVariablesGetTheIdTokensBlockToDeclare() {
        var lines = LegacyJwtWarning.of(
                        TestPayloads.with(
                                "g/p",
                                List.of(
                                        "aws sts assume-role-with-web-identity --web-identity-token \"$CI_JOB_JWT_V2\"")),
                        "https://aws")
                .orElseThrow();
        String text = String.join("\n", lines);
        assertTrue(text.contains("CI_JOB_JWT_V2"), text);
        assertTrue(text.contains("id_tokens:"), text);
        assertTrue(text.contains("aud: https://aws"), text);
    }

    @Test
    void scriptsWithoutThemGetNoWarning() {
        assertTrue(LegacyJwtWarning.of(
                        TestPayloads.with(
                                "g/p", List.of("echo $GITLAB_OIDC_TOKEN_FILE", "echo CI_JOB_JWT_V3_NOT_A_THING")),
                        "x")
                .isEmpty());
    }
}
