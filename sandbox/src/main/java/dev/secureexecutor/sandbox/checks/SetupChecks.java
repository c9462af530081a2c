package dev.secureexecutor.sandbox.checks;

import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.DriverFailure.Kind;
import dev.secureexecutor.sandbox.DriverFailure.Refusal;
import dev.secureexecutor.sandbox.policy.Policy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The refusals that run before anything is created for a job (and so before any token reaches a container), built
 * from the checks. The policy file itself was already checked when it was loaded. Host and runner problems are an
 * admin's to fix ({@code SYSTEM_FAILURE_EXIT_CODE}, audit-log check {@code host_setup}); what the job asked for (its
 * image) is the job's ({@code BUILD_FAILURE_EXIT_CODE}, check {@code image}). All problems of a kind are reported
 * together, one line each.
 */
public final class SetupChecks {
    static final String SYSTEM_FIX = "fix the host or runner set-up as each line says; `secure-executor audit`"
            + " lists every finding with its remedy";
    private static final FailGate HOST_SETUP = new FailGate(Kind.SYSTEM, Refusal.HOST_SETUP, SYSTEM_FIX);
    private static final FailGate IMAGE = new FailGate(Kind.BUILD, Refusal.IMAGE, "");

    private final Policy policy;

    public SetupChecks(Policy policy) {
        this.policy = policy;
    }

    /** Other runners in the policy's {@code runner.config_toml}; nothing when it is unset. */
    public List<Finding> runnerConfig() {
        String path = policy.runner().configToml();
        return path.isEmpty() ? List.of() : new OtherRunnersCheck().judge(RunnerConfigFile.read(Path.of(path)));
    }

    /** What {@code config} can check without Docker: other runners in gitlab-runner's config.toml. */
    public void refuseRunnerConfig() throws DriverFailure {
        HOST_SETUP.refuseAny(sharedMachine(runnerConfig()));
    }

    /** The host set-up a job may not run without: other runners, the daemon, the runner binary. */
    public List<Finding> hostSetup(DaemonFacts daemon) {
        List<Finding> found = new ArrayList<>(sharedMachine(runnerConfig()));
        found.addAll(HostChecks.judge(HostChecks.gating(policy.job().runtime()), daemon));
        found.addAll(new RunnerBinaryCheck().judge(policy.runner().gitlabRunnerBinary()));
        HostAccounts.problem(policy.job().user())
                .ifPresent(p -> found.add(Finding.fail(
                        "job.user",
                        p,
                        "set [job] user to an unused uid:gid (the default 100000:100000 is no host account)")));
        return found;
    }

    /** Everything, in {@code prepare}: runner config, the daemon, the runner binary, then the job's image. */
    public void refuseBeforePrepare(DaemonFacts daemon, String image) throws DriverFailure {
        HOST_SETUP.refuseAny(hostSetup(daemon));
        IMAGE.refuseAny(new ImageCheck(policy.image()).judge(image));
    }

    /** A refusal line says where another runner's problem was found. */
    private static List<Finding> sharedMachine(List<Finding> runnerFindings) {
        return runnerFindings.stream()
                .map(f -> f.failed() ? f.prefixed("shared-machine set-up: ") : f)
                .toList();
    }
}
