package dev.secureexecutor.executor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.secureexecutor.executor.RejectedExample;
import dev.secureexecutor.executor.sim.LauncherLocator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code secure-executor audit} against this host's real daemon, through the launcher an admin would use. */
class AuditIT extends DockerTierTestBase {
    record Audit(int exit, String stdout, String stderr) {}

    private static Audit audit(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(LauncherLocator.launcher().toString(), "audit"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("SECURE_EXECUTOR_POLICY");
        pb.environment().remove("DOCKER_HOST");
        Process p = pb.start();
        byte[] err = p.getErrorStream().readAllBytes();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Audit(
                p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private static Path example(String name) {
        return RejectedExample.examplesDir().resolve(name);
    }

    @Test
    void strictPolicyOnThisHostHasNoFailAndReportsTheRealDaemon() throws Exception {
        Audit a = audit(
                "--policy",
                example("policy-strict.toml").toString(),
                "--runner-config",
                example("runner-config.toml").toString(),
                "--format",
                "json");
        JsonNode report = new ObjectMapper().readTree(a.stdout());
        assertEquals(0, report.get("summary").get("fail").asInt(), a.stdout());
        assertEquals(0, a.exit(), a.stderr());
        List<String> checks = new ArrayList<>();
        report.get("findings")
                .forEach(f -> checks.add(
                        f.get("status").asText() + " " + f.get("check").asText()));
        assertTrue(checks.contains("PASS daemon.seccomp"), checks.toString());
        assertTrue(checks.contains("PASS daemon.socket"), checks.toString());
        assertTrue(checks.contains("WARN daemon.mac"), "no AppArmor/SELinux on this host: " + checks);
        assertTrue(checks.contains("PASS daemon.gvisor"), "scripts/setup.sh registers runsc: " + checks);
        assertTrue(checks.contains("PASS runner.config-toml"), checks.toString());
        report.get("findings")
                .forEach(f -> assertTrue(
                        f.get("status").asText().equals("PASS")
                                || !f.get("remedy").asText().isEmpty(),
                        "every WARN/FAIL has a remedy: " + f));
        assertTrue(!a.stdout().contains("glrt-REPLACE"), "the runner token in config.toml is never printed");
    }

    @Test
    void shellExecutorOnTheHostAndADangerousPolicyFailWithExitStatus1() throws Exception {
        Audit a = audit(
                "--policy",
                example("rejected/policy-privileged.toml").toString(),
                "--runner-config",
                example("rejected/runner-config-shell.toml").toString());
        assertEquals(1, a.exit(), a.stdout() + a.stderr());
        assertTrue(a.stdout().startsWith("STATUS"), a.stdout());
        assertTrue(
                a.stdout().lines().anyMatch(l -> l.startsWith("FAIL") && l.contains("policy.job.privileged")),
                a.stdout());
        assertTrue(
                a.stdout().lines().anyMatch(l -> l.startsWith("FAIL") && l.contains("runner.shell-executor")),
                a.stdout());
        assertTrue(a.stdout().contains("remedy: "), a.stdout());
        assertTrue(a.stdout().contains("FAIL (exit status 1"), a.stdout());
    }

    @Test
    void unknownOptionIsAShortSystemFailure() throws Exception {
        Audit a = audit("--frobnicate");
        assertEquals(2, a.exit());
        assertEquals("", a.stdout());
        assertTrue(a.stderr().contains("unknown audit option '--frobnicate'"), a.stderr());
        assertNoStackTrace(a.stderr());
    }
}
