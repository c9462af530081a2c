package dev.secureexecutor.executor.cli;

import dev.secureexecutor.executor.Outcome;
import dev.secureexecutor.executor.env.RunnerEnv;
import dev.secureexecutor.executor.io.DriverOutput;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.network.EgressCheck;
import dev.secureexecutor.sandbox.network.FirewallInstaller;
import dev.secureexecutor.sandbox.network.FirewallState;
import dev.secureexecutor.sandbox.network.KernelRulesCheck;
import dev.secureexecutor.sandbox.network.RunnerUrls;
import dev.secureexecutor.sandbox.policy.Policy;
import dev.secureexecutor.sandbox.policy.PolicyException;
import dev.secureexecutor.sandbox.policy.PolicyLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code firewall apply|remove|status}: the egress rules of job networks, for root (scripts/setup.sh, a package's
 * postinst, an admin after changing {@code [network]} or registering a runner). {@code apply} installs them from the
 * policy ({@code --policy}, else SECURE_EXECUTOR_POLICY, else the default path), gitlab-runner's config.toml and
 * {@code --gitlab URL} (kept until {@code --forget-gitlab URL}); {@code status} checks state file and kernel.
 */
public final class FirewallCommand {
    private static final String USAGE = "usage: secure-executor firewall apply|remove|status [--policy FILE]"
            + " [--runner-config FILE] [--gitlab URL]... [--forget-gitlab URL]...";

    private final RunnerEnv env;
    private final DriverOutput out;
    private final String action;
    private Path policyFile;
    private Path runnerConfig;
    private final List<String> add = new ArrayList<>();
    private final List<String> forget = new ArrayList<>();

    public FirewallCommand(RunnerEnv env, DriverOutput out, String[] args) throws DriverFailure {
        this.env = env;
        this.out = out;
        this.action = args.length > 1 ? args[1] : "";
        for (int i = 2; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (value == null) {
                throw DriverFailure.system(args[i] + " needs a value", USAGE);
            }
            switch (args[i++]) {
                case "--policy" -> policyFile = Path.of(value);
                case "--runner-config" -> runnerConfig = Path.of(value);
                case "--gitlab" -> add.add(value);
                case "--forget-gitlab" -> forget.add(value);
                default -> throw DriverFailure.system("unknown firewall option '" + args[i - 1] + "'", USAGE);
            }
        }
    }

    public Outcome call() throws DriverFailure {
        Policy policy = policy();
        FirewallInstaller installer = new FirewallInstaller(policy.network(), FirewallState.DEFAULT_PATH);
        try {
            switch (action) {
                case "apply" -> {
                    FirewallState s = installer.apply(runnerUrls(policy), add, forget);
                    out.info("egress rules installed for job networks " + s.pool() + " (egress " + s.egress()
                            + "; GitLab " + s.gitlab() + "; DNS " + s.resolvers() + "); state in "
                            + FirewallState.DEFAULT_PATH);
                    return Outcome.SUCCESS;
                }
                case "remove" -> {
                    installer.remove();
                    out.info("egress rules removed: prepare refuses jobs with a network until `firewall apply`");
                    return Outcome.SUCCESS;
                }
                case "status" -> {
                    return status(policy);
                }
                default -> throw DriverFailure.system("unknown firewall action '" + action + "'", USAGE);
            }
        } catch (IOException e) {
            throw DriverFailure.system(
                    "firewall " + action + " failed: " + e.getMessage(),
                    "run it as root on the runner host, with nftables installed (scripts/setup.sh installs it)");
        }
    }

    private Outcome status(Policy policy) throws IOException {
        Optional<FirewallState> state = FirewallState.read(FirewallState.DEFAULT_PATH);
        List<String> problems = new ArrayList<>(
                new EgressCheck(policy.network()).settingsProblems(state, FirewallState.currentBootId()));
        if (state.isPresent()) {
            KernelRulesCheck.problem(state.get()).ifPresent(problems::add);
        }
        problems.forEach(p -> out.warn(p));
        out.info(problems.isEmpty() ? "egress rules in place and as the policy says" : EgressCheck.FIX);
        return problems.isEmpty()
                ? Outcome.SUCCESS
                : new Outcome.ReportProblems("the egress rules are not as the policy says");
    }

    private Policy policy() throws DriverFailure {
        try {
            return PolicyLoader.load(
                    policyFile != null ? policyFile : env.policyFile().orElse(null));
        } catch (PolicyException e) {
            throw DriverFailure.system(e.getMessage(), "fix the policy (secure-executor audit --policy FILE)");
        }
    }

    private List<String> runnerUrls(Policy policy) throws IOException {
        Path path = runnerConfig;
        if (path == null && !policy.runner().configToml().isEmpty()) {
            path = Path.of(policy.runner().configToml());
        }
        if (path == null && Files.isReadable(AuditCommand.DEFAULT_RUNNER_CONFIG)) {
            path = AuditCommand.DEFAULT_RUNNER_CONFIG;
        }
        return path == null ? List.of() : RunnerUrls.of(path);
    }
}
