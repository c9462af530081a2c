package dev.secureexecutor.executor.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code variables} GitLab sends in the job payload: predefined CI variables (job token, registry password and
 * repository URL included, with GitLab's public/masked flags), the id_tokens, then the user's variables. Built once
 * per job, because id_tokens carry a random jti.
 */
final class PayloadVariables {
    private PayloadVariables() {}

    static List<JobVariable> of(JobSpec job) {
        List<JobVariable> vars = new ArrayList<>();
        String server = job.serverUrl();
        String projectUrl = server + "/" + job.projectPath;
        vars.add(JobVariable.plain("CI_PIPELINE_ID", Long.toString(job.jobId / 10 + 1)));
        vars.add(JobVariable.plain("CI_PIPELINE_SOURCE", "push"));
        vars.add(JobVariable.plain("CI_JOB_ID", Long.toString(job.jobId)));
        vars.add(JobVariable.plain("CI_JOB_URL", projectUrl + "/-/jobs/" + job.jobId));
        vars.add(JobVariable.plain("CI_JOB_NAME", job.jobName));
        vars.add(JobVariable.plain("CI_JOB_STAGE", "test"));
        vars.add(JobVariable.masked("CI_JOB_TOKEN", job.token));
        vars.add(JobVariable.plain("CI_JOB_STARTED_AT", java.time.Instant.now().toString()));
        vars.add(JobVariable.plain("CI_REGISTRY_USER", "gitlab-ci-token"));
        vars.add(JobVariable.masked("CI_REGISTRY_PASSWORD", job.token));
        vars.add(JobVariable.plain("CI_DEPENDENCY_PROXY_USER", "gitlab-ci-token"));
        vars.add(JobVariable.masked("CI_DEPENDENCY_PROXY_PASSWORD", job.token));
        vars.add(JobVariable.internal("CI_REPOSITORY_URL", job.repoUrlWithToken()));
        vars.add(JobVariable.plain("CI", "true"));
        vars.add(JobVariable.plain("GITLAB_CI", "true"));
        vars.add(JobVariable.plain("CI_SERVER_URL", server));
        vars.add(JobVariable.plain("CI_SERVER_HOST", job.gitlabUrl.getHost()));
        vars.add(JobVariable.plain("CI_SERVER_PORT", Integer.toString(port(job))));
        vars.add(JobVariable.plain("CI_SERVER_PROTOCOL", job.gitlabUrl.getScheme()));
        vars.add(JobVariable.plain("CI_SERVER_NAME", "GitLab"));
        vars.add(JobVariable.plain("CI_SERVER_VERSION", "18.4.0"));
        vars.add(JobVariable.plain("CI_API_V4_URL", server + "/api/v4"));
        vars.add(JobVariable.plain("CI_PROJECT_ID", Long.toString(job.projectId)));
        vars.add(JobVariable.plain("CI_PROJECT_NAME", job.projectName()));
        vars.add(JobVariable.plain("CI_PROJECT_PATH", job.projectPath));
        vars.add(JobVariable.plain("CI_PROJECT_NAMESPACE", job.namespace()));
        vars.add(JobVariable.plain("CI_PROJECT_URL", projectUrl));
        vars.add(JobVariable.plain("CI_COMMIT_SHA", job.sha));
        vars.add(JobVariable.plain("CI_COMMIT_REF_NAME", job.ref));
        vars.add(JobVariable.plain("CI_COMMIT_BRANCH", job.ref));
        vars.add(JobVariable.plain("CI_COMMIT_REF_PROTECTED", Boolean.toString(job.protectedRef)));
        vars.add(JobVariable.plain("GITLAB_USER_LOGIN", "root"));
        for (String name : job.idTokenNames) {
            vars.add(JobVariable.masked(name, FakeIdToken.forJob(job, server)));
        }
        vars.addAll(job.userVariables);
        return List.copyOf(vars);
    }

    private static int port(JobSpec job) {
        int port = job.gitlabUrl.getPort();
        if (port > 0) {
            return port;
        }
        return "https".equals(job.gitlabUrl.getScheme()) ? 443 : 80;
    }
}
