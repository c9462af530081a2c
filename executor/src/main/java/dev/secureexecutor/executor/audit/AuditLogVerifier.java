package dev.secureexecutor.executor.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an audit log back: every line must be a JSON object with the fields its event needs, and every job that
 * started must have a verified wipe after its last start. A job without one is a container (with credentials in
 * it) that may still exist, or did until a reaper found it.
 */
public final class AuditLogVerifier {
    private static final Set<String> EVENTS = Set.of(JobAudit.STARTED, JobAudit.REFUSED, JobAudit.WIPED);

    /** The outcome: counts, malformed lines (by number) and jobs without a verified wipe. */
    public record Report(
            int lines, int jobs, int started, int wiped, int refused, List<String> malformed, List<String> unwiped) {
        public boolean ok() {
            return malformed.isEmpty() && unwiped.isEmpty();
        }
    }

    private AuditLogVerifier() {}

    public static Report verify(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, JsonNode> open = new LinkedHashMap<>();
        Map<String, Boolean> seen = new LinkedHashMap<>();
        List<String> malformed = new ArrayList<>();
        int lines = 0;
        int started = 0;
        int wiped = 0;
        int refused = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                lines++;
                JsonNode e;
                try {
                    e = json.readTree(line);
                } catch (IOException bad) {
                    malformed.add("line " + lines + ": not JSON");
                    continue;
                }
                String problem = problem(e);
                if (problem != null) {
                    malformed.add("line " + lines + ": " + problem);
                    continue;
                }
                String job = e.get("gitlab_host").asText() + " job "
                        + e.get("job_id").asLong();
                seen.put(job, true);
                switch (e.get("event").asText()) {
                    case JobAudit.STARTED -> {
                        started++;
                        open.put(job, e);
                    }
                    case JobAudit.WIPED -> {
                        wiped++;
                        if (e.path("verified").asBoolean(false)) {
                            open.remove(job);
                        }
                    }
                    default -> refused++;
                }
            }
        }
        List<String> unwiped = new ArrayList<>();
        open.forEach((job, e) -> unwiped.add(job + " (project "
                + e.path("project").asText() + ", started " + e.path("time").asText() + ", deadline "
                + e.path("deadline").asText() + ")"));
        return new Report(lines, seen.size(), started, wiped, refused, malformed, unwiped);
    }

    private static String problem(JsonNode e) {
        if (e == null || !e.isObject()) {
            return "not a JSON object";
        }
        for (String field : new String[] {"time", "event", "job_id", "gitlab_host"}) {
            if (!e.hasNonNull(field)) {
                return "no " + field;
            }
        }
        if (!EVENTS.contains(e.get("event").asText())) {
            return "unknown event '" + e.get("event").asText() + "'";
        }
        if (e.get("event").asText().equals(JobAudit.STARTED)
                && !e.path("credentials").isObject()) {
            return "a started event without credential fingerprints";
        }
        if (e.get("event").asText().equals(JobAudit.WIPED)
                && !e.path("verified").isBoolean()) {
            return "a wiped event without its verification result";
        }
        if (e.get("event").asText().equals(JobAudit.REFUSED)
                && e.path("reason").asText("").isEmpty()) {
            return "a refused event without its reason";
        }
        return null;
    }
}
