package dev.secureexecutor.executor.sim;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The environment of one driver call, in the runner's order (later keys win, as with Go's exec): the simulator's own
 * environment, the five runner-set variables, config's {@code job_env}, then {@code CUSTOM_ENV_<KEY>} for every
 * variable plus {@code CUSTOM_ENV_CI_JOB_SERVICES}.
 */
final class DriverEnvironment {
    /**
     * Dropped from the simulator's own environment so runs are reproducible: stale runner variables from an outer CI
     * job, and JVM option variables whose "Picked up ..." notice would land in the job log.
     */
    private static final Set<String> FILTERED = Set.of(
            "TMPDIR",
            "BUILD_FAILURE_EXIT_CODE",
            "SYSTEM_FAILURE_EXIT_CODE",
            "BUILD_EXIT_CODE_FILE",
            "JOB_RESPONSE_FILE",
            "JAVA_TOOL_OPTIONS",
            "_JAVA_OPTIONS",
            "JDK_JAVA_OPTIONS");

    static final int BUILD_FAILURE_EXIT_CODE = 1;
    static final int SYSTEM_FAILURE_EXIT_CODE = 2;

    private DriverEnvironment() {}

    static Map<String, String> build(
            Map<String, String> ownEnv, Path tmp, Map<String, String> jobEnv, List<JobVariable> allVariables) {
        Map<String, String> env = new LinkedHashMap<>();
        ownEnv.forEach((k, v) -> {
            if (!FILTERED.contains(k) && !k.startsWith("CUSTOM_ENV_")) {
                env.put(k, v);
            }
        });
        env.put("TMPDIR", tmp.toString());
        env.put("BUILD_FAILURE_EXIT_CODE", Integer.toString(BUILD_FAILURE_EXIT_CODE));
        env.put("SYSTEM_FAILURE_EXIT_CODE", Integer.toString(SYSTEM_FAILURE_EXIT_CODE));
        env.put("BUILD_EXIT_CODE_FILE", buildExitCodeFile(tmp).toString());
        env.put("JOB_RESPONSE_FILE", tmp.resolve("response.json").toString());
        env.putAll(jobEnv);
        for (JobVariable v : allVariables) {
            // file variables: the runner passes the CONTENT here, not a path
            env.put("CUSTOM_ENV_" + v.key(), v.value());
        }
        env.put("CUSTOM_ENV_CI_JOB_SERVICES", "");
        return env;
    }

    static Path buildExitCodeFile(Path tmp) {
        return tmp.resolve("build_exit_code");
    }
}
