package dev.secureexecutor.executor.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.secureexecutor.sandbox.checks.Finding;
import java.util.List;

/** Renders audit findings: a PASS/WARN/FAIL table for people, or one JSON document for machines. */
public final class AuditReport {
    private final List<Finding> findings;

    public AuditReport(List<Finding> findings) {
        this.findings = List.copyOf(findings);
    }

    public boolean anyFailed() {
        return findings.stream().anyMatch(Finding::failed);
    }

    public long count(Finding.Status status) {
        return findings.stream().filter(f -> f.status() == status).count();
    }

    public String table() {
        int width = Math.max(
                5, findings.stream().mapToInt(f -> f.key().length()).max().orElse(5));
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-6s %-" + width + "s %s%n", "STATUS", "CHECK", "FINDING"));
        for (Finding f : findings) {
            sb.append(String.format("%-6s %-" + width + "s %s%n", f.status(), f.key(), f.reason()));
            if (!f.fix().isEmpty()) {
                sb.append(String.format("%-6s %-" + width + "s remedy: %s%n", "", "", f.fix()));
            }
        }
        sb.append(String.format(
                "audit: %d PASS, %d WARN, %d FAIL%s%n",
                count(Finding.Status.PASS),
                count(Finding.Status.WARN),
                count(Finding.Status.FAIL),
                anyFailed() ? " (exit status 1: fix every FAIL before this host runs jobs)" : ""));
        return sb.toString();
    }

    public String json() {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ObjectNode summary = root.putObject("summary");
        summary.put("pass", count(Finding.Status.PASS));
        summary.put("warn", count(Finding.Status.WARN));
        summary.put("fail", count(Finding.Status.FAIL));
        ArrayNode list = root.putArray("findings");
        for (Finding f : findings) {
            ObjectNode item = list.addObject();
            item.put("status", f.status().name());
            item.put("check", f.key());
            item.put("message", f.reason());
            item.put("remedy", f.fix());
        }
        return root.toString() + "\n";
    }
}
