package dev.secureexecutor.executor.credentials;

import com.fasterxml.jackson.databind.JsonNode;
import dev.secureexecutor.executor.job.JobPayload;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.checks.Check;
import dev.secureexecutor.sandbox.checks.FailGate;
import dev.secureexecutor.sandbox.checks.Finding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks each id_token before any of the job's scripts runs: well-formed, not expired (nor not yet valid), issued by
 * this job's GitLab ({@code iss} = the payload's {@code CI_SERVER_URL}), for an audience the policy accepts (when it
 * lists any), and, with a JWKS file, signed by GitLab. A failed check refuses the job as a build failure; the
 * message names the variable and the reason, never the value.
 */
public final class IdTokenCheck implements Check<JobPayload> {
    /** A token that breaks a rule: the job's own doing (a build failure). */
    public static final String KEY = "credentials.id_token";
    /** A token that cannot be checked because the payload names no GitLab: the runner's set-up (a system failure). */
    public static final String UNCHECKABLE_KEY = "credentials.id_token.uncheckable";

    private static final FailGate BUILD = new FailGate(DriverFailure.Kind.BUILD, DriverFailure.Refusal.ID_TOKEN, "");
    private static final FailGate SYSTEM = new FailGate(DriverFailure.Kind.SYSTEM, DriverFailure.Refusal.ID_TOKEN, "");

    /** Tolerated difference between this host's clock and GitLab's. */
    public static final long CLOCK_SKEW_SECONDS = 60;

    private final String issuer;
    private final List<String> audiences;
    private final JwksKeys keys;
    private final Instant now;

    /**
     * @param issuer the job's GitLab URL, or null when the payload names none
     * @param audiences accepted audiences; empty = not checked
     * @param keys the JWKS to verify signatures with; null = not verified
     */
    public IdTokenCheck(String issuer, List<String> audiences, JwksKeys keys, Instant now) {
        this.issuer = issuer == null ? null : trimSlash(issuer.trim());
        this.audiences = List.copyOf(audiences);
        this.keys = keys;
        this.now = now;
    }

    /**
     * Checks every id_token of the payload; returns one line per token saying what was checked. The first token
     * that fails refuses the job.
     */
    public List<String> checkAll(JobPayload payload) throws DriverFailure {
        List<Finding> found = judge(payload);
        Finding first = found.stream().filter(Finding::failed).findFirst().orElse(null);
        if (first != null) {
            (first.key().equals(UNCHECKABLE_KEY) ? SYSTEM : BUILD).refuseFirst(List.of(first));
        }
        return found.stream().map(Finding::reason).toList();
    }

    /** One finding per id_token, in payload order, up to the first that fails. */
    @Override
    public List<Finding> judge(JobPayload payload) {
        List<Finding> found = new ArrayList<>();
        for (JobPayload.Variable v : IdTokens.of(payload)) {
            try {
                found.add(Finding.pass(KEY, check(v.key(), v.value())));
            } catch (DriverFailure refused) {
                found.add(Finding.fail(
                        refused.kind() == DriverFailure.Kind.SYSTEM ? UNCHECKABLE_KEY : KEY,
                        refused.problem(),
                        refused.remedy()));
                break;
            }
        }
        return found;
    }

    String check(String name, dev.secureexecutor.masking.Secret value) throws DriverFailure {
        Jwt jwt;
        try {
            jwt = Jwt.parse(value);
        } catch (Jwt.MalformedException e) {
            throw refuse(
                    name,
                    "it is not a well-formed JWT: " + e.getMessage(),
                    "declare it under id_tokens: in .gitlab-ci.yml and do not set a variable of that name yourself");
        }
        try {
            JsonNode claims = jwt.claims();
            checkTimes(name, claims);
            checkIssuer(name, claims);
            checkAudience(name, claims);
            String signature = "signature not checked (no jwks_file)";
            if (keys != null) {
                String problem = keys.verify(jwt);
                if (problem != null) {
                    throw refuse(
                            name,
                            problem,
                            "GitLab signs id_tokens itself: if its keys changed, the runner admin"
                                    + " refreshes the jwks_file from " + (issuer == null ? "<gitlab>" : issuer)
                                    + "/oauth/discovery/keys");
                }
                signature = jwt.algorithm() + " signature verified";
            }
            return "id_token " + name + ": accepted (expiry, issuer" + (audiences.isEmpty() ? "" : ", audience")
                    + " checked; " + signature + ")";
        } finally {
            jwt.wipe();
        }
    }

    private void checkTimes(String name, JsonNode claims) throws DriverFailure {
        JsonNode exp = claims.get("exp");
        if (exp == null || !exp.isNumber()) {
            throw refuse(name, "it has no expiry (exp claim)", "declare it under id_tokens: so that GitLab issues it");
        }
        long t = now.getEpochSecond();
        if (exp.asLong() + CLOCK_SKEW_SECONDS <= t) {
            throw refuse(
                    name,
                    "it expired at " + Instant.ofEpochSecond(exp.asLong()) + " (now "
                            + now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ")",
                    "retry the job (GitLab issues fresh id_tokens per job); if it recurs, check this host's"
                            + " clock");
        }
        for (String claim : new String[] {"nbf", "iat"}) {
            JsonNode n = claims.get(claim);
            if (n != null && n.isNumber() && n.asLong() - CLOCK_SKEW_SECONDS > t) {
                throw refuse(
                        name,
                        "it is not valid before " + Instant.ofEpochSecond(n.asLong()) + " (" + claim + "; now "
                                + now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ")",
                        "check the clocks of this host and of GitLab (NTP)");
            }
        }
    }

    private void checkIssuer(String name, JsonNode claims) throws DriverFailure {
        if (issuer == null) {
            throw DriverFailure.refusal(
                    DriverFailure.Kind.SYSTEM,
                    DriverFailure.Refusal.ID_TOKEN,
                    "id_token " + name + " cannot be checked: the job payload has no CI_SERVER_URL",
                    "check the runner's GitLab URL; this driver needs GitLab 17 or newer");
        }
        String iss = claims.path("iss").asText("");
        if (!trimSlash(iss).equals(issuer)) {
            throw refuse(
                    name,
                    "its issuer (iss) is '" + shorten(iss) + "', not this job's GitLab " + issuer,
                    "use the id_token GitLab issued for this job; tokens of other issuers are not accepted here");
        }
    }

    private void checkAudience(String name, JsonNode claims) throws DriverFailure {
        if (audiences.isEmpty()) {
            return;
        }
        JsonNode aud = claims.get("aud");
        List<String> given = new ArrayList<>();
        if (aud != null && aud.isTextual()) {
            given.add(aud.asText());
        } else if (aud != null && aud.isArray()) {
            aud.forEach(a -> given.add(a.asText()));
        }
        for (String a : given) {
            if (audiences.contains(a)) {
                return;
            }
        }
        throw refuse(
                name,
                "its audience (aud) " + (given.isEmpty() ? "is missing" : shorten(given.toString()))
                        + " is not one this runner accepts " + audiences,
                "set aud: to one of " + audiences + " in the id_tokens: block of .gitlab-ci.yml, or ask the runner"
                        + " admin to add yours to [credentials] id_token_audiences");
    }

    private static DriverFailure refuse(String name, String why, String fix) {
        return DriverFailure.refusal(
                DriverFailure.Kind.BUILD,
                DriverFailure.Refusal.ID_TOKEN,
                "id_token " + name + " is refused: " + why,
                fix);
    }

    private static String trimSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static String shorten(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }
}
