package dev.secureexecutor.sandbox;

/**
 * A failure the driver reports to the runner. The two kinds decide the exit code (mapped in one place, the
 * executor's {@code ExitCodes}): {@link Kind#BUILD} for what the job asked for, which retrying cannot fix, and
 * {@link Kind#SYSTEM} for the host, the daemon or the runner's set-up, which an admin must fix and which the runner
 * retries in {@code prepare}.
 *
 * <p>Messages are written for the person reading the job log: {@link #problem()} says what went wrong and why it
 * matters, {@link #remedy()} how to fix it. Neither may contain a secret; the executor masks them anyway.
 */
public final class DriverFailure extends Exception {
    public enum Kind {
        BUILD,
        SYSTEM
    }

    private final Kind kind;
    private final String remedy;

    private DriverFailure(Kind kind, String problem, String remedy, Throwable cause) {
        super(problem, cause, false, false);
        this.kind = kind;
        this.remedy = remedy;
    }

    /** The job asked for something this runner refuses or cannot do (exit {@code BUILD_FAILURE_EXIT_CODE}). */
    public static DriverFailure build(String problem, String remedy) {
        return new DriverFailure(Kind.BUILD, problem, remedy, null);
    }

    /** The host, daemon or runner set-up failed (exit {@code SYSTEM_FAILURE_EXIT_CODE}). */
    public static DriverFailure system(String problem, String remedy) {
        return new DriverFailure(Kind.SYSTEM, problem, remedy, null);
    }

    public static DriverFailure system(String problem, String remedy, Throwable cause) {
        return new DriverFailure(Kind.SYSTEM, problem, remedy, cause);
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
}
