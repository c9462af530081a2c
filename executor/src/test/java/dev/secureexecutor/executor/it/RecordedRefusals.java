package dev.secureexecutor.executor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code refused} lines an audit log holds for one job, as a security team reads them. Only lines naming the job
 * are parsed, so a shared log (the built-in policy's) may hold anything else.
 */
final class RecordedRefusals {
    private RecordedRefusals() {}

    static List<JsonNode> of(Path auditLog, long jobId) throws IOException {
        if (!Files.exists(auditLog)) {
            return List.of();
        }
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> found = new ArrayList<>();
        for (String line : Files.readAllLines(auditLog)) {
            if (line.contains("\"job_id\":" + jobId + ",")) {
                JsonNode e = json.readTree(line);
                if (e.path("event").asText().equals("refused")
                        && e.path("job_id").asLong() == jobId) {
                    found.add(e);
                }
            }
        }
        return found;
    }

    /**
     * The job has exactly {@code attempts} refused lines (one per prepare attempt), each from prepare, by
     * {@code check}, of exit class {@code exit}, with a reason containing {@code reason} and no {@code secret}.
     */
    static void assertRecorded(
            Path auditLog, long jobId, int attempts, String check, String exit, String reason, String secret)
            throws IOException {
        List<JsonNode> lines = of(auditLog, jobId);
        assertEquals(attempts, lines.size(), "refused lines of job " + jobId + " in " + auditLog + ": " + lines);
        for (JsonNode e : lines) {
            assertEquals("prepare", e.path("stage").asText(), e.toString());
            assertEquals(check, e.path("check").asText(), e.toString());
            assertEquals(exit, e.path("exit").asText(), e.toString());
            assertFalse(e.path("reason").asText().isEmpty(), e.toString());
            assertTrue(e.path("reason").asText().contains(reason), "the reason says '" + reason + "': " + e);
        }
        assertFalse(Files.readString(auditLog).contains(secret), "a credential is in the audit log " + auditLog);
    }
}
