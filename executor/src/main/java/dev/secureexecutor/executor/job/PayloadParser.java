package dev.secureexecutor.executor.job;

import com.fasterxml.jackson.core.JsonParser;
import dev.secureexecutor.masking.Secret;
import java.io.IOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Builds a {@link JobPayload} from the runner's {@code JOB_RESPONSE_FILE} in one streaming pass over jackson-core
 * tokens (no databind: it costs ~100 ms of class loading in every stage). The fields the driver uses are read and
 * type-checked; every other field, however deeply nested, is skipped unread, as are unknown fields inside known
 * sections. A section that is absent or {@code null} gets {@code JobPayload}'s default; a credential field that is
 * absent or {@code null} inside a section that is present reads as an empty secret (as the databind reader this
 * replaces did). When a key appears twice
 * the last value counts, and the secrets of the earlier one are wiped; when the parse fails, every secret read so
 * far is wiped.
 */
final class PayloadParser {
    private final PayloadCursor in;

    PayloadParser(JsonParser json) {
        this.in = new PayloadCursor(json);
    }

    JobPayload parse() throws IOException, PayloadFormatException {
        JobPayload payload = null;
        try {
            payload = root();
            return payload;
        } finally {
            if (payload == null) {
                in.wipeSecrets();
            } else {
                in.wipeSecretsExcept(heldBy(payload));
            }
        }
    }

    private JobPayload root() throws IOException, PayloadFormatException {
        in.startDocument();
        long id = 0;
        Secret token = null;
        JobPayload.JobInfo jobInfo = null;
        JobPayload.GitInfo gitInfo = null;
        JobPayload.RunnerInfo runnerInfo = null;
        List<JobPayload.Variable> variables = null;
        JobPayload.Image image = null;
        List<JobPayload.Dependency> dependencies = null;
        List<JobPayload.Credential> credentials = null;
        JobPayload.Features features = null;
        List<JobPayload.Step> steps = null;
        for (String field = in.nextField(); field != null; field = in.nextField()) {
            switch (field) {
                case "id" -> id = in.integer();
                case "token" -> token = in.secret("token");
                case "job_info" -> jobInfo = jobInfo();
                case "git_info" -> gitInfo = gitInfo();
                case "runner_info" -> runnerInfo = runnerInfo();
                case "variables" -> variables = in.list(this::variable);
                case "image" -> image = image();
                case "dependencies" -> dependencies = in.list(this::dependency);
                case "credentials" -> credentials = in.list(this::credential);
                case "features" -> features = features();
                case "steps" -> steps = in.list(this::step);
                default -> in.skip();
            }
        }
        return new JobPayload(
                id,
                in.orEmpty(token, "token"),
                jobInfo,
                gitInfo,
                runnerInfo,
                variables,
                image,
                dependencies,
                credentials,
                features,
                steps);
    }

    private JobPayload.JobInfo jobInfo() throws IOException, PayloadFormatException {
        if (!in.startObject()) {
            return null;
        }
        String name = null;
        String stage = null;
        String projectFullPath = null;
        long projectId = 0;
        for (String field = in.nextField(); field != null; field = in.nextField()) {
            switch (field) {
                case "name" -> name = in.text();
                case "stage" -> stage = in.text();
                case "project_full_path" -> projectFullPath = in.text();
                case "project_id" -> projectId = in.integer();
                default -> in.skip();
            }
        }
        return new JobPayload.JobInfo(name, stage, projectFullPath, projectId);
    }

    private JobPayload.GitInfo gitInfo() throws IOException, PayloadFormatException {
        if (!in.startObject()) {
            return null;
        }
        Secret repoUrl = null;
        for (String field = in.nextField(); field != null; field = in.nextField()) {
            if (field.equals("repo_url")) {
                repoUrl = in.secret("repo_url");
            } else {
                in.skip();
            }
        }
        return new JobPayload.GitInfo(in.orEmpty(repoUrl, "repo_url"));
    }

