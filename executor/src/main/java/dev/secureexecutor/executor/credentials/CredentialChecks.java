package dev.secureexecutor.executor.credentials;

import dev.secureexecutor.executor.io.DriverOutput;
import dev.secureexecutor.executor.job.JobPayload;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.policy.CredentialPolicy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code prepare} checks about a job's credentials before it creates anything: the project allowlist, then
 * every id_token. A refusal is a build failure naming the variable and the reason. Jobs whose scripts still use the
 * removed {@code CI_JOB_JWT*} variables get a warning in their log (they are not refused).
 */
public final class CredentialChecks {
    private final CredentialPolicy policy;
    private final DriverOutput out;
    private final Instant now;
    private final List<String> decisions = new ArrayList<>();

    public CredentialChecks(CredentialPolicy policy, DriverOutput out, Instant now) {
        this.policy = policy;
        this.out = out;
        this.now = now;
    }

    /** Runs the checks in order; returns what was decided, for the audit log. */
    public List<String> run(JobPayload payload) throws DriverFailure {
        decisions.add(new ProjectAllowlist(policy.allowedProjects()).check(payload));
        String issuer = payload.plainVariable("CI_SERVER_URL").orElse(null);
        JwksKeys keys = policy.jwksFile().isEmpty() ? null : JwksKeys.load(Path.of(policy.jwksFile()));
        decisions.addAll(new IdTokenCheck(issuer, policy.idTokenAudiences(), keys, now).checkAll(payload));
        String audience = policy.idTokenAudiences().isEmpty()
                ? (issuer == null ? "https://gitlab.example.com" : issuer)
                : policy.idTokenAudiences().get(0);
        LegacyJwtWarning.of(payload, audience).ifPresent(lines -> {
            lines.forEach(out::warn);
            decisions.add("warned: the job's scripts use the removed CI_JOB_JWT variables");
        });
        return List.copyOf(decisions);
    }

    /** The decisions taken before a refusal, for the refusal's audit line. */
    public List<String> decisionsSoFar() {
        return List.copyOf(decisions);
    }
}
