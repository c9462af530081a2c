package dev.secureexecutor.executor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.secureexecutor.executor.sim.DockerLeftovers;
import dev.secureexecutor.executor.sim.JobObserver;
import dev.secureexecutor.executor.sim.JobResult;
import dev.secureexecutor.executor.sim.JobSpec;
import dev.secureexecutor.executor.sim.JobStatus;
import dev.secureexecutor.executor.sim.JobVariable;
import dev.secureexecutor.executor.sim.JwtSigner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks stopped in {@code prepare}, before any container exists: a job with an expired, replayed (other audience),
 * foreign (other issuer), malformed or forged (not GitLab's key) id_token, and a project outside the runner's
 * allowlist. Each is a build failure (no retry) naming the variable and the reason, never the value, with a
 * {@code refused} line in the audit log.
 */
class CredentialRefusalIT extends DockerTierTestBase {
    private static final String VAULT = "https://vault.example.com";
    private static final JwtSigner GITLAB_KEY = JwtSigner.rs256("gitlab-key-1");

    @TempDir
    static Path dir;

    static Path policy;
    static Path jwksPolicyDir;
    static Path jwksPolicy;

    @BeforeAll
    static void writePolicies() throws IOException {
        String server = serverUrl();
        policy = PolicyFiles.write(
                dir,
                "allowed_projects = [\"group/*\", \"tools/**\"]\n" + "id_token_audiences = [\"" + server + "\", \""
                        + VAULT + "\"]\n");
        jwksPolicyDir = Files.createDirectory(dir.resolve("jwks"));
        Path jwks = Files.writeString(jwksPolicyDir.resolve("jwks.json"), JwtSigner.jwks(GITLAB_KEY));
        jwksPolicy = PolicyFiles.write(jwksPolicyDir, "jwks_file = \"" + jwks + "\"\n");
    }

    private static String serverUrl() {
        String s = gitlab.url().toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** Runs the job and asserts the refusal: build failure in prepare, nothing created, reason named, no value. */
    private JobResult assertRefused(Path withPolicy, JobSpec job, String variable, String reason, String value)
            throws IOException {
        AtomicReference<List<String>> atCleanup = new AtomicReference<>(List.of("<cleanup not reached>"));
        gitlab.registerJob(job);
        JobResult r;
        try {
            r = PolicyFiles.simulator(withPolicy).run(job, new JobObserver() {
                @Override
                public void beforeCleanup(boolean prepared) {
                    atCleanup.set(DockerLeftovers.all(job.jobId()));
                }
            });
        } finally {
            gitlab.unregisterJob(job);
        }
        assertEquals(JobStatus.FAILED, r.status(), describe(r));
        assertEquals(1, r.calls("prepare").size(), "a refusal is a build failure: not retried\n" + describe(r));
        assertEquals(1, r.calls("prepare").get(0).exitCode(), describe(r));
        assertEquals(List.of(), atCleanup.get(), "prepare created Docker resources for a refused job");
        assertTrue(r.driverLog().contains(variable) && r.driverLog().contains(reason), describe(r));
        assertFalse(r.driverLog().contains(value), "the refused value is in the job log");
        assertTrue(r.stageNames().isEmpty(), "no script ran: " + r.stageNames());
        assertNoSecretLeaked(r);
        assertNoStackTrace(r.driverLog() + r.runnerLog());
        String audit = Files.readString(PolicyFiles.auditLog(withPolicy.getParent()));
        assertTrue(
                audit.lines()
                        .anyMatch(l ->
                                l.contains("\"event\":\"refused\"") && l.contains("\"job_id\":" + job.jobId() + ",")),
                audit);
        assertFalse(audit.contains(value), "the refused value is in the audit log");
        return r;
    }

    private ObjectNode claims() {
        return JwtSigner.claims(serverUrl(), VAULT);
    }

    @Test
    void expiredIdTokenIsRefused() throws IOException {
        ObjectNode c = claims();
        c.put("exp", Instant.now().getEpochSecond() - 600);
        String token = GITLAB_KEY.sign(c);
        assertRefused(
                policy,
                newJob().variable(JobVariable.masked("VAULT_ID_TOKEN", token)).build(),
                "id_token VAULT_ID_TOKEN is refused",
                "expired",
                token);
    }

    @Test
    void idTokenForAnAudienceThisRunnerDoesNotServeIsRefused() throws IOException {
        ObjectNode c = claims();
        c.put("aud", "https://attacker.example");
        String token = GITLAB_KEY.sign(c);
        assertRefused(
                policy,
                newJob().variable(JobVariable.masked("VAULT_ID_TOKEN", token)).build(),
                "id_token VAULT_ID_TOKEN is refused",
                "audience",
                token);
    }

    @Test
    void idTokenOfAnotherIssuerIsRefused() throws IOException {
        ObjectNode c = JwtSigner.claims("https://gitlab.attacker.example", VAULT);
        String token = GITLAB_KEY.sign(c);
        assertRefused(
                policy,
                newJob().variable(JobVariable.masked("VAULT_ID_TOKEN", token)).build(),
                "id_token VAULT_ID_TOKEN is refused",
                "issuer",
                token);
    }

    @Test
    void malformedIdTokenIsRefused() throws IOException {
        String token = "eyJhbGciOiJSUzI1NiJ9.not-json-at-all";
        assertRefused(
                policy,
                newJob().variable(JobVariable.masked("VAULT_ID_TOKEN", token)).build(),
                "id_token VAULT_ID_TOKEN is refused",
                "not a well-formed JWT",
                token);
    }

    @Test
    void projectOutsideTheAllowlistIsRefused() throws IOException {
        JobSpec job = newJob().project("attacker/fork", 666).build();
        assertRefused(policy, job, "project attacker/fork is not allowed", "allowed_projects", job.token());
    }

    @Test
    void idTokenNotSignedByGitLabsKeyIsRefused() throws IOException {
        // a forger's own key, presented under GitLab's key id
        String forged = JwtSigner.rs256("gitlab-key-1").sign(claims());
        JobSpec job = newJob().withoutDefaultIdToken()
                .variable(JobVariable.masked("VAULT_ID_TOKEN", forged))
                .build();
        assertRefused(jwksPolicy, job, "id_token VAULT_ID_TOKEN is refused", "does not verify", forged);
    }

    @Test
    void idTokenSignedByGitLabRunsAndRemovedJwtVariablesGetAWarning() throws IOException {
        String token = GITLAB_KEY.sign(claims());
        JobSpec job = newJob().withoutDefaultIdToken()
                .variable(JobVariable.masked("VAULT_ID_TOKEN", token))
                .script("echo \"legacy: ${CI_JOB_JWT_V2:-empty}\"")
                .build();
        gitlab.registerJob(job);
        JobResult r;
        try {
            r = PolicyFiles.simulator(jwksPolicy).run(job);
        } finally {
            gitlab.unregisterJob(job);
        }
        assertEquals(JobStatus.SUCCESS, r.status(), describe(r));
        assertTrue(r.driverLog().contains("CI_JOB_JWT_V2, which GitLab removed in 17.0"), describe(r));
        assertTrue(r.driverLog().contains("  id_tokens:"), describe(r));
        assertTrue(r.driverLog().contains("legacy: empty"), describe(r));
        String audit = Files.readString(PolicyFiles.auditLog(jwksPolicyDir));
        assertTrue(
                audit.contains("id_token VAULT_ID_TOKEN: accepted") && audit.contains("RS256 signature verified"),
                audit);
        assertNoSecretLeaked(r);
    }
}
