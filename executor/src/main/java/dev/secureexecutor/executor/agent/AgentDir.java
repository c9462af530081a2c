package dev.secureexecutor.executor.agent;

import dev.secureexecutor.executor.env.RunnerEnv;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Where a job's agent listens: {@code <runtime dir>/<key>/}, both 0700 and owned by the runner's user. The runtime
 * dir is {@code SECURE_EXECUTOR_RUNTIME_DIR}, else {@code $XDG_RUNTIME_DIR/secure-executor}, else
 * {@code /tmp/secure-executor-<uid>}. The key is the runner's {@code JOB_RESPONSE_FILE} path with every byte other
 * than {@code [A-Za-z0-9._-]} replaced by {@code _} (the runner makes that path unique per running job; the agent
 * also compares the full path of every request). It holds {@code req} (the request FIFO) and {@code pid}
 * ({@code <pid> <start ticks>}); nothing secret, and the launcher computes the same names in bash.
 */
public final class AgentDir {
    static final String REQUEST = "req";
    static final String PID = "pid";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private final Path runtime;
    private final Path dir;

    AgentDir(Path runtime, String jobResponseFile) {
        this.runtime = runtime;
        this.dir = runtime.resolve(key(jobResponseFile));
    }

    /** The job's agent directory, when the runner gave this stage a {@code JOB_RESPONSE_FILE}. */
    public static Optional<AgentDir> of(RunnerEnv env) {
        return env.get("JOB_RESPONSE_FILE").map(file -> new AgentDir(runtimeDir(env), file));
    }

    static Path runtimeDir(RunnerEnv env) {
        return env.get("SECURE_EXECUTOR_RUNTIME_DIR")
                .map(Path::of)
                .or(() -> env.get("XDG_RUNTIME_DIR").map(x -> Path.of(x, "secure-executor")))
                .orElseGet(() -> Path.of("/tmp", "secure-executor-" + ownUid()));
    }

    static String key(String jobResponseFile) {
        return jobResponseFile.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    public Path path() {
        return dir;
    }

    Path runtime() {
        return runtime;
    }

    Path request() {
        return dir.resolve(REQUEST);
    }

    Path pidFile() {
        return dir.resolve(PID);
    }

    /** Creates the runtime dir if needed and a fresh job dir; refuses a dir someone else owns or could enter. */
    void create() throws IOException {
        if (!Files.exists(runtime, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(runtime.getParent());
            try {
                Files.createDirectory(runtime, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another job's prepare made it first: checked below like any existing one
            }
        }
        checkPrivate(runtime);
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        checkPrivate(dir);
    }

    /** A directory (not a link) of this process's user, mode 0700. */
    static void checkPrivate(Path p) throws IOException {
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(p + " is not a directory");
        }
        int owner = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (owner != ownUid()) {
            throw new IOException(p + " belongs to uid " + owner + ", not to this user (" + ownUid() + ")");
        }
        if (!Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS).equals(OWNER_ONLY)) {
            throw new IOException(p + " is not mode 0700");
        }
    }

    /** The agent recorded in the pid file, if it still runs (same pid and start time). */
    Optional<WatchedProcess> liveAgent() {
        try {
            String[] f = Files.readString(pidFile()).trim().split(" ", -1);
            long ticks = Long.parseLong(f[1]);
            return WatchedProcess.of(Long.parseLong(f[0])).filter(p -> p.startTicks() == ticks);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Ends a live agent of this job (SIGKILL: it did not answer, or the job is over) and removes the directory. */
    public void end() {
        liveAgent().flatMap(p -> ProcessHandle.of(p.pid())).ifPresent(ProcessHandle::destroyForcibly);
        remove();
    }

    /** Removes the job dir and whatever is in it (FIFOs and the pid file; nothing secret). */
    void remove() {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                Files.deleteIfExists(entry);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // gone already, or gc removes it later (AgentDirReaper)
        }
    }

    static int ownUid() {
        try {
            return WatchedProcess.uidOf(ProcessHandle.current().pid());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read this process's uid from /proc/self/status", e);
        }
    }
}
