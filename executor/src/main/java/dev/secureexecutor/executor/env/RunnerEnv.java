package dev.secureexecutor.executor.env;

import dev.secureexecutor.sandbox.docker.DockerEndpoint;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A typed view of the environment gitlab-runner gives the driver. Variables without the {@code CUSTOM_ENV_} prefix
 * come from the runner and its admin ({@code job_env}, the runner's own environment) and are trusted;
 * {@code CUSTOM_ENV_*} values can be overridden by the job's author and are never used for security decisions.
 */
public final class RunnerEnv {
    private final Map<String, String> env;

    public RunnerEnv(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public static RunnerEnv fromSystem() {
        return new RunnerEnv(System.getenv());
    }

    public Optional<String> get(String name) {
        String value = env.get(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** A job variable as the runner exported it ({@code CUSTOM_ENV_<name>}): untrusted. */
    public Optional<String> custom(String name) {
        return get("CUSTOM_ENV_" + name);
    }

    public Map<String, String> all() {
        return env;
    }

    public Optional<Path> jobResponseFile() {
        return get("JOB_RESPONSE_FILE").map(Path::of);
    }

    public Optional<Path> buildExitCodeFile() {
        return get("BUILD_EXIT_CODE_FILE").map(Path::of);
    }

    /** {@code SECURE_EXECUTOR_POLICY}: the admin's policy file, if not the default path. */
    public Optional<Path> policyFile() {
        return get("SECURE_EXECUTOR_POLICY").map(Path::of);
    }

    public Optional<String> dockerHost() {
        return get("DOCKER_HOST");
    }

    /** The Docker API endpoint with its TLS settings, from the runner's environment only. */
    public DockerEndpoint dockerEndpoint() {
        return DockerEndpoint.of(
                get("DOCKER_HOST").orElse(null),
                get("DOCKER_TLS_VERIFY").orElse(null),
                get("DOCKER_CERT_PATH").orElse(null));
    }

    public boolean debug() {
        return get("SECURE_EXECUTOR_DEBUG")
                .map(v -> !v.equals("0") && !v.equalsIgnoreCase("false"))
                .orElse(false);
    }
}
