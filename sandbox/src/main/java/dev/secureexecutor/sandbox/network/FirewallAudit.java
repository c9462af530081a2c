package dev.secureexecutor.sandbox.network;

import dev.secureexecutor.sandbox.checks.Finding;
import dev.secureexecutor.sandbox.policy.NetworkPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code audit}'s view of the job network's egress: the policy's weaker choices (WARN), the state file against the
 * policy (FAIL, as prepare would refuse), and, as root, the kernel's table against the state file (FAIL when it is
 * gone or was changed); without root the kernel cannot be read (WARN).
 */
public final class FirewallAudit {
    private FirewallAudit() {}

    public static List<Finding> findings(NetworkPolicy policy, boolean networkNone, Path stateFile) {
        List<Finding> found = new ArrayList<>();
        if (!policy.blockMetadata()) {
            found.add(Finding.warn(
                    "network.block_metadata",
                    "jobs may reach 169.254.0.0/16: on a cloud VM any job can"
                            + " read the instance's credentials from the metadata service",
                    "set network.block_metadata = true"));
        }
        if (policy.egress().equals("open")) {
            found.add(Finding.warn(
                    "network.egress",
                    "jobs may reach any address but this host, link-local, other" + " jobs and Docker's API ports",
                    "set network.egress = \"gitlab-only\" or \"allowlist\""));
        }
        if (networkNone) {
            found.add(Finding.pass("network.rules", "jobs have no network (job.network = \"none\")"));
            return found;
        }
        try {
            Optional<FirewallState> state = FirewallState.read(stateFile);
            List<String> problems =
                    new ArrayList<>(new EgressCheck(policy).settingsProblems(state, FirewallState.currentBootId()));
            if (state.isPresent() && problems.isEmpty()) {
                kernel(state.get(), found, problems);
            }
            problems.forEach(p -> found.add(Finding.fail("network.rules", p, EgressCheck.FIX)));
            if (problems.isEmpty()) {
                found.add(Finding.pass(
                        "network.rules",
                        "egress rules for job networks " + state.get().pool()
                                + " installed as the policy says (egress "
                                + state.get().egress() + ", GitLab "
                                + state.get().gitlab() + ")"));
            }
        } catch (IOException | RuntimeException e) {
            found.add(Finding.fail(
                    "network.rules",
                    "the egress rules' state " + stateFile + " cannot be trusted: " + e.getMessage(),
                    EgressCheck.FIX));
        }
        return found;
    }

    private static void kernel(FirewallState state, List<Finding> found, List<String> problems) throws IOException {
        if (!isRoot()) { // only root can read the kernel's rules, with or without nft on this host
            found.add(Finding.warn(
                    "network.kernel",
                    "the kernel's rule set can only be read by root"
                            + (Nft.binary().isEmpty() ? " (and nft is not installed here)" : ""),
                    "run `secure-executor audit` as root to check the rules in the kernel, not only the state file"));
            return;
        }
        if (Nft.binary().isEmpty()) {
            problems.add("nft is not installed, so the kernel's rules cannot be checked (install nftables)");
            return;
        }
        KernelRulesCheck.problem(state).ifPresent(problems::add);
    }

    private static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
