package dev.secureexecutor.executor.sim;

import java.util.List;

/**
 * What the runner knows when it writes a stage's script.
 *
 * @param variables  GetAllVariables at this moment (with this stage's CI_JOB_STATUS)
 * @param projectDir CI_PROJECT_DIR derived from config's builds_dir
 * @param hostname   config's hostname (or the simulator's), printed by prepare_script
 */
record ScriptContext(JobSpec job, List<JobVariable> variables, String projectDir, String hostname) {

    String tempProjectDir() {
        return projectDir + ".tmp";
    }

    String extGitConfig() {
        return tempProjectDir() + "/.gitlab-runner.ext.conf";
    }

    boolean debugTrace() {
        return variables.stream()
                .anyMatch(v -> v.key().equals("CI_DEBUG_TRACE") && v.value().equals("true"));
    }

    List<JobVariable> fileVariables() {
        return variables.stream().filter(JobVariable::file).toList();
    }
}
