package dev.secureexecutor.executor.credentials;

import dev.secureexecutor.executor.job.JobPayload;
import java.util.List;

/**
 * The job's id_tokens, found in the trusted payload: GitLab sends every {@code id_tokens:} key as a masked variable
 * whose value is a JWT. A masked value that starts like a JWT ({@code eyJ}) counts, so that a malformed one is
 * refused rather than overlooked. Job tokens in JWT format carry the {@code glcbt-} prefix and do not count.
 */
public final class IdTokens {
    private IdTokens() {}

    public static List<JobPayload.Variable> of(JobPayload payload) {
        return payload.variables().stream()
                .filter(v -> v.masked()
                        && v.key() != null
                        && v.value() != null
                        && !v.value().isWiped())
                .filter(v -> Jwt.looksLikeJwt(v.value()))
                .toList();
    }
}
