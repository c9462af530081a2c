package dev.secureexecutor.executor;

import dev.secureexecutor.executor.env.RunnerEnv;
import dev.secureexecutor.sandbox.DriverFailure;

/**
 * The driver's exit-code contract, in one place: the only class that turns an {@link Outcome} or a
 * {@link DriverFailure} into a process exit status. The failure numbers come from the runner
 * ({@code BUILD_FAILURE_EXIT_CODE}, {@code SYSTEM_FAILURE_EXIT_CODE}); 1 and 2 are only the fallbacks for a driver
 * started by hand.
 */
public record ExitCodes(int buildFailure, int systemFailure) {
    private static final int SUCCESS = 0;
    /** {@code audit} found a FAIL, {@code audit-log verify} a problem: fixed, a contract for provisioning scripts. */
    private static final int REPORT_PROBLEMS = 1;

    public static ExitCodes from(RunnerEnv env) {
        return new ExitCodes(parse(env, "BUILD_FAILURE_EXIT_CODE", 1), parse(env, "SYSTEM_FAILURE_EXIT_CODE", 2));
    }

    public int of(DriverFailure failure) {
        return failure.kind() == DriverFailure.Kind.BUILD ? buildFailure : systemFailure;
    }

    public int of(Outcome outcome) {
        if (outcome instanceof Outcome.Success) {
            return SUCCESS;
        } else if (outcome instanceof Outcome.BuildFailure) {
            return buildFailure;
        } else if (outcome instanceof Outcome.SystemFailure) {
            return systemFailure;
        }
        return REPORT_PROBLEMS; // Outcome is sealed: ReportProblems is the only one left
    }

    private static int parse(RunnerEnv env, String name, int fallback) {
        return env.get(name)
                .map(value -> {
                    try {
                        return Integer.parseInt(value.trim());
                    } catch (NumberFormatException e) {
                        return fallback;
                    }
                })
                .orElse(fallback);
    }
}
