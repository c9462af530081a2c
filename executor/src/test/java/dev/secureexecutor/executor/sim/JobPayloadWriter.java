package dev.secureexecutor.executor.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Writes {@code <tmp>/response.json} (mode 0600) the way the runner does: {@code json.Encode(Build.Job)}, i.e. the job
 * as GitLab's {@code /api/v4/jobs/request} returned it, with the token in {@code token}, {@code git_info.repo_url},
 * {@code credentials} and the masked variables.
 */
final class JobPayloadWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JobPayloadWriter() {}

    static Path write(Path tmp, JobSpec job, List<JobVariable> variables) throws IOException {
        Path file = tmp.resolve("response.json");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(file)) {
            JSON.writeValue(out, payload(job, variables));
        }
        return file;
    }

    static ObjectNode payload(JobSpec job, List<JobVariable> variables) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", job.jobId);
        root.put("token", job.token);
        root.put("allow_git_fetch", true);
        root.set("job_info", jobInfo(job));
        root.set("git_info", gitInfo(job));
        ObjectNode runnerInfo = root.putObject("runner_info");
        runnerInfo.put("uuid", "sim-runner-0001");
        runnerInfo.put("timeout", job.timeoutSeconds);
        root.putArray("inputs");
        ArrayNode vars = root.putArray("variables");
        for (JobVariable v : variables) {
            ObjectNode n = vars.addObject();
            n.put("key", v.key());
            n.put("value", v.value());
            n.put("public", v.isPublic());
            n.put("file", v.file());
            n.put("masked", v.masked());
            n.put("raw", v.raw());
        }
        root.set("steps", steps(job));
        ObjectNode image = root.putObject("image");
        image.put("name", job.image.orElse(""));
        image.put("alias", "");
        image.putArray("command");
        job.imageEntrypoint.forEach(image.putArray("entrypoint")::add);
        if (!job.pullPolicy.isEmpty()) {
            job.pullPolicy.forEach(image.putArray("pull_policy")::add);
        }
        image.putArray("ports");
        image.putArray("variables");
        image.putObject("executor_opts");
        root.putArray("services");
        root.set("artifacts", artifacts(job));
        root.set("cache", cache(job));
        ArrayNode credentialList = root.putArray("credentials");
        for (List<String> extra : job.registryCredentials) {
            ObjectNode c = credentialList.addObject();
            c.put("type", "registry");
            c.put("url", extra.get(0));
            c.put("username", extra.get(1));
            c.put("password", extra.get(2));
        }
        ObjectNode credentials = credentialList.addObject();
        credentials.put("type", "registry");
        credentials.put("url", job.gitlabUrl.getRawAuthority());
        credentials.put("username", "gitlab-ci-token");
        credentials.put("password", job.token);
        root.putArray("dependencies");
        ObjectNode features = root.putObject("features");
        features.put("trace_sections", true);
        features.putArray("token_mask_prefixes");
        features.putArray("failure_reasons").add("script_failure").add("runner_system_failure");
        root.putObject("secrets");
        root.putArray("hooks");
        return root;
    }

    private static ObjectNode jobInfo(JobSpec job) {
        ObjectNode info = JSON.createObjectNode();
        info.put("name", job.jobName);
        info.put("stage", "test");
        info.put("pipeline_id", job.jobId / 10 + 1);
        info.put("project_id", job.projectId);
        info.put("project_name", job.projectName());
        info.put("project_full_path", job.projectPath);
        info.put("namespace_id", 7);
        info.put("root_namespace_id", 7);
        info.put("organization_id", 1);
        info.put("user_id", 1);
        info.put("time_in_queue_seconds", 0);
        return info;
    }

    private static ObjectNode gitInfo(JobSpec job) {
        ObjectNode git = JSON.createObjectNode();
        git.put("repo_url", job.repoUrlWithToken());
        git.put("repo_object_format", "sha1");
        git.put("ref", job.ref);
        git.put("sha", job.sha);
        git.put("before_sha", "0000000000000000000000000000000000000000");
        git.put("ref_type", "branch");
        git.putArray("refspecs")
                .add("+refs/heads/" + job.ref + ":refs/remotes/origin/" + job.ref)
                .add("+refs/tags/*:refs/tags/*");
        git.put("depth", job.depth);
        git.put("protected", job.protectedRef);
        return git;
    }

    private static ArrayNode steps(JobSpec job) {
        ArrayNode steps = JSON.createArrayNode();
        addStep(steps, "script", job.script, "on_success", false, job.timeoutSeconds);
        job.extraSteps.forEach((name, lines) -> addStep(steps, name, lines, "on_success", false, job.timeoutSeconds));
        if (!job.afterScript.isEmpty()) {
            addStep(steps, "after_script", job.afterScript, "always", true, 300);
        }
        return steps;
    }

    private static void addStep(
            ArrayNode steps, String name, List<String> lines, String when, boolean allowFailure, int timeout) {
        ObjectNode step = steps.addObject();
        step.put("name", name);
        ArrayNode script = step.putArray("script");
        lines.forEach(script::add);
        step.put("timeout", timeout);
        step.put("when", when);
        step.put("allow_failure", allowFailure);
    }

    private static ArrayNode artifacts(JobSpec job) {
        ArrayNode artifacts = JSON.createArrayNode();
        if (job.artifacts) {
            ObjectNode a = artifacts.addObject();
            a.put("name", "artifacts");
            a.put("untracked", false);
            a.putArray("paths").add("out/");
            a.putArray("exclude");
            a.put("when", "always");
            a.put("artifact_type", "archive");
            a.put("artifact_format", "zip");
            a.put("expire_in", "1 day");
        }
        return artifacts;
    }

    private static ArrayNode cache(JobSpec job) {
        ArrayNode cache = JSON.createArrayNode();
        if (job.cache) {
            ObjectNode c = cache.addObject();
            c.put("key", "default");
            c.put("untracked", false);
            c.put("policy", "pull-push");
            c.putArray("paths").add(".cache/");
            c.put("when", "on_success");
            c.putArray("fallback_keys");
        }
        return cache;
    }
}
