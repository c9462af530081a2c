package dev.secureexecutor.executor.it;

import dev.secureexecutor.executor.sim.RunnerSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A policy file for one IT class, with its own audit log and fingerprint key under {@code dir}, and a simulator whose
 * runner environment names it ({@code SECURE_EXECUTOR_POLICY}), as an admin would set it for gitlab-runner.
 */
final class PolicyFiles {
    private PolicyFiles() {}

    /** Writes {@code dir/policy.toml}: {@code credentialKeys} are extra TOML lines of the [credentials] section. */
    static Path write(Path dir, String credentialKeys) throws IOException {
        return write(dir, "", credentialKeys);
    }

    /** As {@link #write(Path, String)}, with {@code sections} (other TOML tables, such as [image]) before it. */
    static Path write(Path dir, String sections, String credentialKeys) throws IOException {
        String toml = "version = 1\n" + sections + "[credentials]\n"
                + "audit_log = \"" + dir.resolve("audit/audit.jsonl") + "\"\n"
                + "audit_key_file = \"" + dir.resolve("key/audit.key") + "\"\n"
                + credentialKeys;
        return Files.writeString(dir.resolve("policy.toml"), toml);
    }

    static Path auditLog(Path dir) {
        return dir.resolve("audit/audit.jsonl");
    }

    static RunnerSimulator simulator(Path policy) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("SECURE_EXECUTOR_POLICY", policy.toString());
        return new RunnerSimulator(DockerTierTestBase.settings().withOwnEnvironment(env));
    }

    /** Runs {@code bin/secure-executor <args>} with the policy, as a timer or an admin would; returns exit + output. */
    static DriverRun launch(Path policy, String... args) throws IOException, InterruptedException {
        return launch(policy, Map.of(), args);
    }

    /** As {@link #launch(Path, String...)}, with {@code env} added to the runner's environment. */
    static DriverRun launch(Path policy, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        java.util.List<String> command = new java.util.ArrayList<>();
        command.add(dev.secureexecutor.executor.sim.LauncherLocator.launcher().toString());
        command.addAll(java.util.List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().putAll(env);
        pb.environment().put("SECURE_EXECUTOR_POLICY", policy.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("secure-executor " + String.join(" ", args) + " did not end in 120 s");
        }
        return new DriverRun(p.exitValue(), out);
    }

    record DriverRun(int exitCode, String output) {}
}
