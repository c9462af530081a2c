package dev.secureexecutor.executor.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.secureexecutor.executor.job.JobPayload;
import dev.secureexecutor.executor.sim.JwtSigner;
import dev.secureexecutor.sandbox.DriverFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks stopped: a job running with a stolen, expired, replayed (other audience) or foreign-issuer id_token, or a
 * forged one (not signed by GitLab's keys), or a malformed value posing as one. Every refusal names the variable and
 * never prints the token.
 */
class IdTokenCheckTest {
    private static final JwtSigner RSA = JwtSigner.rs256("rsa-1");
    private static final JwtSigner EC = JwtSigner.es256("ec-1");
    private static final JwtSigner FORGER = JwtSigner.rs256("rsa-1");

    @TempDir
    Path dir;

    private static DriverFailure refused(IdTokenCheck check, String token) {
        JobPayload payload = TestPayloads.with("group/project", List.of("true"), "VAULT_ID_TOKEN", token);
        DriverFailure f = assertThrows(DriverFailure.class, () -> check.checkAll(payload));
        assertEquals(DriverFailure.Kind.BUILD, f.kind(), f.problem());
        assertEquals(DriverFailure.Refusal.ID_TOKEN, f.refusal().orElseThrow(), f.problem());
        assertTrue(f.problem().contains("VAULT_ID_TOKEN"), f.problem());
        assertFalse(f.problem().contains(token) || f.remedy().contains(token), "the token is in the message");
        String signature = token.substring(token.lastIndexOf('.') + 1);
        if (signature.length() > 8) {
            assertFalse(f.problem().contains(signature), "the token's signature is in the message");
        }
        return f;
    }

    private static IdTokenCheck plain(List<String> audiences) {
        return new IdTokenCheck(TestPayloads.SERVER, audiences, null, Instant.now());
    }

    @Test
    void acceptsAValidTokenAndSaysWhatWasChecked() throws Exception {
        String token = RSA.sign(JwtSigner.claims(TestPayloads.SERVER, "https://vault.example.com"));
        List<String> d = plain(List.of("https://vault.example.com"))
                .checkAll(TestPayloads.with("group/project", List.of("true"), "VAULT_ID_TOKEN", token));
        assertEquals(1, d.size());
        assertTrue(d.get(0).contains("VAULT_ID_TOKEN: accepted"), d.get(0));
        assertTrue(d.get(0).contains("audience"), d.get(0));
    }

    @Test
    void expiredTokenIsRefused() {
        ObjectNode claims = JwtSigner.claims(TestPayloads.SERVER, TestPayloads.SERVER);
        claims.put("exp", Instant.now().getEpochSecond() - 3600);
        assertTrue(refused(plain(List.of()), RSA.sign(claims)).problem().contains("expired"));
    }

    @Test
    void tokenWithinTheClockSkewIsStillAccepted() throws Exception {
        ObjectNode claims = JwtSigner.claims(TestPayloads.SERVER, TestPayloads.SERVER);
        claims.put("exp", Instant.now().getEpochSecond() - 10);
        plain(List.of()).checkAll(TestPayloads.with("g/p", List.of(), "T", RSA.sign(claims)));
    }

    @Test
    void notYetValidTokenIsRefused() {
        ObjectNode claims = JwtSigner.claims(TestPayloads.SERVER, TestPayloads.SERVER);
        claims.put("nbf", Instant.now().getEpochSecond() + 3600);
        assertTrue(refused(plain(List.of()), RSA.sign(claims)).problem().contains("not valid before"));
    }

    @Test
    void tokenWithoutExpiryIsRefused() {
        ObjectNode claims = JwtSigner.claims(TestPayloads.SERVER, TestPayloads.SERVER);
        claims.remove("exp");
        assertTrue(refused(plain(List.of()), RSA.sign(claims)).problem().contains("no expiry"));
    }

    @Test
    void tokenForAnotherAudienceIsRefused() {
        String token = RSA.sign(JwtSigner.claims(TestPayloads.SERVER, "https://attacker.example"));
        DriverFailure f = refused(plain(List.of("https://vault.example.com")), token);
        assertTrue(f.problem().contains("audience"), f.problem());
        assertTrue(f.remedy().contains("https://vault.example.com"), f.remedy());
    }

    @Test
    void audienceArrayMatchesIfAnyEntryIsAccepted() throws Exception {
        ObjectNode claims = JwtSigner.claims(TestPayloads.SERVER, "x");
        claims.putArray("aud").add("https://other").add("https://vault.example.com");
        plain(List.of("https://vault.example.com"))
                .checkAll(TestPayloads.with("g/p", List.of(), "T", RSA.sign(claims)));
    }

    @Test
    void tokenOfAnotherIssuerIsRefused() {
        String token = RSA.sign(JwtSigner.claims("https://evil.example.com", TestPayloads.SERVER));
        assertTrue(refused(plain(List.of()), token).problem().contains("issuer"));
    }

    @Test
    void issuerWithATrailingSlashStillMatches() throws Exception {
        String token = RSA.sign(JwtSigner.claims(TestPayloads.SERVER + "/", TestPayloads.SERVER));
        plain(List.of()).checkAll(TestPayloads.with("g/p", List.of(), "T", token));
    }

    @Test
    void malformedValuesPosingAsJwtsAreRefused() {
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"RS256\"}".getBytes());
        String claims = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"iss\":\"x\"}".getBytes());
        for (String bad : List.of(
                header + "." + claims,
                header + ".!!!." + "c2ln",
                header + ".bm90anNvbg.c2ln",
                header + "." + claims + ".c2ln.extra",
                "eyJub3QganNvbg.e30.c2ln",
                header + "." + claims + ".")) {
            assertTrue(refused(plain(List.of()), bad).problem().contains("not a well-formed JWT"), bad.length() + "");
        }
    }

    @Test
    void jobTokenInJwtFormatIsNotTakenForAnIdToken() {
        JobPayload p = TestPayloads.with("g/p", List.of(), "CI_REGISTRY_PASSWORD", "glcbt-eyJhbGciOi.eyJzdWIi.c2ln");
        assertTrue(IdTokens.of(p).isEmpty());
    }

    @Test
    void signaturesVerifyAgainstTheJwksForRs256AndEs256() throws Exception {
        Path jwks = Files.writeString(dir.resolve("jwks.json"), JwtSigner.jwks(RSA, EC));
        IdTokenCheck check = new IdTokenCheck(TestPayloads.SERVER, List.of(), JwksKeys.load(jwks), Instant.now());
        ObjectNode claims = JwtSigner.claims(TestPayloads.SERVER, TestPayloads.SERVER);
        List<String> d =
                check.checkAll(TestPayloads.with("g/p", List.of(), "A", RSA.sign(claims), "B", EC.sign(claims)));
        assertTrue(d.get(0).contains("RS256 signature verified"), d.get(0));
        assertTrue(d.get(1).contains("ES256 signature verified"), d.get(1));
    }

    @Test
    void forgedSignatureIsRefused() throws Exception {
        Path jwks = Files.writeString(dir.resolve("jwks.json"), JwtSigner.jwks(RSA, EC));
        IdTokenCheck check = new IdTokenCheck(TestPayloads.SERVER, List.of(), JwksKeys.load(jwks), Instant.now());
        String forged = FORGER.sign(JwtSigner.claims(TestPayloads.SERVER, TestPayloads.SERVER));
        assertTrue(refused(check, forged).problem().contains("does not verify"));
    }

    @Test
    void tamperedClaimsAreRefused() throws Exception {
        Path jwks = Files.writeString(dir.resolve("jwks.json"), JwtSigner.jwks(RSA));
        IdTokenCheck check = new IdTokenCheck(TestPayloads.SERVER, List.of(), JwksKeys.load(jwks), Instant.now());
        String good = RSA.sign(JwtSigner.claims(TestPayloads.SERVER, TestPayloads.SERVER));
        String[] parts = good.split("\\.");
        ObjectNode other = JwtSigner.claims(TestPayloads.SERVER, "https://vault.example.com");
        String swapped = parts[0] + "."
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(other.toString().getBytes()) + "." + parts[2];
        refused(check, swapped);
    }

    @Test
    void unsignedTokenIsRefusedWhenSignaturesAreChecked() throws Exception {
        Path jwks = Files.writeString(dir.resolve("jwks.json"), JwtSigner.jwks(RSA));
        IdTokenCheck check = new IdTokenCheck(TestPayloads.SERVER, List.of(), JwksKeys.load(jwks), Instant.now());
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
        String claims = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(JwtSigner.claims(TestPayloads.SERVER, TestPayloads.SERVER)
                        .toString()
                        .getBytes());
        assertTrue(refused(check, header + "." + claims + ".c2ln").problem().contains("only RS256 and ES256"));
    }

    @Test
    void unreadableJwksIsASystemFailure() {
        DriverFailure f = assertThrows(DriverFailure.class, () -> JwksKeys.load(dir.resolve("missing.json")));
        assertEquals(DriverFailure.Kind.SYSTEM, f.kind());
        assertEquals(DriverFailure.Refusal.HOST_SETUP, f.refusal().orElseThrow(), "jobs are refused, not unchecked");
    }
}
