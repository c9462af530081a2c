package dev.secureexecutor.executor;

/**
 * How a command ended, as a value: commands return one, and only {@link ExitCodes} turns it into the process's exit
 * status. A failure that must stop a command at once is thrown as a {@code DriverFailure} instead (its kind maps the
 * same way).
 */
public sealed interface Outcome {
    Outcome SUCCESS = new Success();

    /** The command did what it was asked: exit 0. */
    record Success() implements Outcome {
        @Override
        public boolean succeeded() {
            return true;
        }
    }

    /** The job's own script failed, or the job asked for what the runner refuses: {@code BUILD_FAILURE_EXIT_CODE}. */
    record BuildFailure(String reason) implements Outcome {
        @Override
        public boolean succeeded() {
            return false;
        }
    }

    /** The host, the engine or the runner set-up failed: {@code SYSTEM_FAILURE_EXIT_CODE}. */
    record SystemFailure(String reason) implements Outcome {
        @Override
        public boolean succeeded() {
            return false;
        }
    }

    /**
     * A report verb ({@code audit}, {@code audit-log verify}) found problems: exit 1, whatever the runner's codes
     * (a documented contract for provisioning scripts, not a runner stage result).
     */
    record ReportProblems(String reason) implements Outcome {
        @Override
        public boolean succeeded() {
            return false;
        }
    }

    /**
     * Whether the command succeeded. Abstract, not a default method: a default method would make initialising
     * {@code Success} initialise this interface, whose {@code SUCCESS} initialises {@code Success} (a class
     * initialisation deadlock if two threads start on both at once).
     */
    boolean succeeded();
}
