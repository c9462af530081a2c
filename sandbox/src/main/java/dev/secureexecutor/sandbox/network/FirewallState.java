package dev.secureexecutor.sandbox.network;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

/**
 * What {@code firewall apply} installed, written by root next to the rules: {@code /run/secure-executor/firewall.json},
 * world-readable, root-owned, not writable by anyone else. {@code prepare} (the gitlab-runner user, who cannot read
 * the kernel's rule set) checks it against the policy and the job; {@code audit} as root checks the kernel's rule
 * set against {@link #rulesetSha256}. {@code /run} is a tmpfs, so a reboot, which empties the kernel's rule set,
 * removes this file too; {@link #bootId} catches a {@code /run} that survived one.
 *
 * @param pool the job address pool of the rules
 * @param egress the egress mode of the rules
 * @param blockMetadata whether the rules block 169.254.0.0/16
 * @param dns whether jobs may reach the host's resolvers
 * @param resolvers those resolvers
 * @param gitlab the GitLab endpoints jobs reach, as written (policy, runner config.toml, {@code --gitlab})
 * @param gitlabExtra the ones given with {@code --gitlab} (kept by the next apply that names them again)
 * @param allow the policy's allow entries
 * @param rulesetSha256 SHA-256 of {@code nft list table inet secure_executor} right after installing
 * @param bootId the kernel's boot id when installed
 * @param installedAt epoch seconds
 */
public record FirewallState(
        @JsonProperty("pool") String pool,
        @JsonProperty("egress") String egress,
        @JsonProperty("block_metadata") boolean blockMetadata,
        @JsonProperty("dns") boolean dns,
        @JsonProperty("resolvers") List<String> resolvers,
        @JsonProperty("gitlab") List<String> gitlab,
        @JsonProperty("gitlab_extra") List<String> gitlabExtra,
        @JsonProperty("allow") List<String> allow,
        @JsonProperty("ruleset_sha256") String rulesetSha256,
        @JsonProperty("boot_id") String bootId,
        @JsonProperty("installed_at") long installedAt) {

    public static final Path DEFAULT_PATH = Path.of("/run/secure-executor/firewall.json");
    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");
    private static final ObjectMapper JSON =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public FirewallState {
        resolvers = resolvers == null ? List.of() : List.copyOf(resolvers);
        gitlab = gitlab == null ? List.of() : List.copyOf(gitlab);
        gitlabExtra = gitlabExtra == null ? List.of() : List.copyOf(gitlabExtra);
        allow = allow == null ? List.of() : List.copyOf(allow);
    }

    /**
     * Reads the state file; empty when there is none. Refuses one that someone other than root could have written
     * (then it proves nothing about the kernel's rules).
     */
    public static Optional<FirewallState> read(Path file) throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        for (Path p = file; p != null && !p.equals(p.getRoot()); p = p.getParent()) {
            PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            boolean sticky = !p.equals(file)
                    && ((Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 01000)
                            != 0; // like /tmp: others cannot replace root's entries
            boolean othersWrite = !sticky
                    && (a.permissions().contains(PosixFilePermission.GROUP_WRITE)
                            || a.permissions().contains(PosixFilePermission.OTHERS_WRITE));
            if (a.isSymbolicLink() || !"root".equals(a.owner().getName()) || othersWrite) {
                throw new IOException(p + " is not a root-owned file or directory that only root can write");
            }
        }
        return Optional.of(JSON.readValue(file.toFile(), FirewallState.class));
    }

    /** Writes the file atomically (0644 in a 0755 directory), as root. */
    public void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    public static String currentBootId() {
        try {
            return Files.readString(BOOT_ID).trim();
        } catch (IOException e) {
            return "";
        }
    }
}
