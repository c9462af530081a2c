package dev.secureexecutor.executor.job;

import dev.secureexecutor.masking.Secret;
import java.util.List;
import java.util.Optional;

/**
 * The parts of {@code JOB_RESPONSE_FILE} (the runner's copy of GitLab's job payload) the driver uses. This file is
 * the trusted source: unlike {@code CUSTOM_ENV_*}, a job's author cannot override it. Every value that may be a
 * credential is a {@link Secret}, read without an intermediate {@code String}. {@link PayloadReader} fills it in one
 * streaming pass ({@link PayloadParser}); a comment gives a field's JSON name where it differs from the component's.
 */
public record JobPayload(
        long id,
        Secret token,
        /* job_info */ JobInfo jobInfo,
        /* git_info */ GitInfo gitInfo,
        /* runner_info */ RunnerInfo runnerInfo,
        List<Variable> variables,
        Image image,
        List<Dependency> dependencies,
        List<Credential> credentials,
        Features features,
        List<Step> steps) {

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
    public JobPayload(
            long id,
            Secret token,
            JobInfo jobInfo,
            GitInfo gitInfo,
            RunnerInfo runnerInfo,
            List<Variable> variables,
            Image image,
            List<Dependency> dependencies,
            List<Credential> credentials,
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

    public record JobInfo(
            String name,
            String stage,
            /* project_full_path */ String projectFullPath,
            /* project_id */ long projectId) {}

    public record GitInfo(/* repo_url */ Secret repoUrl) {}

    public record RunnerInfo(long timeout) {}

    public record Variable(
            String key, Secret value, /* public */ boolean isPublic, boolean file, boolean masked, boolean raw) {}

    /**
     * The job's {@code image:}. {@code entrypoint} is empty when the job set none (the image's own ENTRYPOINT
     * applies); {@code [""]} clears it. {@code pullPolicy} is empty when the job asked for none.
     */
    public record Image(String name, List<String> entrypoint, /* pull_policy */ List<String> pullPolicy) {
        public Image {
            entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
            pullPolicy = pullPolicy == null ? List.of() : List.copyOf(pullPolicy);
        }

        public Image(String name) {
            this(name, null, null);
        }
    }

    public record Dependency(long id, Secret token) {}

    public record Credential(String type, String url, String username, Secret password) {}

    /** A step of the job ({@code script}, {@code after_script}, ...): the user's commands, not secrets. */
    public record Step(String name, List<String> script) {
        public Step {
            script = script == null ? List.of() : script;
        }
    }

    public record Features(/* token_mask_prefixes */ List<String> tokenMaskPrefixes) {
        public Features {
            tokenMaskPrefixes = tokenMaskPrefixes == null ? List.of() : tokenMaskPrefixes;
        }
    }
}
