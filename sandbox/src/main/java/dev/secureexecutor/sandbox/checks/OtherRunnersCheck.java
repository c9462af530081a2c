package dev.secureexecutor.sandbox.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.secureexecutor.sandbox.policy.Capabilities;
import dev.secureexecutor.sandbox.policy.HostPaths;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Every other runner registered in gitlab-runner's {@code config.toml} must leave this host unshared: a job of a
 * runner with the {@code shell} executor, privileged Docker, the Docker socket or host paths as volumes, host
 * namespaces, dangerous capabilities, {@code unconfined} options or machine reuse ({@code [runners.machine]
 * MaxBuilds}, {@code [runners.autoscaler] max_use_count}) could reach this driver's jobs or their tokens. Only
 * settings are read; the runner tokens in the file are never quoted. An unreadable or invalid file fails closed.
 */
public final class OtherRunnersCheck implements Check<RunnerConfigFile> {
    public static final String KEY = "runner.config-toml";
    private static final TomlMapper MAPPER = new TomlMapper();

    @Override
    public List<Finding> judge(RunnerConfigFile file) {
        if (file.text().isEmpty()) {
            return List.of(Finding.fail(
                    KEY,
                    "cannot read gitlab-runner's config " + file.source() + " (" + file.readError()
                            + "), so other runners on this host cannot be checked",
                    "make it readable by the gitlab-runner user, or fix runner.config_toml in the policy"));
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(file.text().get());
        } catch (IOException e) {
            return List.of(Finding.fail(
                    KEY,
                    file.source() + " is not valid TOML, so other runners on this host" + " cannot be checked",
                    "fix the file; gitlab-runner cannot read it either"));
        }
        JsonNode runners = root == null ? null : root.get("runners");
        if (runners == null || !runners.isArray() || runners.isEmpty()) {
            return List.of(Finding.warn(
                    KEY,
                    file.source() + " registers no runner",
                    "register this driver" + " (config-examples/runner-config.toml)"));
        }
        List<Finding> found = new ArrayList<>();
        for (JsonNode runner : runners) {
            judgeRunner(runner, found);
        }
        if (found.stream().noneMatch(Finding::failed)) {
            found.add(Finding.pass(
                    KEY,
                    file.source() + ": " + runners.size() + " runner(s); no shell executor,"
                            + " privileged Docker, socket mount or machine reuse"));
        }
        return found;
    }

    private static void judgeRunner(JsonNode runner, List<Finding> found) {
        String name = "runner '" + runner.path("name").asText("(unnamed)") + "'";
        String executor = runner.path("executor").asText("").toLowerCase(Locale.ROOT);
        GitUrlTokenFlag.check(name, runner).ifPresent(found::add);
        if (executor.equals("shell")) {
            found.add(Finding.fail(
                    "runner.shell-executor",
                    name + " uses the shell executor: its jobs run as the"
                            + " runner's user on this host and can read other jobs' tokens and files",
                    "move that runner to another machine, or switch it to this driver"));
        }
        JsonNode docker = runner.path("docker");
        if (docker.path("privileged").asBoolean(false)) {
            found.add(Finding.fail(
                    "runner.privileged-docker",
                    name + " runs privileged Docker jobs: any of them can" + " take over this host",
                    "set privileged = false in its [runners.docker] or move it away"));
        }
        for (JsonNode volume : docker.path("volumes")) {
            String[] parts = volume.asText().split(":", -1);
            if (parts.length >= 2 && parts[0].startsWith("/")) {
                boolean socket = HostPaths.isDockerSocket(parts[0]);
                found.add(Finding.fail(
                        socket ? "runner.docker-socket" : "runner.shared-host-path",
                        name + " " + HostPaths.refusal(parts[0], parts.length < 3 || !parts[2].contains("ro")),
                        "remove that volume from its [runners.docker] volumes"));
            }
        }
        for (String ns : List.of("network_mode", "pid_mode", "ipc_mode", "userns_mode")) {
            if (docker.path(ns).asText("").equals("host")) {
                found.add(Finding.fail(
                        "runner.host-namespace",
                        name + " shares the host's namespace (" + ns + " = \"host\") with its jobs",
                        "remove " + ns + " from its [runners.docker]"));
            }
        }
        for (JsonNode cap : docker.path("cap_add")) {
            Capabilities.refusal(cap.asText())
                    .ifPresent(why -> found.add(Finding.fail(
                            "runner.capability",
                            name + " adds " + why,
                            "remove it from its [runners.docker] cap_add")));
        }
        for (JsonNode opt : docker.path("security_opt")) {
            if (opt.asText().contains("unconfined")) {
                found.add(Finding.fail(
                        "runner.unconfined",
                        name + " runs jobs with " + opt.asText() + ": kernel confinement is off",
                        "remove it from its [runners.docker] security_opt"));
            }
        }
        judgeReuse(name, executor, runner, found);
    }

    /** A machine that runs more than one job lets a later job read what an earlier one left, tokens included. */
    private static void judgeReuse(String name, String executor, JsonNode runner, List<Finding> found) {
        JsonNode machine = runner.path("machine");
        if (executor.equals("docker+machine") || !machine.isMissingNode()) {
            long max = machine.path("MaxBuilds").asLong(0);
            if (max != 1) {
                found.add(Finding.fail(
                        "runner.machine-reuse",
                        name + " reuses machines between jobs (MaxBuilds "
                                + (max == 0 ? "unset, i.e. unlimited" : "= " + max) + "): a later job can read what an"
                                + " earlier one left, tokens included",
                        "set MaxBuilds = 1 in its [runners.machine]"));
            }
        }
        JsonNode autoscaler = runner.path("autoscaler");
        if (executor.equals("docker-autoscaler") || executor.equals("instance") || !autoscaler.isMissingNode()) {
            long max = autoscaler.path("max_use_count").asLong(0);
            if (max != 1) {
                found.add(Finding.fail(
                        "runner.machine-reuse",
                        name + " reuses instances between jobs (max_use_count "
                                + (max == 0 ? "unset, i.e. unlimited" : "= " + max) + "): a later job can read what an"
                                + " earlier one left, tokens included",
                        "set max_use_count = 1 in its [runners.autoscaler]"));
            }
        }
    }
}
