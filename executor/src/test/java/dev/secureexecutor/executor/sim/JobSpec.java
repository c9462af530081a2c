package dev.secureexecutor.executor.sim;

import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What GitLab hands the runner for one job: identity, sources, image, steps, variables, and what happens to the job
 * while it runs (cancel/abort). Immutable; built with {@link #builder(long, URI)}.
 */
public final class JobSpec {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    final long jobId;
    final String token;
    final URI gitlabUrl;
    final String projectPath;
    final long projectId;
    final String jobName;
    final String ref;
    final String sha;
    final int depth;
    final Optional<String> image;
    final List<String> script;
    final List<String> afterScript;
    final Map<String, List<String>> extraSteps;
    final int timeoutSeconds;
    final List<JobVariable> userVariables;
    final List<String> idTokenNames;
    final boolean cache;
    final boolean artifacts;
    final Optional<Interruption> interruption;
    /** {@code image.entrypoint} ({@code []}: not set), {@code image.pull_policy} ({@code []}: not set) */
    final List<String> imageEntrypoint;

    final List<String> pullPolicy;
    /** extra {@code credentials[]} entries of type registry: {url, username, password} */
    final List<List<String>> registryCredentials;
    /** {@code git_info.protected} (and CI_COMMIT_REF_PROTECTED) */
    final boolean protectedRef;

    private JobSpec(Builder b) {
        this.jobId = b.jobId;
        this.token = b.token;
        this.gitlabUrl = b.gitlabUrl;
        this.projectPath = b.projectPath;
        this.projectId = b.projectId;
        this.jobName = b.jobName;
        this.ref = b.ref;
        this.sha = Objects.requireNonNull(b.sha, "sha: the commit to check out");
        this.depth = b.depth;
        this.image = Optional.ofNullable(b.image);
        this.script = List.copyOf(b.script);
        this.afterScript = List.copyOf(b.afterScript);
        this.extraSteps = Map.copyOf(b.extraSteps);
        this.timeoutSeconds = b.timeoutSeconds;
        this.userVariables = List.copyOf(b.userVariables);
        this.idTokenNames = List.copyOf(b.idTokenNames);
        this.cache = b.cache;
        this.artifacts = b.artifacts;
        this.interruption = Optional.ofNullable(b.interruption);
        this.imageEntrypoint = List.copyOf(b.imageEntrypoint);
        this.pullPolicy = List.copyOf(b.pullPolicy);
        this.registryCredentials = List.copyOf(b.registryCredentials);
        this.protectedRef = b.protectedRef;
    }

    public static Builder builder(long jobId, URI gitlabUrl) {
        return new Builder(jobId, gitlabUrl);
    }

    /** A fresh job token shaped like GitLab's ({@code glcbt-} prefix, as both token formats carry). */
    public static String newJobToken() {
        StringBuilder sb = new StringBuilder("glcbt-");
        for (int i = 0; i < 24; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    public String projectName() {
        return projectPath.substring(projectPath.lastIndexOf('/') + 1);
    }

    public String namespace() {
        int slash = projectPath.lastIndexOf('/');
        return slash < 0 ? "" : projectPath.substring(0, slash);
    }

    /** Base URL without a trailing slash, e.g. {@code http://192.0.2.2:40123}. */
    public String serverUrl() {
        String s = gitlabUrl.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    public String repoUrlWithoutToken() {
        return serverUrl() + "/" + projectPath + ".git";
    }

    /** {@code git_info.repo_url} and {@code CI_REPOSITORY_URL}: the token is inside. */
    public String repoUrlWithToken() {
        return gitlabUrl.getScheme() + "://gitlab-ci-token:" + token + "@" + gitlabUrl.getRawAuthority() + "/"
                + projectPath + ".git";
    }

    public long jobId() {
        return jobId;
    }

    public String token() {
        return token;
    }

    public String projectPath() {
        return projectPath;
    }

    public String sha() {
        return sha;
    }

    public java.util.Optional<Interruption> interruption() {
        return interruption;
    }

    @Override
    public String toString() {
        return "JobSpec[" + jobId + " " + projectPath + "@" + sha + "]";
    }

    public static final class Builder {
        private final long jobId;
        private final URI gitlabUrl;
        private String token = newJobToken();
        private String projectPath = "group/project";
        private long projectId = 42;
        private String jobName = "build";
        private String ref = "main";
        private String sha;
        private int depth = 20;
        private String image;
        private List<String> script = List.of("echo hello");
        private List<String> afterScript = List.of();
        private final Map<String, List<String>> extraSteps = new LinkedHashMap<>();
        private int timeoutSeconds = 3600;
        private final List<JobVariable> userVariables = new ArrayList<>();
        private final List<String> idTokenNames = new ArrayList<>(List.of("GITLAB_OIDC_TOKEN"));
        private boolean cache;
        private boolean artifacts;
        private Interruption interruption;
        private List<String> imageEntrypoint = List.of();
        private List<String> pullPolicy = List.of();
        private final List<List<String>> registryCredentials = new ArrayList<>();
        private boolean protectedRef;

        private Builder(long jobId, URI gitlabUrl) {
            this.jobId = jobId;
            this.gitlabUrl = Objects.requireNonNull(gitlabUrl, "gitlabUrl");
        }

        public Builder token(String token) {
            this.token = token;
            return this;
        }

        public Builder project(String path, long id) {
            this.projectPath = path;
            this.projectId = id;
            return this;
        }

        public Builder jobName(String name) {
            this.jobName = name;
            return this;
        }

        public Builder commit(String ref, String sha) {
            this.ref = ref;
            this.sha = sha;
            return this;
        }

        public Builder depth(int depth) {
            this.depth = depth;
            return this;
        }

        public Builder image(String image) {
            this.image = image;
            return this;
        }

        public Builder script(String... lines) {
            this.script = List.of(lines);
            return this;
        }

        public Builder afterScript(String... lines) {
            this.afterScript = List.of(lines);
            return this;
        }

        /** A further payload step, run as {@code step_<name>} after build_script. */
        public Builder step(String name, String... lines) {
            this.extraSteps.put(name, List.of(lines));
            return this;
        }

        public Builder timeoutSeconds(int seconds) {
            this.timeoutSeconds = seconds;
            return this;
        }

        public Builder variable(JobVariable variable) {
            this.userVariables.add(variable);
            return this;
        }

        /** No {@code GITLAB_OIDC_TOKEN}: the job's only id_tokens are the masked variables a test adds. */
        public Builder withoutDefaultIdToken() {
            this.idTokenNames.clear();
            return this;
        }

        public Builder idToken(String name) {
            this.idTokenNames.add(name);
            return this;
        }

        /** A cache with paths, so restore_cache and archive_cache run. */
        public Builder withCache() {
            this.cache = true;
            return this;
        }

        /** Artifacts with {@code when: always}, so upload_artifacts_on_* runs. */
        public Builder withArtifacts() {
            this.artifacts = true;
            return this;
        }

        /** The job's {@code image: entrypoint:} ({@code ""} alone clears the image's). */
        public Builder imageEntrypoint(String... entrypoint) {
            this.imageEntrypoint = List.of(entrypoint);
            return this;
        }

        /** The job's {@code image: pull_policy:}. */
        public Builder pullPolicy(String... policies) {
            this.pullPolicy = List.of(policies);
            return this;
        }

        /** A further {@code credentials[]} entry of type registry (its password is masked like the token). */
        public Builder registryCredential(String url, String username, String password) {
            this.registryCredentials.add(List.of(url, username, password));
            return this;
        }

        /** The job runs for a protected ref. */
        public Builder protectedRef(boolean isProtected) {
            this.protectedRef = isProtected;
            return this;
        }

        public Builder interruption(Interruption interruption) {
            this.interruption = interruption;
            return this;
        }

        public JobSpec build() {
            return new JobSpec(this);
        }
    }
}
