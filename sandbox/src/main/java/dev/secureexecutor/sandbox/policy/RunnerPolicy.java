package dev.secureexecutor.sandbox.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How the driver relates to the gitlab-runner installation.
 *
 * @param gitlabRunnerBinary host path of the gitlab-runner binary to mount read-only into job containers (the
 *     artifact and cache stages call it); empty for none
 * @param configToml gitlab-runner's {@code config.toml}; when set, every job is refused while another runner on this
 *     host weakens isolation (shell executor, privileged Docker, socket mounts, machine reuse). Empty for none.
 */
public record RunnerPolicy(
        @JsonProperty("gitlab_runner_binary") String gitlabRunnerBinary,
        @JsonProperty("config_toml") String configToml) {

    /** Where the binary appears inside the job container. */
    public static final String BINARY_IN_CONTAINER = "/usr/local/bin/gitlab-runner";

    public RunnerPolicy {
        gitlabRunnerBinary = gitlabRunnerBinary == null ? "" : gitlabRunnerBinary.trim();
        configToml = configToml == null ? "" : configToml.trim();
    }

    static RunnerPolicy defaults() {
        return new RunnerPolicy(null, null);
    }
}
