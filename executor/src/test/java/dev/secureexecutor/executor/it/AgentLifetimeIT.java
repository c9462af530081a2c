package dev.secureexecutor.executor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.executor.sim.DockerLeftovers;
import dev.secureexecutor.executor.sim.LauncherLocator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent holds the job's secrets no longer than the job: it ends when the runner process that ran
 * {@code prepare} is gone (a stand-in runner, a bash that runs prepare then waits, is SIGKILLed) and at the job's
 * deadline; and it is hardened like every driver process that reads secrets (no core files, memory locked where
 * allowed). After either end, a cold cleanup removes the job's container.
 */
class AgentLifetimeIT extends DockerTierTestBase {
    @TempDir
    Path tmp;

    @Test
    void theAgentEndsWhenTheRunnerThatPreparedTheJobIsGone() throws Exception {
        long id = newJob().build().jobId();
        Map<String, String> env = jobEnv(id, 600, Map.of());
        Process runner = prepareFromStandInRunner(env);
        Path dir = Agents.dirFor(env.get("JOB_RESPONSE_FILE"));
        long agent = Agents.pid(dir).orElseThrow(() -> new AssertionError("no agent after prepare: " + dir));
        assertTrue(Agents.alive(agent));
        assertTrue(
                Agents.procLine(agent, "limits", "Max core file size").matches("Max core file size\\s+0\\s+0.*"),
                Agents.procLine(agent, "limits", "Max core file size"));
        assertTrue(
                !Agents.procLine(agent, "status", "VmLck").matches("VmLck:\\s+0 kB"),
                "root may lock memory, so the agent must have: " + Agents.procLine(agent, "status", "VmLck"));
        assertEquals(
                "",
                Agents.readQuietly(Path.of("/proc/" + agent + "/cmdline"))
                        .replaceAll(".*\0agent\0\\d+\0\\d+\0\\d+\0$", ""),
                "the agent's arguments are its launcher's pid and the runner's pid and start time only");

        runner.destroyForcibly().waitFor();
        assertTrue(Agents.awaitGone(agent, dir, 5000), "the agent outlived the runner");
        assertCleanupRemovesTheJob(env, id);
    }

    @Test
    void theAgentEndsAtTheJobsDeadline() throws Exception {
        long id = newJob().build().jobId();
        Path policy = PolicyFiles.write(tmp, "orphan_grace_seconds = 0\n");
        Map<String, String> env = jobEnv(id, 4, Map.of("SECURE_EXECUTOR_POLICY", policy.toString()));
        Process runner = prepareFromStandInRunner(env);
        try {
            Path dir = Agents.dirFor(env.get("JOB_RESPONSE_FILE"));
            long agent = Agents.pid(dir).orElseThrow(() -> new AssertionError("no agent after prepare: " + dir));
            assertTrue(Agents.awaitGone(agent, dir, 8000), "the agent outlived the job's 4 s timeout");
            assertCleanupRemovesTheJob(env, id);
        } finally {
            runner.destroyForcibly().waitFor();
        }
    }

    /** A minimal payload in a 0700 {@code <tmp>} and the variables the runner sets for every stage. */
    private Map<String, String> jobEnv(long id, int timeout, Map<String, String> extra) throws IOException {
        Path job = Files.createDirectory(tmp.resolve("job-" + id));
        Files.writeString(
                job.resolve("response.json"),
                "{\"id\": " + id + ", \"token\": \"glcbt-lifetime-" + id
                        + "\", \"job_info\": {\"project_full_path\": \"group/project\"}, \"runner_info\": {\"timeout\": "
                        + timeout + "}, \"variables\": [{\"key\": \"CI_JOB_TOKEN\", \"value\": \"glcbt-lifetime-" + id
                        + "\", \"masked\": true}, {\"key\": \"CI_SERVER_URL\", \"value\": \"http://lifetime.invalid\","
                        + " \"masked\": false}]}");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("SECURE_EXECUTOR_AGENT", "on");
        env.putAll(Map.of(
                "JOB_RESPONSE_FILE",
                job.resolve("response.json").toString(),
                "BUILD_EXIT_CODE_FILE",
                job.resolve("build_exit_code").toString(),
                "BUILD_FAILURE_EXIT_CODE",
                "1",
                "SYSTEM_FAILURE_EXIT_CODE",
                "2",
                "TMPDIR",
                job.toString()));
        env.putAll(extra);
        return env;
    }

    /** A bash that runs prepare, says so, then stays: prepare's parent, the process the agent watches. */
    private static Process prepareFromStandInRunner(Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(
                        "bash",
                        "-c",
                        "\"$0\" prepare >/dev/null 2>&1; echo \"prepared $?\";" + " exec sleep 300",
                        LauncherLocator.launcher().toString())
                .redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertEquals("prepared 0", line);
        return p;
    }

    private static void assertCleanupRemovesTheJob(Map<String, String> env, long id) throws Exception {
        ProcessBuilder pb =
                new ProcessBuilder(LauncherLocator.launcher().toString(), "cleanup").redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertEquals(java.util.List.of(), DockerLeftovers.all(id), out);
    }
}
