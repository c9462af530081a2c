package dev.secureexecutor.executor.sim;

/**
 * Hooks into a simulated job, for tests that must look at the Docker side at a precise moment (e.g. the container's
 * processes after a cancelled script, before cleanup removes everything). Callbacks run on the job's thread.
 */
public interface JobObserver {
    JobObserver NONE = new JobObserver() {};

    /** A run_exec call has started; {@code pid} is also its process group id. */
    default void stageStarted(String stage, long pid) {}

    default void stageFinished(StageOutcome outcome) {}

    /** Right before {@code cleanup_exec}; {@code prepared} tells whether a Prepare attempt had succeeded. */
    default void beforeCleanup(boolean prepared) {}
}
