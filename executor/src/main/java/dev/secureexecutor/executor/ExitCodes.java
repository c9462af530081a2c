package dev.secureexecutor.executor;

import dev.secureexecutor.executor.env.RunnerEnv;
import dev.secureexecutor.sandbox.DriverFailure;

/**
 * The driver's exit-code contract, in one place. The numbers come from the runner
 * ({@code BUILD_FAILURE_EXIT_CODE}, {@code SYSTEM_FAILURE_EXIT_CODE}); 1 and 2 are only the fallbacks for a
 * driver started by hand.
 */
public record ExitCodes(int buildFailure, int systemFailure) {
    public static final int SUCCESS = 0;
    /** {@code audit-log verify}: a malformed line, or a job without a verified wipe. */
    public static final int AUDIT_PROBLEMS = 1;
    /** {@code audit} found at least one FAIL (a report status, not a runner stage result). */
    public static final int AUDIT_FAILED = 1;

    public static ExitCodes from(RunnerEnv env) {
        return new ExitCodes(
                parse(env, "BUILD_FAILURE_EXIT_CODE", 1),
                parse(env, "SYSTEM_FAILURE_EXIT_CODE", 2));
    }

    public int of(DriverFailure failure) {
        return failure.kind() == DriverFailure.Kind.BUILD ? buildFailure : systemFailure;
    }

    private static int parse(RunnerEnv env, String name, int fallback) {
        return env.get(name).map(value -> {
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                return fallback;
            }
        }).orElse(fallback);
    }
}
