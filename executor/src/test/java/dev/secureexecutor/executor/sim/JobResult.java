package dev.secureexecutor.executor.sim;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything a simulated job produced.
 *
 * @param reportedExitCode the exit code reported for a failed build (from BUILD_EXIT_CODE_FILE)
 * @param reason           short reason for a non-success, e.g. "prepare: exit 2 (system failure)"
 * @param jobLog           the job trace: runner messages plus prepare/run output and config's stderr
 * @param driverLog        only the driver's bytes of the job trace
 * @param runnerLog        cleanup's stdout and stderr (the runner log, never in the trace)
 * @param tmpDirs          every {@code <tmp>} used, one per Prepare attempt (all deleted by the end)
 * @param maskedValues     the values of the job's masked variables (job token, id_tokens...), for leak checks
 */
public record JobResult(
        long jobId,
        JobStatus status,
        Optional<Integer> reportedExitCode,
        String reason,
        int prepareAttempts,
        List<CallRecord> calls,
        List<StageOutcome> stages,
        String jobLog,
        String driverLog,
        String runnerLog,
        Optional<ConfigOutput> config,
        List<Path> tmpDirs,
        List<String> maskedValues) {

    public JobResult {
        calls = List.copyOf(calls);
        stages = List.copyOf(stages);
        tmpDirs = List.copyOf(tmpDirs);
        maskedValues = List.copyOf(maskedValues);
    }

    public boolean succeeded() {
        return status == JobStatus.SUCCESS;
    }

    /** Calls whose label starts with {@code prefix}: {@code config}, {@code prepare}, {@code run}, {@code cleanup}. */
    public List<CallRecord> calls(String prefix) {
        return calls.stream().filter(c -> c.label().startsWith(prefix)).toList();
    }

    public Optional<StageOutcome> stage(String name) {
        return stages.stream().filter(s -> s.stage().equals(name)).findFirst();
    }

    public List<String> stageNames() {
        return stages.stream().map(StageOutcome::stage).toList();
    }

    /** A summary for assertion messages; the job log is the caller's choice to print. */
    public String summary() {
        StringBuilder sb = new StringBuilder("job ").append(jobId).append(": ").append(status);
        reportedExitCode.ifPresent(c -> sb.append(" (exit code ").append(c).append(')'));
        if (!reason.isEmpty()) {
            sb.append(" - ").append(reason);
        }
        sb.append("\n  attempts: ").append(prepareAttempts);
        calls.forEach(c -> sb.append("\n  ").append(c));
        return sb.toString();
    }

    @Override
    public String toString() {
        return summary();
    }
}
