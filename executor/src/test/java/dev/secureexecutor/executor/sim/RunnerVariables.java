package dev.secureexecutor.executor.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * The runner's {@code Build.GetAllVariables()}: resolved feature flags and runner-added variables around the payload's
 * variables, as seen at one moment of the job (before or after {@code StartBuild}, with a given {@code CI_JOB_STATUS}).
 * Values are passed as given: the simulator does not expand {@code $VAR} references (its jobs use none).
 */
final class RunnerVariables {
    static final String RUNNER_SHORT_TOKEN = "t3stRunr";
    static final String RUNNER_VERSION = "19.4.0";

    private RunnerVariables() {}

    /**
     * @param buildsDir  config's builds_dir, or {@code null} at config time (CI_BUILDS_DIR/CI_PROJECT_DIR are empty)
     * @param jobStatus  {@code running}, or {@code success}/{@code failed}/{@code canceled} for after_script
     */
    static List<JobVariable> of(
            JobSpec job, List<JobVariable> payload, String buildsDir, boolean buildsDirShared, String jobStatus) {
        List<JobVariable> all = new ArrayList<>();
        all.add(JobVariable.plain("FF_GIT_URLS_WITHOUT_TOKENS", "false"));
        all.add(JobVariable.plain("FF_MASK_ALL_DEFAULT_TOKENS", "true"));
        all.add(JobVariable.plain("FF_USE_LEGACY_BASH_EVAL", "false"));
        all.add(JobVariable.plain("FF_USE_EXPONENTIAL_BACKOFF_STAGE_RETRY", "true"));
        all.add(JobVariable.plain("FF_ENABLE_JOB_CLEANUP", "false"));
        all.add(JobVariable.plain("CI_JOB_IMAGE", job.image.orElse("")));
        all.add(JobVariable.plain("CI_RUNNER_SHORT_TOKEN", RUNNER_SHORT_TOKEN));
        String projectDir = buildsDir == null ? "" : projectDir(job, buildsDir, buildsDirShared);
        all.add(JobVariable.plain("CI_BUILDS_DIR", buildsDir == null ? "" : buildsDir));
        all.add(JobVariable.plain("CI_PROJECT_DIR", projectDir));
        all.add(JobVariable.plain("CI_CONCURRENT_ID", "0"));
        all.add(JobVariable.plain("CI_CONCURRENT_PROJECT_ID", "0"));
        all.add(JobVariable.plain("CI_JOB_STATUS", jobStatus));
        all.add(JobVariable.plain("CI_JOB_TIMEOUT", Integer.toString(job.timeoutSeconds)));
        all.addAll(payload);
        all.add(JobVariable.plain("CI_SHARED_ENVIRONMENT", "true"));
        all.add(JobVariable.plain("CI_RUNNER_VERSION", RUNNER_VERSION));
        all.add(JobVariable.plain("CI_RUNNER_REVISION", "d79f3e7b"));
        all.add(JobVariable.plain("CI_RUNNER_EXECUTABLE_ARCH", "linux/amd64"));
        all.add(JobVariable.plain("RUNNER_TEMP_PROJECT_DIR", projectDir.isEmpty() ? "" : projectDir + ".tmp"));
        return List.copyOf(all);
    }

    /** {@code <builds_dir>/<namespace>/<project>}, with the runner token and concurrency id when shared. */
    static String projectDir(JobSpec job, String buildsDir, boolean buildsDirShared) {
        String base = buildsDir.endsWith("/") ? buildsDir.substring(0, buildsDir.length() - 1) : buildsDir;
        if (buildsDirShared) {
            base = base + "/" + RUNNER_SHORT_TOKEN + "/0";
        }
        return base + "/" + job.projectPath;
    }
}
