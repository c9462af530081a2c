package dev.secureexecutor.executor.sim;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A cancel or abort the simulated GitLab sends while the job runs.
 *
 * <p>{@link Mode#CANCEL} is job status {@code canceling}: only the user script ({@code build_script}/{@code step_*})
 * is killed; after_script (with {@code CI_JOB_STATUS=canceled}), the on_failure stages and cleanup_file_variables
 * still run. {@link Mode#ABORT} is {@code canceled}, a failure or the job timeout: the current driver call is killed,
 * no further run_exec call is made, then cleanup runs. {@link Mode#KILL_DRIVER} SIGKILLs the running driver call's
 * process group (an OOM kill, a crash): the runner sees a death by signal and carries on. {@link Mode#CRASH} kills
 * the runner with it: no further call, no cleanup, and {@code <tmp>} stays behind as a dead runner leaves it.
 *
 * @param afterStart          fire this long after the job started, or
 * @param markerLine          fire when a job-log line equal to this (ANSI codes and CR stripped) arrives
 * @param cleanupWhileRunning for ABORT: start cleanup right after SIGTERM, while the killed run_exec is alive
 */
public record Interruption(
        Mode mode, Optional<Duration> afterStart, Optional<String> markerLine, boolean cleanupWhileRunning) {

    public enum Mode {
        CANCEL,
        ABORT,
        KILL_DRIVER,
        CRASH
    }

    public Interruption {
        Objects.requireNonNull(mode, "mode");
        if (afterStart.isPresent() == markerLine.isPresent()) {
            throw new IllegalArgumentException("an interruption fires either after a delay or on a marker line");
        }
    }

    public static Interruption cancelOnLine(String marker) {
        return new Interruption(Mode.CANCEL, Optional.empty(), Optional.of(marker), false);
    }

    public static Interruption cancelAfter(Duration delay) {
        return new Interruption(Mode.CANCEL, Optional.of(delay), Optional.empty(), false);
    }

    public static Interruption abortOnLine(String marker) {
        return new Interruption(Mode.ABORT, Optional.empty(), Optional.of(marker), false);
    }

    /** SIGKILL to the running driver call when the marker line arrives; the runner survives it. */
    public static Interruption killDriverOnLine(String marker) {
        return new Interruption(Mode.KILL_DRIVER, Optional.empty(), Optional.of(marker), false);
    }

    /** The runner and its running driver call die (SIGKILL) when the marker line arrives: cleanup never comes. */
    public static Interruption crashOnLine(String marker) {
        return new Interruption(Mode.CRASH, Optional.empty(), Optional.of(marker), false);
    }

    public static Interruption abortAfter(Duration delay) {
        return new Interruption(Mode.ABORT, Optional.of(delay), Optional.empty(), false);
    }

    /** The runner's behaviour after its 5 minute wait: cleanup while the SIGTERM'd run_exec still lives. */
    public Interruption withCleanupWhileRunning() {
        return new Interruption(mode, afterStart, markerLine, true);
    }
}
