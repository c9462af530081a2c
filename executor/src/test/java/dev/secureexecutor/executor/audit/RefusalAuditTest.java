package dev.secureexecutor.executor.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.secureexecutor.masking.Masker;
import dev.secureexecutor.masking.Secret;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.JobIdentity;
import dev.secureexecutor.sandbox.policy.CredentialPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks stopped: a job turned away in prepare leaving no trace for the security team (every refusal is one
 * {@code refused} line), and a refusal's reason carrying a credential into the audit log (a job can put its token
 * into its image name; the reason is masked with the job's masker).
 */
class RefusalAuditTest {
    private static final String TOKEN = "glcbt-refusal-test-token-abcdefghijklmn";
    private static final JobIdentity JOB = new JobIdentity(42, "gitlab.example.com", "r", "g/p", "host");

    @TempDir
    Path dir;

    private Path log() {
        return dir.resolve("log/audit.jsonl");
    }

    private RefusalAudit refusals(Path auditLog, List<String> warnings) {
        CredentialPolicy policy = new CredentialPolicy(
                null,
                null,
                null,
                auditLog.toString(),
                dir.resolve("key/audit.key").toString(),
                null,
                null);
        Masker masker =
                Masker.builder().secret(Secret.of("CI_JOB_TOKEN", TOKEN)).build();
        return new RefusalAudit(new JobAudit(policy), JOB, masker, warnings::add);
    }

    private List<JsonNode> lines() throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(log())) {
            nodes.add(new ObjectMapper().readTree(line));
        }
        return nodes;
    }

    @Test
    void imageRefusalIsOneLineWithStageCheckExitClassAndAMaskedReason() throws Exception {
        DriverFailure refused = DriverFailure.refusal(
                DriverFailure.Kind.BUILD,
                DriverFailure.Refusal.IMAGE,
                "image 'registry.example.com/" + TOKEN + ":1' is not in this runner's allowed images (ci/*)",
                "use an allowed image");
        List<String> warnings = new ArrayList<>();
        assertSame(refused, refusals(log(), warnings).record(refused, List.of()), "the refusal itself is unchanged");

        List<JsonNode> lines = lines();
        assertEquals(1, lines.size(), lines.toString());
        JsonNode e = lines.get(0);
        assertEquals("refused", e.get("event").asText());
        assertEquals(42, e.get("job_id").asLong());
        assertEquals("gitlab.example.com", e.get("gitlab_host").asText());
        assertEquals("prepare", e.get("stage").asText());
        assertEquals("image", e.get("check").asText());
        assertEquals("build_failure", e.get("exit").asText());
        assertEquals(
                "image 'registry.example.com/[MASKED]:1' is not in this runner's allowed images (ci/*)",
                e.get("reason").asText());
        assertFalse(Files.readString(log()).contains(TOKEN), "the job token is in the audit log");
        assertEquals(List.of(), warnings);

        AuditLogVerifier.Report report = AuditLogVerifier.verify(log());
        assertTrue(report.ok(), report.toString());
        assertEquals(1, report.refused());
        assertEquals(0, report.started());
    }

    @Test
    void systemRefusalKeepsItsExitClassAndTheDecisionsTakenBeforeIt() throws Exception {
        DriverFailure refused = DriverFailure.refusal(
                DriverFailure.Kind.SYSTEM,
                DriverFailure.Refusal.HOST_SETUP,
                "the Docker daemon runs rootless: on cgroup v1 it ignores the memory and pids limits",
                "fix the host");
        refusals(log(), new ArrayList<>()).record(refused, List.of("project allowlist: g/p allowed"));

        JsonNode e = lines().get(0);
        assertEquals("host_setup", e.get("check").asText());
        assertEquals("system_failure", e.get("exit").asText());
        assertEquals("project allowlist: g/p allowed", e.get("decisions").get(0).asText());
        assertTrue(e.get("reason").asText().startsWith("the Docker daemon runs rootless"), e.toString());
    }

    @Test
    void aFailureThatIsNotARefusalIsNotRecorded() {
        DriverFailure broken =
                DriverFailure.system("cannot list containers: Docker said: connection reset", "check dockerd");
        assertSame(broken, refusals(log(), new ArrayList<>()).record(broken, List.of()));
        assertFalse(Files.exists(log()), "a Docker error is not a refusal");
    }

    @Test
    void aRefusalThatCannotBeRecordedIsStillTheSameRefusalAndTheJobLogSaysSo() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        DriverFailure refused = DriverFailure.refusal(
                DriverFailure.Kind.BUILD, DriverFailure.Refusal.IMAGE, "image 'x' is not pinned by digest", "pin it");
        List<String> warnings = new ArrayList<>();
        DriverFailure thrown =
                refusals(notADirectory.resolve("audit.jsonl"), warnings).record(refused, List.of());

        assertSame(refused, thrown, "exit code and message stay the refusal's");
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(
                warnings.get(0).startsWith("this refusal is not in the audit log: cannot append to the audit log"),
                warnings.get(0));
    }
}
