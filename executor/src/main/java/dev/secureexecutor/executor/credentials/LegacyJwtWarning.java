package dev.secureexecutor.executor.credentials;

import dev.secureexecutor.executor.job.JobPayload;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GitLab 17.0 removed {@code CI_JOB_JWT}, {@code CI_JOB_JWT_V1} and {@code CI_JOB_JWT_V2}: a script that still uses
 * them gets an empty value, and tools such as {@code aws sts assume-role-with-web-identity} then fail with a
 * confusing error. This finds such uses in the job's steps and words a warning that shows the {@code id_tokens:}
 * block to declare instead.
 */
public final class LegacyJwtWarning {
    private static final Pattern LEGACY = Pattern.compile("\\bCI_JOB_JWT(?:_V1|_V2)?\\b");

    private LegacyJwtWarning() {}

    /** The warning's lines, or empty when no step uses a removed variable. */
    public static Optional<List<String>> of(JobPayload payload, String audience) {
        TreeSet<String> used = new TreeSet<>();
        for (JobPayload.Step step : payload.steps()) {
            for (String line : step.script()) {
                Matcher m = LEGACY.matcher(line);
                while (m.find()) {
                    used.add(m.group());
                }
            }
        }
        if (used.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(List.of(
                "this job's script uses " + String.join(", ", used) + ", which GitLab removed in 17.0: it is empty,"
                        + " so tools that need it (e.g. aws sts assume-role-with-web-identity) fail.",
                "declare an id_token in .gitlab-ci.yml and use it instead of " + used.first() + ":",
                "  id_tokens:",
                "    GITLAB_OIDC_TOKEN:",
                "      aud: " + audience,
                "then read $GITLAB_OIDC_TOKEN (https://docs.gitlab.com/ci/secrets/id_token_authentication/)"));
    }
}
