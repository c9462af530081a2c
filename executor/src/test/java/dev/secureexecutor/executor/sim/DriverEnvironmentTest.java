package dev.secureexecutor.executor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriverEnvironmentTest {
    private final JobSpec job = JobSpec.builder(55, URI.create("http://192.0.2.2:40000"))
            .commit("main", "b".repeat(40))
            .image("img:1")
            .variable(JobVariable.fileVariable("CERT", "-----BEGIN-----\nxyz\n"))
            .build();
    private final List<JobVariable> payload = PayloadVariables.of(job);
    private final Path tmp = Path.of("/tmp/custom-executor123");

    @Test
    void runnerVariablesFollowTheSimulatorsOwnEnvironment() {
        Map<String, String> env = DriverEnvironment.build(
                Map.of("PATH", "/bin", "TMPDIR", "/elsewhere", "CUSTOM_ENV_STALE", "x", "JAVA_TOOL_OPTIONS", "-Xmx1m"),
                tmp,
                Map.of(),
                RunnerVariables.of(job, payload, null, false, "running"));
        assertEquals("/bin", env.get("PATH"));
        assertEquals("/tmp/custom-executor123", env.get("TMPDIR"));
        assertEquals("1", env.get("BUILD_FAILURE_EXIT_CODE"));
        assertEquals("2", env.get("SYSTEM_FAILURE_EXIT_CODE"));
        assertEquals("/tmp/custom-executor123/build_exit_code", env.get("BUILD_EXIT_CODE_FILE"));
        assertEquals("/tmp/custom-executor123/response.json", env.get("JOB_RESPONSE_FILE"));
        assertFalse(env.containsKey("CUSTOM_ENV_STALE"));
        assertFalse(env.containsKey("JAVA_TOOL_OPTIONS"));
    }

    @Test
    void everyVariableIsPassedPrefixedFileVariablesAsContent() {
        Map<String, String> env = DriverEnvironment.build(
                Map.of(), tmp, Map.of(), RunnerVariables.of(job, payload, "/builds", false, "running"));
        assertEquals(job.token, env.get("CUSTOM_ENV_CI_JOB_TOKEN"));
        assertEquals(job.token, env.get("CUSTOM_ENV_CI_REGISTRY_PASSWORD"));
        assertEquals(job.repoUrlWithToken(), env.get("CUSTOM_ENV_CI_REPOSITORY_URL"));
        assertEquals("-----BEGIN-----\nxyz\n", env.get("CUSTOM_ENV_CERT"));
        assertEquals("img:1", env.get("CUSTOM_ENV_CI_JOB_IMAGE"));
        assertEquals("/builds", env.get("CUSTOM_ENV_CI_BUILDS_DIR"));
        assertEquals("/builds/group/project", env.get("CUSTOM_ENV_CI_PROJECT_DIR"));
        assertEquals("true", env.get("CUSTOM_ENV_CI_SHARED_ENVIRONMENT"));
        assertEquals("", env.get("CUSTOM_ENV_CI_JOB_SERVICES"));
        assertEquals("running", env.get("CUSTOM_ENV_CI_JOB_STATUS"));
        assertEquals(RunnerVariables.RUNNER_SHORT_TOKEN, env.get("CUSTOM_ENV_CI_RUNNER_SHORT_TOKEN"));
        assertEquals("3600", env.get("CUSTOM_ENV_CI_JOB_TIMEOUT"));
    }

    @Test
    void buildsAndProjectDirAreEmptyAtConfigTime() {
        Map<String, String> env = DriverEnvironment.build(
                Map.of(), tmp, Map.of(), RunnerVariables.of(job, payload, null, false, "running"));
        assertEquals("", env.get("CUSTOM_ENV_CI_BUILDS_DIR"));
        assertEquals("", env.get("CUSTOM_ENV_CI_PROJECT_DIR"));
    }

    @Test
    void jobEnvOverridesRunnerVariablesButNotCustomEnv() {
        Map<String, String> env = DriverEnvironment.build(
                Map.of(),
                tmp,
                Map.of("TMPDIR", "/job-env-tmp", "CUSTOM_ENV_CI_JOB_ID", "forged", "DRIVER_STATE", "s1"),
                RunnerVariables.of(job, payload, "/builds", false, "running"));
        assertEquals("/job-env-tmp", env.get("TMPDIR"));
        assertEquals("s1", env.get("DRIVER_STATE"));
        assertEquals("55", env.get("CUSTOM_ENV_CI_JOB_ID"));
    }

    @Test
    void sharedBuildsDirAddsRunnerTokenAndConcurrency() {
        assertEquals(
                "/b/" + RunnerVariables.RUNNER_SHORT_TOKEN + "/0/group/project",
                RunnerVariables.projectDir(job, "/b/", true));
    }
}
