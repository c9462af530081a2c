package dev.secureexecutor.sandbox.refusal;

import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.DriverFailure.Kind;
import dev.secureexecutor.sandbox.DriverFailure.Refusal;
import dev.secureexecutor.sandbox.engine.JobEngine;
import dev.secureexecutor.sandbox.hostcheck.DaemonFacts;
import dev.secureexecutor.sandbox.hostcheck.Finding;
import dev.secureexecutor.sandbox.hostcheck.RunnerConfigInspector;
import dev.secureexecutor.sandbox.policy.Policy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The refusals that run before anything is created for a job (and so before any token reaches a container). The
 * policy file itself was already checked when it was loaded. Host and runner problems are an admin's to fix
 * ({@code SYSTEM_FAILURE_EXIT_CODE}); what the job asked for (its image) is the job's
 * ({@code BUILD_FAILURE_EXIT_CODE}). All problems of a kind are reported together, one line each.
 */
public final class SetupRefusals {
    private static final String SYSTEM_FIX = "fix the host or runner set-up as each line says; `secure-executor audit`"
            + " lists every finding with its remedy";

    private final Policy policy;

    public SetupRefusals(Policy policy) {
        this.policy = policy;
    }

    /** What {@code config} can check without Docker: other runners in gitlab-runner's config.toml. */
    public void checkRunnerConfig() throws DriverFailure {
        List<String> problems = runnerConfigProblems();
        if (!problems.isEmpty()) {
            throw DriverFailure.refusal(Kind.SYSTEM, Refusal.HOST_SETUP, String.join("\n", problems), SYSTEM_FIX);
        }
    }

    /** Everything, in {@code prepare}: runner config, the daemon, the runner binary, then the job's image. */
    public void checkBeforePrepare(JobEngine engine, String image) throws DriverFailure {
        List<String> problems = new ArrayList<>(runnerConfigProblems());
        problems.addAll(daemonProblems(engine.daemonFacts(), policy.job().runtime()));
        binaryProblem().ifPresent(problems::add);
        if (!problems.isEmpty()) {
            throw DriverFailure.refusal(Kind.SYSTEM, Refusal.HOST_SETUP, String.join("\n", problems), SYSTEM_FIX);
        }
        Optional<String> refused = policy.image().refusal(image);
        if (refused.isPresent()) {
            throw DriverFailure.refusal(Kind.BUILD, Refusal.IMAGE, "image " + refused.get() + "; a job may only run"
                    + " images this runner's admin vetted",
                    "use an allowed image in the job's `image:` (ask the runner's admin to add it)");
        }
    }

    private List<String> runnerConfigProblems() {
        String path = policy.runner().configToml();
        if (path.isEmpty()) {
            return List.of();
        }
        return RunnerConfigInspector.inspect(Path.of(path)).stream().filter(Finding::failed)
                .map(f -> "shared-machine set-up: " + f.message()).toList();
    }

    /** The daemon settings a job may not run without; public for tests with hand-made facts. */
    public static List<String> daemonProblems(DaemonFacts facts, String runtime) {
        List<String> problems = new ArrayList<>();
        String seccomp = facts.seccompProfile();
        if (seccomp.isEmpty() || seccomp.equals("unconfined")) {
            problems.add("the Docker daemon applies no seccomp profile: jobs could call mount, unshare, keyctl and"
                    + " the other syscalls used in escapes");
        }
        if (facts.has("rootless")) {
            problems.add("the Docker daemon runs rootless: on cgroup v1 it ignores the memory and pids limits");
        }
        if (!runtime.equals("runc") && !facts.runtimes().contains(runtime)) {
            problems.add("the policy asks for job.runtime = \"" + runtime + "\" but the Docker daemon has no such"
                    + " runtime (it has " + String.join(", ", facts.runtimes().stream().sorted().toList())
                    + "): the job would not get the isolation the policy promises; install and register it"
                    + " (scripts/setup.sh does; README, gVisor) or set job.runtime = \"runc\"");
        }
        return problems;
    }

    private Optional<String> binaryProblem() {
        String binary = policy.runner().gitlabRunnerBinary();
        if (binary.isEmpty()) {
            return Optional.empty();
        }
        Path path = Path.of(binary);
        if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
            return Optional.of("runner.gitlab_runner_binary " + binary + " is not an executable file on this host:"
                    + " mounting anything else (a socket, a directory) would expose the host to the job");
        }
        return Optional.empty();
    }
}
