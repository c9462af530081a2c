package dev.secureexecutor.executor.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentRequestTest {
    @Test
    void parsesTheLaunchersRunCleanupAndStopLines() {
        AgentRequest run = AgentRequest.parse("run\t4242\t/tmp/c1/response.json\t/tmp/c1/bec\t/tmp/c1/s\tbuild_script")
                .orElseThrow();
        assertEquals(
                new AgentRequest("run", 4242, "/tmp/c1/response.json", "/tmp/c1/bec", "/tmp/c1/s", "build_script"),
                run);
        assertEquals(
                "cleanup",
                AgentRequest.parse("cleanup\t7\t/r.json\t\t\t").orElseThrow().verb());
        assertEquals(7, AgentRequest.parse("stop\t7").orElseThrow().launcherPid());
    }

    @Test
    void ignoresMalformedOrForeignLines() {
        for (String line : new String[] {
            "",
            "run",
            "run\tx\t/r\t\t/s\tst",
            "run\t7\t/r\t\t\tst",
            "run\t1\t/r\t\t/s\tst",
            "exec\t7\t/r\t\t/s\tst",
            "stop\t7\textra",
            "run\t7\t\t\t/s\tst",
            "run\t7\t/r\t\t/s"
        }) {
            assertTrue(AgentRequest.parse(line).isEmpty(), line);
        }
    }

    @Test
    void theLaunchersEnvironmentIsReadAsTheRunnerGaveIt() {
        byte[] environ =
                "JOB_RESPONSE_FILE=/tmp/c1/response.json\0CUSTOM_ENV_DB_PASSWORD=p\u00e4ss\nword=\0EMPTY=\0junk\0"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Map<String, String> env = LauncherEnvironment.parse(environ);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("JOB_RESPONSE_FILE", "/tmp/c1/response.json");
        expected.put("CUSTOM_ENV_DB_PASSWORD", "p\u00e4ss\nword=");
        expected.put("EMPTY", "");
        assertEquals(expected, env);
        assertTrue(
                java.util.stream.IntStream.range(0, environ.length).allMatch(i -> environ[i] == 0),
                "the raw copy is zeroed");
    }

    @Test
    void theDirectoryKeyIsWhatTheLauncherComputes() {
        // bin/secure-executor: ${JOB_RESPONSE_FILE//[^A-Za-z0-9._-]/_}
        assertEquals("_tmp_custom-executor123_response.json", AgentDir.key("/tmp/custom-executor123/response.json"));
        assertEquals("_a_b_c", AgentDir.key("/a b\u00e9c"));
    }
}
