package dev.secureexecutor.executor.job;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.secureexecutor.masking.Secret;
import java.util.List;
import java.util.Optional;

/**
 * The parts of {@code JOB_RESPONSE_FILE} (the runner's copy of GitLab's job payload) the driver uses. This file is
 * the trusted source: unlike {@code CUSTOM_ENV_*}, a job's author cannot override it. Every value that may be a
 * credential is a {@link Secret}, read without an intermediate {@code String}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobPayload(
        @JsonProperty("id") long id,
        @JsonProperty("token") @JsonDeserialize(using = SecretDeserializer.class) Secret token,
        @JsonProperty("job_info") JobInfo jobInfo,
        @JsonProperty("git_info") GitInfo gitInfo,
        @JsonProperty("runner_info") RunnerInfo runnerInfo,
        @JsonProperty("variables") List<Variable> variables,
        @JsonProperty("image") Image image,
        @JsonProperty("dependencies") List<Dependency> dependencies,
        @JsonProperty("credentials") List<Credential> credentials,
        @JsonProperty("features") Features features,
        @JsonProperty("steps") List<Step> steps) {

    public JobPayload {
        jobInfo = jobInfo == null ? new JobInfo(null, null, null, 0) : jobInfo;
        gitInfo = gitInfo == null ? new GitInfo(null) : gitInfo;
        runnerInfo = runnerInfo == null ? new RunnerInfo(0) : runnerInfo;
        variables = variables == null ? List.of() : variables;
        dependencies = dependencies == null ? List.of() : dependencies;
        credentials = credentials == null ? List.of() : credentials;
        features = features == null ? new Features(null) : features;
        steps = steps == null ? List.of() : steps;
    }

    /** A payload without steps (for callers that do not look at the job's scripts). */
    public JobPayload(long id, Secret token, JobInfo jobInfo, GitInfo gitInfo, RunnerInfo runnerInfo,
            List<Variable> variables, Image image, List<Dependency> dependencies, List<Credential> credentials,
            Features features) {
        this(id, token, jobInfo, gitInfo, runnerInfo, variables, image, dependencies, credentials, features, null);
    }

    /** The variable's value as text, for non-secret variables such as {@code CI_SERVER_URL}. */
    public Optional<String> plainVariable(String key) {
        return variables.stream()
                .filter(v -> key.equals(v.key()) && v.value() != null && !v.masked())
                .findFirst()
                .map(v -> v.value().withBytes(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8)))
                .filter(s -> !s.isEmpty());
    }

    /** Zeroes every secret this payload holds. */
    public void wipe() {
        if (token != null) {
            token.wipe();
        }
        if (gitInfo.repoUrl() != null) {
            gitInfo.repoUrl().wipe();
        }
        variables.forEach(v -> {
            if (v.value() != null) {
                v.value().wipe();
            }
        });
        dependencies.forEach(d -> {
            if (d.token() != null) {
                d.token().wipe();
            }
        });
        credentials.forEach(c -> {
            if (c.password() != null) {
                c.password().wipe();
            }
        });
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record JobInfo(
            @JsonProperty("name") String name,
            @JsonProperty("stage") String stage,
            @JsonProperty("project_full_path") String projectFullPath,
            @JsonProperty("project_id") long projectId) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record GitInfo(@JsonProperty("repo_url") @JsonDeserialize(using = SecretDeserializer.class) Secret repoUrl) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RunnerInfo(@JsonProperty("timeout") long timeout) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Variable(
            @JsonProperty("key") String key,
            @JsonProperty("value") @JsonDeserialize(using = SecretDeserializer.class) Secret value,
            @JsonProperty("public") boolean isPublic,
            @JsonProperty("file") boolean file,
            @JsonProperty("masked") boolean masked,
            @JsonProperty("raw") boolean raw) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Image(@JsonProperty("name") String name) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Dependency(
            @JsonProperty("id") long id,
            @JsonProperty("token") @JsonDeserialize(using = SecretDeserializer.class) Secret token) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Credential(
            @JsonProperty("type") String type,
            @JsonProperty("url") String url,
            @JsonProperty("username") String username,
            @JsonProperty("password") @JsonDeserialize(using = SecretDeserializer.class) Secret password) {}

    /** A step of the job ({@code script}, {@code after_script}, ...): the user's commands, not secrets. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Step(@JsonProperty("name") String name, @JsonProperty("script") List<String> script) {
        public Step {
            script = script == null ? List.of() : script;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Features(@JsonProperty("token_mask_prefixes") List<String> tokenMaskPrefixes) {
        public Features {
            tokenMaskPrefixes = tokenMaskPrefixes == null ? List.of() : tokenMaskPrefixes;
        }
    }
}
