package dev.secureexecutor.executor.it;

import dev.secureexecutor.executor.sim.LauncherLocator;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The host's egress rules for the Docker tier, installed as an admin does (root, {@code secure-executor firewall
 * apply}): the test's fake GitLab is added with {@code --gitlab} while its class runs and forgotten afterwards, so
 * test JVMs sharing the host keep each other's. {@code policy} is the policy file whose {@code [network]} section
 * the rules follow (the built-in strict one unless a test asks for another).
 */
final class HostFirewall {
    private HostFirewall() {}

    static void allowGitLab(URI gitlab) {
        apply(defaultPolicy(), "--gitlab", gitlab.toString());
    }

    static void forgetGitLab(URI gitlab) {
        apply(defaultPolicy(), "--forget-gitlab", gitlab.toString());
    }

    /** Runs {@code firewall <action> --policy policy <args>}; fails the test with nft's words when it fails. */
    static String run(String action, Path policy, String... args) {
        List<String> command = new ArrayList<>(
                List.of(LauncherLocator.launcher().toString(), "firewall", action, "--policy", policy.toString()));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new AssertionError("secure-executor firewall " + action + " failed (run the Docker tier as"
                        + " root, with nftables installed by scripts/setup.sh): " + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run secure-executor firewall " + action, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static void apply(Path policy, String... args) {
        run("apply", policy, args);
    }

    /** A policy file with no [network] section: the rules of the built-in strict policy. */
    static Path defaultPolicy() {
        try {
            Path dir = Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir"), "se-firewall-policy"));
            Path file = dir.resolve("policy.toml");
            if (!Files.exists(file)) {
                Files.writeString(file, "version = 1\n");
            }
            return file;
        } catch (IOException e) {
            throw new AssertionError("cannot write the default policy file", e);
        }
    }
}
