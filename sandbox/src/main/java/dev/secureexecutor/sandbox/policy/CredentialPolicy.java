package dev.secureexecutor.sandbox.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * How the driver handles a job's credentials ({@code CI_JOB_TOKEN}, the id_tokens, file variables) and the evidence
 * it keeps about them.
 *
 * @param allowedProjects globs over the payload's {@code CI_PROJECT_PATH} ({@code *} within one path segment,
 *     {@code **} across segments, e.g. {@code "platform/**"}); any other project is refused. Empty = every project
 * @param idTokenAudiences an id_token's {@code aud} must contain one of these. Empty = {@code aud} is not checked
 * @param jwksFile a JWKS file (GitLab's {@code /oauth/discovery/keys}) to verify id_token signatures against
 *     (RS256, ES256). Empty = signatures are not verified
 * @param auditLog where each job's JSON line goes (mode 0600, directory 0700)
 * @param auditKeyFile the host-local key of the credential fingerprints (created 0600 on first use)
 * @param secretFiles also put the job token, id_tokens and file variables as files on a 0700 tmpfs
 *     {@code /run/secrets} in the job container (mode 0400, owned by the job user), with {@code <NAME>_FILE}
 *     variables pointing at them
 * @param orphanGraceSeconds how long after its job's timeout a container of a dead runner or driver may live
 *     before {@code prepare} or {@code gc} reaps it
 */
public record CredentialPolicy(
        @JsonProperty("allowed_projects") List<String> allowedProjects,
        @JsonProperty("id_token_audiences") List<String> idTokenAudiences,
        @JsonProperty("jwks_file") String jwksFile,
        @JsonProperty("audit_log") String auditLog,
        @JsonProperty("audit_key_file") String auditKeyFile,
        @JsonProperty("secret_files") Boolean secretFiles,
        @JsonProperty("orphan_grace_seconds") Long orphanGraceSeconds) {

    public static final String DEFAULT_AUDIT_LOG = "/var/log/secure-executor/audit.jsonl";
    public static final String DEFAULT_AUDIT_KEY = "/var/lib/secure-executor/audit.key";

    public CredentialPolicy {
        allowedProjects = allowedProjects == null ? List.of() : List.copyOf(allowedProjects);
        idTokenAudiences = idTokenAudiences == null ? List.of() : List.copyOf(idTokenAudiences);
        jwksFile = jwksFile == null ? "" : jwksFile.trim();
        auditLog = auditLog == null || auditLog.isBlank() ? DEFAULT_AUDIT_LOG : auditLog.trim();
        auditKeyFile = auditKeyFile == null || auditKeyFile.isBlank() ? DEFAULT_AUDIT_KEY : auditKeyFile.trim();
        secretFiles = secretFiles != null && secretFiles;
        orphanGraceSeconds = orphanGraceSeconds == null ? 900L : Math.max(0L, orphanGraceSeconds);
    }

    static CredentialPolicy defaults() {
        return new CredentialPolicy(null, null, null, null, null, null, null);
    }
}
