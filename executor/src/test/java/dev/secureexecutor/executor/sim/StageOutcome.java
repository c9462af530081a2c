package dev.secureexecutor.executor.sim;

import java.util.Optional;

/**
 * How one run_exec stage ended, classified as the runner classifies exit codes.
 *
 * @param exitCodeFileLine first line of BUILD_EXIT_CODE_FILE after the call, if the file existed
 * @param reportedExitCode the job's exit code the runner reports for a build failure (the file's value, else 1)
 */
public record StageOutcome(
        String stage,
        Result result,
        int exitCode,
        Optional<String> exitCodeFileLine,
        Optional<Integer> reportedExitCode,
        CallRecord call) {

    public enum Result {
        SUCCESS,
        /** exit 1 ({@code BUILD_FAILURE_EXIT_CODE}): script_failure */
        BUILD_FAILURE,
        /** exit 2 ({@code SYSTEM_FAILURE_EXIT_CODE}): runner_system_failure */
        SYSTEM_FAILURE,
        /** any other exit, death by signal, or an unreadable BUILD_EXIT_CODE_FILE */
        UNKNOWN_FAILURE,
        /** killed by the simulator because the job was cancelled */
        CANCELED,
        /** killed by the simulator because the job was aborted or timed out */
        ABORTED
    }

    public boolean succeeded() {
        return result == Result.SUCCESS;
    }

    /** Classifies a finished call; {@code interrupted} is the mode when the simulator killed it. */
    static StageOutcome classify(
            String stage, CallRecord call, Optional<String> fileLine, Optional<Interruption.Mode> interrupted) {
        if (interrupted.isPresent()) {
            Result r = interrupted.get() == Interruption.Mode.CANCEL ? Result.CANCELED : Result.ABORTED;
            return new StageOutcome(stage, r, call.exitCode(), fileLine, Optional.empty(), call);
        }
        return switch (call.exitCode()) {
            case 0 -> new StageOutcome(stage, Result.SUCCESS, 0, fileLine, Optional.empty(), call);
            case DriverEnvironment.BUILD_FAILURE_EXIT_CODE -> buildFailure(stage, call, fileLine);
            case DriverEnvironment.SYSTEM_FAILURE_EXIT_CODE ->
                new StageOutcome(stage, Result.SYSTEM_FAILURE, 2, fileLine, Optional.empty(), call);
            default ->
                new StageOutcome(stage, Result.UNKNOWN_FAILURE, call.exitCode(), fileLine, Optional.empty(), call);
        };
    }

    private static StageOutcome buildFailure(String stage, CallRecord call, Optional<String> fileLine) {
        if (fileLine.isEmpty()) {
            return new StageOutcome(stage, Result.BUILD_FAILURE, 1, fileLine, Optional.of(1), call);
        }
        try {
            int code = Integer.parseInt(fileLine.get().trim());
            return new StageOutcome(stage, Result.BUILD_FAILURE, 1, fileLine, Optional.of(code), call);
        } catch (NumberFormatException e) {
            // the runner: "unknown Custom executor executable exit code 2"
            return new StageOutcome(stage, Result.UNKNOWN_FAILURE, 1, fileLine, Optional.empty(), call);
        }
    }

    @Override
    public String toString() {
        return "StageOutcome[" + stage + " " + result + " exit=" + exitCode
                + reportedExitCode.map(c -> " reported=" + c).orElse("") + "]";
    }
}
