package dev.secureexecutor.sandbox.checks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether the job's uid or gid is an account of the host ({@code /etc/passwd}, {@code /etc/group}). Without user
 * namespace remapping a job process IS that uid on the host: a host user with it could read the job's
 * {@code /proc/<pid>/environ} (its token), signal or trace it, and the job could touch that user's files through
 * any shared path. Jobs run as a uid no host account has.
 */
public final class HostAccounts {
    public static final Path PASSWD = Path.of("/etc/passwd");
    public static final Path GROUP = Path.of("/etc/group");

    private HostAccounts() {}

    /** The problem with {@code user} ({@code uid:gid}) on this host, or empty. */
    public static Optional<String> problem(String user, Path passwd, Path group) {
        String[] ids = user.split(":", 2);
        Optional<String> owner = nameWithId(passwd, ids[0]);
        Optional<String> grp = nameWithId(group, ids.length > 1 ? ids[1] : ids[0]);
        if (owner.isEmpty() && grp.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("job.user " + user + " is an account of this host ("
                + owner.map(n -> "uid " + ids[0] + " is '" + n + "'").orElse("")
                + (owner.isPresent() && grp.isPresent() ? ", " : "")
                + grp.map(n -> "gid is group '" + n + "'").orElse("") + "): that host user could read the job's"
                + " token from /proc/<pid>/environ and signal or trace its processes; set job.user to an unused"
                + " uid:gid such as \"100000:100000\"");
    }

    public static Optional<String> problem(String user) {
        return problem(user, PASSWD, GROUP);
    }

    private static Optional<String> nameWithId(Path file, String id) {
        try {
            return Files.readAllLines(file).stream()
                    .map(l -> l.split(":", -1))
                    .filter(f -> f.length > 2 && f[2].equals(id))
                    .map(f -> f[0])
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
