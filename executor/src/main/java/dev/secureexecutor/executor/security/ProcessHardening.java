package dev.secureexecutor.executor.security;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Structure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Hardens the driver's own process before it reads a job's secrets: not dumpable ({@code prctl(PR_SET_DUMPABLE, 0)}:
 * no core dump, no ptrace attach by other processes of the same user, {@code /proc/<pid>/environ} and
 * {@code /proc/<pid>/mem} owned by root), no core files ({@code RLIMIT_CORE} 0), and, where the process may lock
 * memory, its memory locked so that secret buffers never reach swap.
 *
 * <p>Java arrays move with the garbage collector, so single buffers cannot be pinned; the whole process is locked
 * instead with {@code mlockall(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)} (pages are locked as they are touched, so
 * nothing is pre-faulted). That is only done with {@code CAP_IPC_LOCK} or an unlimited {@code RLIMIT_MEMLOCK}:
 * otherwise a later allocation could fail against the limit, and a driver that cannot allocate fails the job.
 */
public final class ProcessHardening {
    static final int PR_GET_DUMPABLE = 3;
    static final int PR_SET_DUMPABLE = 4;
    static final int RLIMIT_CORE = 4;
    static final int RLIMIT_MEMLOCK = 8;
    private static final int MCL_CURRENT = 1;
    private static final int MCL_FUTURE = 2;
    private static final int MCL_ONFAULT = 4;
    private static final int CAP_IPC_LOCK = 14;
    private static final long RLIM_INFINITY = -1L;

    /** What was applied; {@link #notes()} says what was not, for the debug log. */
    public record Result(boolean notDumpable, boolean noCoreFiles, boolean memoryLocked, String notes) {}

    /** The few libc calls used, mapped by JNA. */
    public interface LibC extends Library {
        int prctl(int option, long arg2, long arg3, long arg4, long arg5);

        int getrlimit(int resource, RLimit limit);

        int setrlimit(int resource, RLimit limit);

        int mlockall(int flags);
    }

    /** {@code struct rlimit} on 64-bit Linux. */
    @Structure.FieldOrder({"current", "maximum"})
    public static final class RLimit extends Structure {
        public long current;
        public long maximum;
    }

    private ProcessHardening() {}

    /** Applies everything it can; never throws (a host without these calls still runs jobs, with a warning). */
    public static Result apply() {
        LibC libc;
        try {
            libc = Native.load("c", LibC.class);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return new Result(
                    false,
                    false,
                    false,
                    "libc could not be loaded (" + e.getClass().getSimpleName() + ")");
        }
        StringBuilder notes = new StringBuilder();
        boolean notDumpable = libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0 && isNotDumpable(libc);
        if (!notDumpable) {
            notes.append("prctl(PR_SET_DUMPABLE, 0) was refused; ");
        }
        RLimit none = new RLimit();
        boolean noCore = libc.setrlimit(RLIMIT_CORE, none) == 0;
        if (!noCore) {
            notes.append("setrlimit(RLIMIT_CORE, 0) was refused; ");
        }
        boolean locked = false;
        RLimit memlock = new RLimit();
        boolean unlimited = libc.getrlimit(RLIMIT_MEMLOCK, memlock) == 0 && memlock.current == RLIM_INFINITY;
        if (unlimited || hasCapability(CAP_IPC_LOCK)) {
            locked = libc.mlockall(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT) == 0;
            if (!locked) {
                notes.append("mlockall was refused, so secret buffers could reach swap; ");
            }
        } else {
            notes.append("memory not locked (no CAP_IPC_LOCK, RLIMIT_MEMLOCK ")
                    .append(memlock.current / 1024)
                    .append(" KiB), so secret buffers could reach swap; ");
        }
        return new Result(notDumpable, noCore, locked, notes.toString().strip());
    }

    /** {@code prctl(PR_GET_DUMPABLE)} == 0. */
    public static boolean isNotDumpable() {
        try {
            return isNotDumpable(Native.load("c", LibC.class));
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false;
        }
    }

    private static boolean isNotDumpable(LibC libc) {
        return libc.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0;
    }

    /** Whether the effective capability set (from {@code /proc/self/status}) holds {@code bit}. */
    static boolean hasCapability(int bit) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    long caps = Long.parseUnsignedLong(line.substring(7).trim(), 16);
                    return (caps & (1L << bit)) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return false;
        }
        return false;
    }
}