    private JobPayload.RunnerInfo runnerInfo() throws IOException, PayloadFormatException {
        if (!in.startObject()) {
            return null;
        }
        long timeout = 0;
        for (String field = in.nextField(); field != null; field = in.nextField()) {
            if (field.equals("timeout")) {
                timeout = in.integer();
            } else {
                in.skip();
            }
        }
        return new JobPayload.RunnerInfo(timeout);
    }

    private JobPayload.Variable variable() throws IOException, PayloadFormatException {
        in.requireObject();
        String key = null;
        Secret value = null;
        boolean isPublic = false;
        boolean file = false;
        boolean masked = false;
        boolean raw = false;
        for (String field = in.nextField(); field != null; field = in.nextField()) {
            switch (field) {
                case "key" -> key = in.text();
                case "value" -> value = in.secret("value");
                case "public" -> isPublic = in.bool();
                case "file" -> file = in.bool();
                case "masked" -> masked = in.bool();
                case "raw" -> raw = in.bool();
                default -> in.skip();
            }
        }
        return new JobPayload.Variable(key, in.orEmpty(value, "value"), isPublic, file, masked, raw);
    }

    private JobPayload.Image image() throws IOException, PayloadFormatException {
        if (!in.startObject()) {
            return null;
        }
        String name = null;
        List<String> entrypoint = null;
        List<String> pullPolicy = null;
        for (String field = in.nextField(); field != null; field = in.nextField()) {
            switch (field) {
                case "name" -> name = in.text();
                case "entrypoint" -> entrypoint = in.texts();
                case "pull_policy" -> pullPolicy = in.textOrTexts();
                default -> in.skip();
            }
        }
        return new JobPayload.Image(name, entrypoint, pullPolicy);
    }

    private JobPayload.Dependency dependency() throws IOException, PayloadFormatException {
        in.requireObject();
        long id = 0;
        Secret token = null;
        for (String field = in.nextField(); field != null; field = in.nextField()) {
            switch (field) {
                case "id" -> id = in.integer();
                case "token" -> token = in.secret("token");
                default -> in.skip();
            }
        }
        return new JobPayload.Dependency(id, in.orEmpty(token, "token"));
    }

    private JobPayload.Credential credential() throws IOException, PayloadFormatException {
        in.requireObject();
        String type = null;
        String url = null;
        String username = null;
        Secret password = null;
        for (String field = in.nextField(); field != null; field = in.nextField()) {
            switch (field) {
                case "type" -> type = in.text();
                case "url" -> url = in.text();
                case "username" -> username = in.text();
                case "password" -> password = in.secret("password");
                default -> in.skip();
            }
        }
        return new JobPayload.Credential(type, url, username, in.orEmpty(password, "password"));
    }

    private JobPayload.Features features() throws IOException, PayloadFormatException {
        if (!in.startObject()) {
            return null;
        }
        List<String> tokenMaskPrefixes = null;
        for (String field = in.nextField(); field != null; field = in.nextField()) {
            if (field.equals("token_mask_prefixes")) {
                tokenMaskPrefixes = in.texts();
            } else {
                in.skip();
            }
        }
        return new JobPayload.Features(tokenMaskPrefixes);
    }

    private JobPayload.Step step() throws IOException, PayloadFormatException {
        in.requireObject();
        String name = null;
        List<String> script = null;
        for (String field = in.nextField(); field != null; field = in.nextField()) {
            switch (field) {
                case "name" -> name = in.text();
                case "script" -> script = in.texts();
                default -> in.skip();
            }
        }
        return new JobPayload.Step(name, script);
    }

    /** The secrets the finished payload holds (the same set {@link JobPayload#wipe()} zeroes), by identity. */
    private static Set<Secret> heldBy(JobPayload payload) {
        Set<Secret> held = Collections.newSetFromMap(new IdentityHashMap<>());
        held.add(payload.token());
        held.add(payload.gitInfo().repoUrl());
        payload.variables().forEach(v -> held.add(v.value()));
        payload.dependencies().forEach(d -> held.add(d.token()));
        payload.credentials().forEach(c -> held.add(c.password()));
        return held;
    }
}
