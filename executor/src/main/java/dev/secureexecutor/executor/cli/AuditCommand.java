package dev.secureexecutor.executor.cli;

import dev.secureexecutor.executor.Outcome;
import dev.secureexecutor.executor.audit.AuditReport;
import dev.secureexecutor.executor.audit.PolicyAudit;
import dev.secureexecutor.executor.env.RunnerEnv;
import dev.secureexecutor.executor.io.DriverOutput;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.checks.DaemonExposure;
import dev.secureexecutor.sandbox.checks.Finding;
import dev.secureexecutor.sandbox.checks.HostChecks;
import dev.secureexecutor.sandbox.checks.OtherRunnersCheck;
import dev.secureexecutor.sandbox.checks.RunnerBinaryCheck;
import dev.secureexecutor.sandbox.checks.RunnerConfigFile;
import dev.secureexecutor.sandbox.docker.DockerEndpoint;
import dev.secureexecutor.sandbox.docker.DockerEndpointCheck;
import dev.secureexecutor.sandbox.docker.DockerJobEngine;
import dev.secureexecutor.sandbox.engine.JobEngine;
import dev.secureexecutor.sandbox.network.FirewallAudit;
import dev.secureexecutor.sandbox.network.FirewallState;
import dev.secureexecutor.sandbox.policy.EngineSpec;
import dev.secureexecutor.sandbox.pool.EngineAudit;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code audit [--policy FILE] [--runner-config FILE] [--format json]}: checks the policy, gitlab-runner's
 * {@code config.toml} and this host's Docker daemon, and prints a PASS/WARN/FAIL report with a remedy per finding
 * on stdout (the only verb whose stdout is a report). Exit status 1 on any FAIL, so it can gate provisioning.
 */
public final class AuditCommand {
    static final Path DEFAULT_RUNNER_CONFIG = Path.of("/etc/gitlab-runner/config.toml");
    static final Path DAEMON_JSON = Path.of("/etc/docker/daemon.json");
    private static final String USAGE =
            "usage: secure-executor audit [--policy FILE] [--runner-config FILE]" + " [--format table|json]";

    private final RunnerEnv env;
    private final DriverOutput out;
    private Path policyFile;
    private Path runnerConfig;
    private boolean json;

    public AuditCommand(RunnerEnv env, DriverOutput out, String[] args) throws DriverFailure {
        this.env = env;
        this.out = out;
        parse(args);
    }

    public Outcome call() throws IOException {
        List<Finding> findings = new ArrayList<>();
        PolicyAudit policy = new PolicyAudit(
                policyFile != null ? policyFile : env.policyFile().orElse(null));
        findings.addAll(policy.findings());
        findings.addAll(runnerConfig(policy));
        policy.policy()
                .ifPresent(p ->
                        findings.addAll(new RunnerBinaryCheck().judge(p.runner().gitlabRunnerBinary())));
        String runtime = policy.policy().map(p -> p.job().runtime()).orElse("runc");
        List<EngineSpec> engines = policy.policy().map(p -> p.engines()).orElse(List.of());
        if (engines.isEmpty()) {
            findings.addAll(daemon(env.dockerEndpoint(), runtime));
        } else { // a pool: every engine is audited, DOCKER_HOST is not used
            findings.addAll(EngineAudit.of(engines, runtime, java.time.Instant.now()));
        }
        policy.policy()
                .ifPresent(p -> findings.addAll(FirewallAudit.findings(
                        p.network(), "none".equals(p.job().network()), FirewallState.DEFAULT_PATH)));
        AuditReport report = new AuditReport(findings);
        OutputStream stdout = out.stdout();
        stdout.write((json ? report.json() : report.table()).getBytes(StandardCharsets.UTF_8));
        stdout.flush();
        return report.anyFailed() ? new Outcome.ReportProblems("the audit found at least one FAIL") : Outcome.SUCCESS;
    }

    private List<Finding> runnerConfig(PolicyAudit policy) {
        Path path = runnerConfig;
        if (path == null) {
            path = policy.policy()
                    .map(p -> p.runner().configToml())
                    .filter(s -> !s.isEmpty())
                    .map(Path::of)
                    .orElse(Files.exists(DEFAULT_RUNNER_CONFIG) ? DEFAULT_RUNNER_CONFIG : null);
        }
        if (path == null) {
            return List.of(Finding.warn(
                    "runner.config-toml",
                    "no gitlab-runner config.toml found (looked at " + DEFAULT_RUNNER_CONFIG
                            + "): other runners on this host were not checked",
                    "pass --runner-config FILE, or set runner.config_toml in the policy"));
        }
        return new OtherRunnersCheck().judge(RunnerConfigFile.read(path));
    }

    private static List<Finding> daemon(DockerEndpoint endpoint, String runtime) {
        List<Finding> found = new ArrayList<>(new DockerEndpointCheck().judge(endpoint));
        if (endpoint.refusal().isPresent()) {
            return found;
        }
        if (endpoint.host().startsWith("unix://")) {
            DaemonExposure exposure =
                    DaemonExposure.read(Path.of(endpoint.host().substring("unix://".length())), DAEMON_JSON);
            found.addAll(HostChecks.judge(HostChecks.exposure(), exposure));
        }
        try (JobEngine engine = DockerJobEngine.open(endpoint)) {
            found.addAll(HostChecks.judge(HostChecks.daemon(runtime), engine.daemonFacts()));
        } catch (DriverFailure | RuntimeException e) {
            Throwable why = e.getCause() != null ? e.getCause() : e;
            found.add(Finding.fail(
                    "daemon.reachable",
                    "the Docker daemon at " + endpoint.host() + " did not answer ("
                            + why.getClass().getSimpleName() + ")",
                    "start dockerd and make its socket reachable by the" + " gitlab-runner user"));
        }
        return found;
    }

    private void parse(String[] args) throws DriverFailure {
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            boolean hasValue = i + 1 < args.length;
            switch (a) {
                case "--policy" -> policyFile = Path.of(value(args, ++i, hasValue, a));
                case "--runner-config" -> runnerConfig = Path.of(value(args, ++i, hasValue, a));
                case "--format" -> {
                    String f = value(args, ++i, hasValue, a);
                    if (!f.equals("json") && !f.equals("table")) {
                        throw DriverFailure.system("--format must be table or json, not '" + f + "'", USAGE);
                    }
                    json = f.equals("json");
                }
                default -> throw DriverFailure.system("unknown audit option '" + a + "'", USAGE);
            }
        }
    }

    private static String value(String[] args, int i, boolean hasValue, String flag) throws DriverFailure {
        if (!hasValue) {
            throw DriverFailure.system(flag + " needs a value", USAGE);
        }
        return args[i];
    }
}
