package dev.secureexecutor.executor.job;

import dev.secureexecutor.executor.env.RunnerEnv;
import dev.secureexecutor.executor.io.DriverOutput;
import dev.secureexecutor.executor.secrets.NameGlob;
import dev.secureexecutor.executor.secrets.UrlAuthority;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.JobIdentity;
import dev.secureexecutor.sandbox.policy.Policy;
import java.net.URI;

/**
 * What every job stage starts from: the policy, the trusted payload, the job's identity, and output masked with
 * the job's secrets. Opening it switches the driver's output to the job's masker before anything else is printed.
 */
public record JobContext(RunnerEnv env, Policy policy, JobPayload payload, JobIdentity identity) {
    /** Used when the payload has no timeout: GitLab's default job timeout. */
    static final long DEFAULT_TIMEOUT_SECONDS = 3600;

    public static JobContext open(RunnerEnv env, Policy policy, DriverOutput out) throws DriverFailure {
        JobPayload payload = PayloadReader.read(env);
        out.use(new JobSecretCollector(NameGlob.DEFAULTS).maskerFor(payload, env, 3));
        return new JobContext(env, policy, payload, identityOf(payload, env));
    }

    /**
     * The job's image: the trusted payload's {@code image.name}; when that still holds {@code $VARIABLES}, the
     * runner's expansion of it ({@code CI_JOB_IMAGE}); without either, the policy's default. A job variable named
     * {@code CI_JOB_IMAGE} therefore cannot replace the image the pipeline declared.
     */
    public String image() {
        String declared = payload.image() == null ? null : payload.image().name();
        if (declared != null && !declared.isBlank() && !declared.contains("$")) {
            return declared.trim();
        }
        if (declared != null && declared.contains("$")) {
            return env.custom("CI_JOB_IMAGE").orElse(policy.image().defaultImage());
        }
        return policy.image().defaultImage();
    }

    public long timeoutSeconds() {
        return payload.runnerInfo().timeout() > 0 ? payload.runnerInfo().timeout() : DEFAULT_TIMEOUT_SECONDS;
    }

    private static JobIdentity identityOf(JobPayload payload, RunnerEnv env) throws DriverFailure {
        if (payload.id() <= 0) {
            throw DriverFailure.system(
                    "the job payload has no job id",
                    "run this stage from gitlab-runner; JOB_RESPONSE_FILE is not a job payload");
        }
        String runner = payload.plainVariable("CI_RUNNER_ID")
                .or(() -> env.custom("CI_RUNNER_SHORT_TOKEN"))
                .orElse("");
        String project = payload.jobInfo().projectFullPath() != null
                ? payload.jobInfo().projectFullPath()
                : payload.plainVariable("CI_PROJECT_PATH").orElse("");
        return new JobIdentity(payload.id(), gitlabHost(payload), runner, project, HostName.get(env));
    }

    /** host[:port] of GitLab, from {@code CI_SERVER_URL}, else from the repository URL (past any credentials). */
    static String gitlabHost(JobPayload payload) throws DriverFailure {
        String server = payload.plainVariable("CI_SERVER_URL").orElse(null);
        if (server != null) {
            URI uri = URI.create(server.trim());
            if (uri.getHost() != null) {
                return uri.getPort() > 0 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
            }
        }
        if (payload.gitInfo().repoUrl() != null) {
            String host = payload.gitInfo().repoUrl().withBytes(url -> {
                UrlAuthority authority = UrlAuthority.find(url);
                return authority == null ? null : authority.host(url);
            });
            if (host != null && !host.isEmpty()) {
                return host;
            }
        }
        throw DriverFailure.system(
                "the job payload names no GitLab server (no CI_SERVER_URL, no repository URL)",
                "check the runner's GitLab URL; this payload cannot be tied to an instance");
    }
}
