package dev.secureexecutor.executor.audit;

import dev.secureexecutor.executor.job.JobPayload;
import dev.secureexecutor.masking.Secret;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A fingerprint per credential of a job, labelled by variable name: HMAC-SHA256 under the host's audit key,
 * truncated to 96 bits. Enough to tell whether two jobs saw the same credential; without the key, not even a guess
 * can be confirmed, and nothing of the value can be recovered.
 */
public final class CredentialFingerprints {
    static final int BYTES = 12;

    private final Secret key;

    public CredentialFingerprints(Secret key) {
        this.key = key;
    }

    /** The job token, then every masked variable (id_tokens, registry passwords, masked file variables). */
    public Map<String, String> of(JobPayload payload) {
        Map<String, String> prints = new LinkedHashMap<>();
        if (payload.token() != null && payload.token().length() > 0) {
            prints.put("CI_JOB_TOKEN", fingerprint(payload.token()));
        }
        for (JobPayload.Variable v : payload.variables()) {
            if (v.masked() && v.key() != null && v.value() != null && v.value().length() > 0) {
                prints.putIfAbsent(v.key(), fingerprint(v.value()));
            }
        }
        return prints;
    }

    String fingerprint(Secret value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            byte[] digest = key.withBytes(k -> {
                try {
                    mac.init(new SecretKeySpec(k, "HmacSHA256"));
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("HmacSHA256 rejected the audit key", e);
                }
                return value.withBytes(mac::doFinal);
            });
            return "hmac-sha256:" + HexFormat.of().formatHex(digest, 0, BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
