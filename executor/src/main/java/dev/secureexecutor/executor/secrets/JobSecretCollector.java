package dev.secureexecutor.executor.secrets;

import dev.secureexecutor.executor.env.RunnerEnv;
import dev.secureexecutor.executor.job.JobPayload;
import dev.secureexecutor.masking.Secret;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Gathers every value of a job that must never reach the log in clear, once per stage: the masked variables of the
 * trusted payload (the job token, registry passwords, every id_token, masked file variables' contents), the
 * payload's own token, the password inside {@code git_info.repo_url}, dependency tokens, registry credentials, and
 * the values of variables whose names match the configured globs (from the payload and from {@code CUSTOM_ENV_*},
 * whose values a job may have changed).
 */
public final class JobSecretCollector {
    private final List<NameGlob> globs;

    public JobSecretCollector(List<NameGlob> globs) {
        this.globs = List.copyOf(globs);
    }

    /** The returned secrets are copies; the caller wipes them. */
    public List<Secret> collect(JobPayload payload, RunnerEnv env) {
        List<Secret> secrets = new ArrayList<>();
        if (payload.token() != null) {
            secrets.add(copy("job token", payload.token()));
        }
        if (payload.gitInfo().repoUrl() != null) {
            Secret password = payload.gitInfo().repoUrl().withBytes(JobSecretCollector::userinfoPassword);
            if (password != null) {
                secrets.add(password);
            }
        }
        for (JobPayload.Variable v : payload.variables()) {
            if (v.value() != null && v.key() != null && (v.masked() || matchesGlob(v.key()))) {
                secrets.add(copy(v.key(), v.value()));
            }
        }
        payload.dependencies().stream().filter(d -> d.token() != null)
                .forEach(d -> secrets.add(copy("dependency " + d.id() + " token", d.token())));
        payload.credentials().stream().filter(c -> c.password() != null)
                .forEach(c -> secrets.add(copy("credential password", c.password())));
        env.all().forEach((name, value) -> {
            if (name.startsWith("CUSTOM_ENV_") && !value.isEmpty() && matchesGlob(name.substring(11))) {
                secrets.add(Secret.of(name.substring(11), value));
            }
        });
        return secrets;
    }

    private boolean matchesGlob(String name) {
        return globs.stream().anyMatch(g -> g.matches(name));
    }

    private static Secret copy(String name, Secret source) {
        return Secret.ofBytes(name, source.bytes());
    }

    /** The password of {@code scheme://user:password@host/...}, or null. Works on bytes; no String holds it. */
    static Secret userinfoPassword(byte[] url) {
        int start = indexOf(url, "://".getBytes(), 0);
        if (start < 0) {
            return null;
        }
        start += 3;
        int end = start;
        while (end < url.length && url[end] != '/' && url[end] != '?' && url[end] != '#') {
            end++;
        }
        int at = -1;
        for (int i = end - 1; i >= start; i--) {
            if (url[i] == '@') {
                at = i;
                break;
            }
        }
        if (at < 0) {
            return null;
        }
        for (int i = start; i < at; i++) {
            if (url[i] == ':') {
                return i + 1 < at ? Secret.ofBytes("repository URL password", Arrays.copyOfRange(url, i + 1, at)) : null;
            }
        }
        return null;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
