package dev.secureexecutor.executor.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds a job's warm agent from the test's side, with the rule the launcher and the agent use: the runtime dir
 * ({@code SECURE_EXECUTOR_RUNTIME_DIR}, else {@code $XDG_RUNTIME_DIR/secure-executor}, else
 * {@code /tmp/secure-executor-<uid>}), one directory per {@code JOB_RESPONSE_FILE}, its {@code pid} file.
 */
final class Agents {
    private Agents() {}

    static Path runtimeDir() {
        String explicit = System.getenv("SECURE_EXECUTOR_RUNTIME_DIR");
        if (explicit != null && !explicit.isEmpty()) {
            return Path.of(explicit);
        }
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isEmpty()) {
            return Path.of(xdg, "secure-executor");
        }
        try {
            return Path.of("/tmp", "secure-executor-" + Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path dirFor(String jobResponseFile) {
        return runtimeDir().resolve(jobResponseFile.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    /** The agent's pid, from its pid file, while the file is there. */
    static Optional<Long> pid(Path dir) {
        try {
            return Optional.of(
                    Long.parseLong(Files.readString(dir.resolve("pid")).trim().split(" ")[0]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
                && !readQuietly(Path.of("/proc/" + pid + "/stat")).matches("^\\d+ \\(.*\\) Z .*");
    }

    /** {@code JOB_RESPONSE_FILE} of a running driver call (its launcher's environment; the test runs as root). */
    static String jobResponseFileOf(long launcherPid) {
        for (String entry :
                readQuietly(Path.of("/proc/" + launcherPid + "/environ")).split("\0")) {
            if (entry.startsWith("JOB_RESPONSE_FILE=")) {
                return entry.substring("JOB_RESPONSE_FILE=".length());
            }
        }
        throw new IllegalStateException("no JOB_RESPONSE_FILE in the environment of pid " + launcherPid);
    }

    /** A line of {@code /proc/<pid>/status} or {@code /limits} starting with {@code key}, or "". */
    static String procLine(long pid, String file, String key) {
        return readQuietly(Path.of("/proc/" + pid + "/" + file))
                .lines()
                .filter(l -> l.startsWith(key))
                .findFirst()
                .orElse("");
    }

    static boolean awaitGone(long pid, Path dir, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            if (!alive(pid) && !Files.exists(dir)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    static String readQuietly(Path p) {
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
