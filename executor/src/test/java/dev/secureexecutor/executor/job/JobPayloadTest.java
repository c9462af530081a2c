package dev.secureexecutor.executor.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.executor.env.RunnerEnv;
import dev.secureexecutor.sandbox.DriverFailure;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobPayloadTest {
    static RunnerEnv envFor(String resource, Map<String, String> extra) throws Exception {
        Path file = Path.of(
                JobPayloadTest.class.getResource("/payloads/" + resource).toURI());
        var env = new java.util.HashMap<>(extra);
        env.put("JOB_RESPONSE_FILE", file.toString());
        return new RunnerEnv(env);
    }

    @Test
    void readsTheFieldsTheDriverUsesAndIgnoresUnknownOnes() throws Exception {
        JobPayload payload = PayloadReader.read(envFor("full.json", Map.of()));
        assertEquals(987, payload.id());
        assertEquals("group/proj", payload.jobInfo().projectFullPath());
        assertEquals(1800, payload.runnerInfo().timeout());
        assertEquals("debian:12", payload.image().name());
        assertEquals(java.util.List.of("acme-"), payload.features().tokenMaskPrefixes());
        assertEquals(
                "https://gitlab.example.com:8443",
                payload.plainVariable("CI_SERVER_URL").orElseThrow());
    }

    @Test
    void printedPayloadRevealsNoCredential() throws Exception {
        JobPayload payload = PayloadReader.read(envFor("full.json", Map.of()));
        String printed = payload.toString();
        for (String secret :
                new String[] {"PAYLOADTOKEN", "registry-pass", "dependency-token", "cred-password", "eyJhbGci"}) {
            assertFalse(printed.contains(secret), "payload toString leaks " + secret);
        }
    }

    @Test
    void maskedVariablesAreNeverReturnedAsPlainText() throws Exception {
        JobPayload payload = PayloadReader.read(envFor("full.json", Map.of()));
        assertTrue(payload.plainVariable("CI_JOB_TOKEN").isEmpty());
    }

    @Test
    void wipeZeroesEverySecretTheParserRead() throws Exception {
        JobPayload payload = PayloadReader.read(envFor("full.json", Map.of()));
        payload.wipe();
        assertTrue(payload.token().isWiped());
        assertTrue(payload.gitInfo().repoUrl().isWiped());
        assertTrue(payload.variables().stream().allMatch(v -> v.value().isWiped()));
        assertTrue(payload.credentials().get(0).password().isWiped());
    }

    @Test
    void missingPayloadIsASystemFailureThatNamesTheFix() {
        DriverFailure e = assertThrows(DriverFailure.class, () -> PayloadReader.read(new RunnerEnv(Map.of())));
        assertEquals(DriverFailure.Kind.SYSTEM, e.kind());
        assertTrue(e.problem().contains("JOB_RESPONSE_FILE"));
    }

    @Test
    void gitlabHostComesFromTheServerUrlWithItsPort() throws Exception {
        JobPayload payload = PayloadReader.read(envFor("full.json", Map.of()));
        assertEquals("gitlab.example.com:8443", JobContext.gitlabHost(payload));
    }
}
