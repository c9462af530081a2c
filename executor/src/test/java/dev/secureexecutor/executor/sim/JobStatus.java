package dev.secureexecutor.executor.sim;

/** The job's final state as the runner would report it to GitLab. */
public enum JobStatus {
    SUCCESS,
    /** script_failure (or a timeout), with an exit code */
    FAILED,
    /** runner_system_failure or an unknown driver exit code */
    SYSTEM_FAILURE,
    CANCELED,
    /** the simulated runner process died mid-job (with its driver call): no cleanup ran */
    RUNNER_CRASHED
}
