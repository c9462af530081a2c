package dev.secureexecutor.executor.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A process known by its pid and its start time (field 22 of {@code /proc/<pid>/stat}, clock ticks since boot), so
 * that a recycled pid is never taken for the process it used to name. The launcher makes the same check in bash.
 */
public record WatchedProcess(long pid, long startTicks, long parentPid, int uid) {

    /** The process now running as {@code pid}, if any (zombies count as gone). */
    public static Optional<WatchedProcess> of(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ", -1);
            if (f[0].equals("Z") || f[0].equals("X")) {
                return Optional.empty();
            }
            return Optional.of(new WatchedProcess(pid, Long.parseLong(f[19]), Long.parseLong(f[1]), uidOf(pid)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    public static WatchedProcess self() {
        return of(ProcessHandle.current().pid()).orElseThrow(() -> new IllegalStateException("no /proc/self/stat"));
    }

    /** Still the same process: same pid, same start time, not a zombie. */
    public boolean alive() {
        return of(pid).map(now -> now.startTicks == startTicks).orElse(false);
    }

    /** The effective uid, from {@code /proc/<pid>/status} (a non-dumpable process's /proc files belong to root). */
    static int uidOf(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("Uid:")) {
                return Integer.parseInt(line.substring(4).trim().split("\\s+", -1)[1]);
            }
        }
        throw new IOException("no Uid line for pid " + pid);
    }

    /** {@code pid startTicks}, as the pid file holds it. */
    public String pidLine() {
        return pid + " " + startTicks + "\n";
    }
}
