package dev.secureexecutor.executor.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.executor.job.JobPayload;
import dev.secureexecutor.executor.job.PayloadReader;
import dev.secureexecutor.masking.Secret;
import dev.secureexecutor.sandbox.JobIdentity;
import dev.secureexecutor.sandbox.engine.Removal;
import dev.secureexecutor.sandbox.policy.CredentialPolicy;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks stopped: the audit log becoming a second copy of the credentials (only keyed fingerprints go in), other
 * host users reading it (0600 in a 0700 directory), and a job whose container was never wiped going unnoticed.
 */
class AuditLogTest {
    private static final String TOKEN = "glcbt-audit-test-token-abcdefghijklmnop";

    @TempDir
    Path dir;

    private CredentialPolicy policy() {
        return new CredentialPolicy(
                null,
                null,
                null,
                dir.resolve("log/audit.jsonl").toString(),
                dir.resolve("key/audit.key").toString(),
                null,
                null);
    }

    private static JobPayload payload() throws Exception {
        String json = "{\"id\":9,\"token\":\"" + TOKEN + "\",\"variables\":[{\"key\":"
                + "\"CI_JOB_TOKEN\",\"value\":\"" + TOKEN + "\",\"masked\":true},{\"key\":\"GITLAB_OIDC_TOKEN\","
                + "\"value\":\"eyJhbGciOiJSUzI1NiJ9.eyJ4IjoxfQ.c2lnbmF0dXJl\",\"masked\":true}]}";
        return PayloadReader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test payload");
    }

    private static JobAudit.Start start() {
        return new JobAudit.Start("img", "sha256:abc", List.of(), "isolation", List.of("decided"), 2_000_000_000L, 5);
    }

    @Test
    void startedLineHoldsFingerprintsNotCredentialsAndFilesArePrivate() throws Exception {
        JobAudit audit = new JobAudit(policy());
        JobIdentity job = new JobIdentity(9, "gitlab.example.com", "r", "g/p", "host");
        audit.started(job, payload(), start());
        String text = Files.readString(dir.resolve("log/audit.jsonl"));
        assertFalse(text.contains(TOKEN), "the job token is in the audit log");
        assertFalse(text.contains("c2lnbmF0dXJl"), "the id_token is in the audit log");
        assertTrue(text.contains("\"CI_JOB_TOKEN\":\"hmac-sha256:"), text);
        assertTrue(text.contains("\"GITLAB_OIDC_TOKEN\":\"hmac-sha256:"), text);
        assertEquals(
                "rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("log/audit.jsonl"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("log"))));
        assertEquals(
                "rw-------",
                PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("key/audit.key"))));
    }

    @Test
    void fingerprintsCorrelateUnderOneKeyAndDifferUnderAnother() {
        Secret value = Secret.of("v", TOKEN);
        String a = new CredentialFingerprints(Secret.of("k", "k".repeat(32))).fingerprint(value);
        String b = new CredentialFingerprints(Secret.of("k", "k".repeat(32))).fingerprint(value);
        String c = new CredentialFingerprints(Secret.of("k", "j".repeat(32))).fingerprint(value);
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertEquals("hmac-sha256:".length() + 2 * CredentialFingerprints.BYTES, a.length());
    }

    @Test
    void verifyListsJobsWithoutAVerifiedWipeAndMalformedLines() throws Exception {
        JobAudit audit = new JobAudit(policy());
        JobIdentity wiped = new JobIdentity(1, "gl", "r", "g/p", "h");
        JobIdentity crashed = new JobIdentity(2, "gl", "r", "g/q", "h");
        JobIdentity halfWiped = new JobIdentity(3, "gl", "r", "g/r", "h");
        audit.started(wiped, payload(), start());
        audit.wiped(wiped, "cleanup", new Removal(1, 1, 0, 0), 1, 3);
        audit.started(crashed, payload(), start());
        audit.started(halfWiped, payload(), start());
        audit.wiped(halfWiped, "cleanup", new Removal(1, 0, 0, 1), 0, 3);
        audit.refused(
                new JobIdentity(4, "gl", "r", "x/y", "h"),
                new JobAudit.Refused("prepare", "project", "build_failure", List.of(), "project x/y is not allowed"));
        Path log = dir.resolve("log/audit.jsonl");
        AuditLogVerifier.Report report = AuditLogVerifier.verify(log);
        assertEquals(6, report.lines());
        assertEquals(4, report.jobs());
        assertEquals(1, report.refused());
        assertEquals(2, report.unwiped().size(), report.unwiped().toString());
        assertTrue(report.unwiped().get(0).contains("job 2"), report.unwiped().toString());
        assertTrue(report.unwiped().get(1).contains("job 3"), report.unwiped().toString());
        assertTrue(report.malformed().isEmpty());

        Files.writeString(log, "not json\n{\"event\":\"started\"}\n", java.nio.file.StandardOpenOption.APPEND);
        AuditLogVerifier.Report bad = AuditLogVerifier.verify(log);
        assertEquals(List.of("line 7: not JSON", "line 8: no time"), bad.malformed());
        assertFalse(bad.ok());
    }

    @Test
    void laterWipeClosesAJobThatAReaperFound() throws Exception {
        JobAudit audit = new JobAudit(policy());
        JobIdentity job = new JobIdentity(5, "gl", "r", "g/p", "h");
        audit.started(job, payload(), start());
        audit.wiped(job, "gc", new Removal(1, 1, 0, 0), 0, 3);
        assertTrue(AuditLogVerifier.verify(dir.resolve("log/audit.jsonl")).ok());
    }
}
