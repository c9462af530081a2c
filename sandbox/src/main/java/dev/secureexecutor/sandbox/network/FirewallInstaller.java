package dev.secureexecutor.sandbox.network;

import dev.secureexecutor.sandbox.policy.Endpoint;
import dev.secureexecutor.sandbox.policy.Ipv4;
import dev.secureexecutor.sandbox.policy.JobAddressPool;
import dev.secureexecutor.sandbox.policy.NetworkPolicy;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Installs (as root) the egress rules for the policy's {@code [network]} section, then the state file prepare reads.
 * GitLab endpoints come from the policy, gitlab-runner's config.toml, and {@code --gitlab} (kept until forgotten),
 * names resolved now. One install at a time (a lock next to the state file).
 */
public final class FirewallInstaller {
    private static final Path RESOLV_CONF = Path.of("/etc/resolv.conf");

    private final NetworkPolicy policy;
    private final Path stateFile;

    public FirewallInstaller(NetworkPolicy policy, Path stateFile) {
        this.policy = policy;
        this.stateFile = stateFile;
    }

    /** Returns the installed state; the exception's message says what failed. */
    public FirewallState apply(List<String> runnerUrls, List<String> addGitlab, List<String> forgetGitlab)
            throws IOException {
        Files.createDirectories(stateFile.getParent());
        try (FileChannel lockFile = FileChannel.open(
                stateFile.resolveSibling("firewall.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = lockFile.lock(); // released when the channel closes
            Optional<FirewallState> before = FirewallState.read(stateFile);
            Set<String> extra =
                    new LinkedHashSet<>(before.map(FirewallState::gitlabExtra).orElse(List.of()));
            extra.addAll(addGitlab);
            extra.removeAll(forgetGitlab);
            Set<String> gitlab = new LinkedHashSet<>(policy.gitlab());
            gitlab.addAll(runnerUrls);
            gitlab.addAll(extra);
            List<String> resolvers = policy.dns() ? resolvers() : List.of();
            FirewallSpec spec = new FirewallSpec(
                    JobAddressPool.parse(policy.pool()),
                    policy.egress(),
                    policy.blockMetadata(),
                    resolvers,
                    resolve(gitlab),
                    resolve(policy.allow()));
            Nft.Result applied = Nft.apply(EgressRules.render(spec));
            if (!applied.ok()) {
                throw new IOException(
                        "nft refused the rules: " + applied.output().trim());
            }
            Nft.Result listed = Nft.listTable();
            if (!listed.ok()) {
                throw new IOException("the rules were installed but cannot be listed: "
                        + listed.output().trim());
            }
            FirewallState state = new FirewallState(
                    spec.pool().cidr(),
                    policy.egress(),
                    policy.blockMetadata(),
                    policy.dns(),
                    resolvers,
                    List.copyOf(gitlab),
                    List.copyOf(extra),
                    policy.allow(),
                    Nft.sha256(listed.output()),
                    FirewallState.currentBootId(),
                    System.currentTimeMillis() / 1000);
            state.write(stateFile);
            lock.release();
            return state;
        }
    }

    /** Deletes the rules and the state file (jobs are refused until the next apply). */
    public void remove() throws IOException {
        Files.deleteIfExists(stateFile);
        Nft.Result deleted = Nft.deleteTable();
        if (!deleted.ok() && !deleted.output().contains("No such file")) {
            throw new IOException(
                    "nft could not delete the table: " + deleted.output().trim());
        }
    }

    private static List<FirewallSpec.Resolved> resolve(Iterable<String> endpoints) throws IOException {
        List<FirewallSpec.Resolved> resolved = new ArrayList<>();
        for (String text : endpoints) {
            try {
                resolved.add(FirewallSpec.Resolved.of(Endpoint.parse(text)));
            } catch (IllegalArgumentException e) {
                throw new IOException("endpoint " + e.getMessage());
            }
        }
        return resolved;
    }

    /** The host's IPv4 resolvers a job's network can reach (loopback ones cannot be, so they are left out). */
    static List<String> resolvers() throws IOException {
        List<String> found = new ArrayList<>();
        if (!Files.isReadable(RESOLV_CONF)) {
            return found;
        }
        for (String line : Files.readAllLines(RESOLV_CONF)) {
            String[] f = line.trim().split("\\s+", -1);
            if (f.length >= 2
                    && f[0].equals("nameserver")
                    && Ipv4.parse(f[1]).isPresent()
                    && !f[1].startsWith("127.")
                    && !found.contains(f[1])) {
                found.add(f[1]);
            }
        }
        return found;
    }
}
