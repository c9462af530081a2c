package dev.secureexecutor.executor.job;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.secureexecutor.executor.env.RunnerEnv;
import dev.secureexecutor.sandbox.JobIdentity;
import dev.secureexecutor.sandbox.policy.Policy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobImageTest {
    private static JobContext job(String declared, Map<String, String> env) {
        JobPayload payload = new JobPayload(
                1,
                null,
                null,
                null,
                null,
                List.of(),
                declared == null ? null : new JobPayload.Image(declared),
                null,
                null,
                null);
        return new JobContext(
                new RunnerEnv(env), Policy.defaults(), payload, new JobIdentity(1, "gitlab.example.com", "", "", ""));
    }

    @Test
    void aJobVariableNamedCiJobImageCannotReplaceTheDeclaredImage() {
        assertEquals(
                "debian:12",
                job("debian:12", Map.of("CUSTOM_ENV_CI_JOB_IMAGE", "evil:latest"))
                        .image());
    }

    @Test
    void aDeclaredImageWithVariablesUsesTheRunnersExpansion() {
        assertEquals(
                "debian:12",
                job("debian:$TAG", Map.of("CUSTOM_ENV_CI_JOB_IMAGE", "debian:12"))
                        .image());
    }

    @Test
    void withoutADeclaredImageThePolicyDefaultApplies() {
        assertEquals(
                Policy.defaults().image().defaultImage(),
                job(null, Map.of("CUSTOM_ENV_CI_JOB_IMAGE", "evil:latest")).image());
        assertEquals(
                Policy.defaults().image().defaultImage(), job("  ", Map.of()).image());
    }
}
