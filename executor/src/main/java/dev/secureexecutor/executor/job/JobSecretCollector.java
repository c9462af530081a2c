package dev.secureexecutor.executor.job;

import dev.secureexecutor.executor.env.RunnerEnv;
import dev.secureexecutor.executor.secrets.NameGlob;
import dev.secureexecutor.executor.secrets.UrlAuthority;
import dev.secureexecutor.masking.Masker;
import dev.secureexecutor.masking.Secret;
import java.util.ArrayList;
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
        payload.dependencies().stream()
                .filter(d -> d.token() != null)
                .forEach(d -> secrets.add(copy("dependency " + d.id() + " token", d.token())));
        payload.credentials().stream()
                .filter(c -> c.password() != null)
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
        UrlAuthority authority = UrlAuthority.find(url);
        return authority == null ? null : authority.password(url);
    }

    /**
     * The job's masker: every secret {@link #collect} finds plus the payload's extra token prefixes. The collected
     * copies are wiped before this returns.
     */
    public Masker maskerFor(JobPayload payload, RunnerEnv env, int minLength) {
        List<Secret> secrets = collect(payload, env);
        try {
            Masker.Builder builder = Masker.builder()
                    .minLength(minLength)
                    .tokenPrefixes(payload.features().tokenMaskPrefixes());
            secrets.forEach(builder::secret);
            return builder.build();
        } finally {
            secrets.forEach(Secret::wipe);
        }
    }
}
