package dev.secureexecutor.sandbox;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A failure the driver reports to the runner. The two kinds decide the exit code (mapped in one place, the
 * executor's {@code ExitCodes}): {@link Kind#BUILD} for what the job asked for, which retrying cannot fix, and
 * {@link Kind#SYSTEM} for the host, the daemon or the runner's set-up, which an admin must fix and which the runner
 * retries in {@code prepare}.
 *
 * <p>Messages are written for the person reading the job log: {@link #problem()} says what went wrong and why it
 * matters, {@link #remedy()} how to fix it. Neither may contain a secret; the executor masks them anyway.
 *
 * <p>A failure made by {@link #refusal} is a deliberate refusal of the job by one of the checks in {@link Refusal}
 * (and is recorded in the audit log); every other failure is something that went wrong.
 */
public final class DriverFailure extends Exception {
    public enum Kind {
        BUILD,
        SYSTEM
    }

    /** The checks that refuse a job on purpose; {@link #id()} is how the audit log names them. */
    public enum Refusal {
        /** other runners in gitlab-runner's config.toml, the daemon, the runner binary, the policy's JWKS file */
        HOST_SETUP,
        /** a Docker daemon reached over TCP without verified TLS */
        DOCKER_ENDPOINT,
        /** the job's image: outside the allowlist, not pinned by digest, or absent under pull_policy "never" */
        IMAGE,
        /** the job's project outside the allowlist */
        PROJECT,
        /** an id_token that is invalid, foreign, or cannot be checked */
        ID_TOKEN;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Kind kind;
    private final String remedy;
    private final Refusal refusal;

    private DriverFailure(Kind kind, Refusal refusal, String problem, String remedy, Throwable cause) {
        super(problem, cause, false, false);
        this.kind = kind;
        this.refusal = refusal;
        this.remedy = remedy;
    }

    /** The job asked for something this runner refuses or cannot do (exit {@code BUILD_FAILURE_EXIT_CODE}). */
    public static DriverFailure build(String problem, String remedy) {
        return new DriverFailure(Kind.BUILD, null, problem, remedy, null);
    }

    /** The host, daemon or runner set-up failed (exit {@code SYSTEM_FAILURE_EXIT_CODE}). */
    public static DriverFailure system(String problem, String remedy) {
        return new DriverFailure(Kind.SYSTEM, null, problem, remedy, null);
    }

    public static DriverFailure system(String problem, String remedy, Throwable cause) {
        return new DriverFailure(Kind.SYSTEM, null, problem, remedy, cause);
    }

    /** The job is refused by {@code check}; {@code kind} decides the exit code as for any other failure. */
    public static DriverFailure refusal(Kind kind, Refusal check, String problem, String remedy) {
        return new DriverFailure(kind, Objects.requireNonNull(check, "check"), problem, remedy, null);
    }

    public Kind kind() {
        return kind;
    }

    public String problem() {
        return getMessage();
    }

    public String remedy() {
        return remedy;
    }

    /** The check that refused the job; empty when this failure is not a refusal. */
    public Optional<Refusal> refusal() {
        return Optional.ofNullable(refusal);
    }
}
