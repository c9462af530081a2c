package dev.secureexecutor.executor.security;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Attacks stopped: reading a driver's memory (and the job secrets in it) through a core dump or a ptrace attach
 * from another process of the runner's user. Runs in the test JVM: it is harmless to make it non-dumpable.
 */
class ProcessHardeningTest {
    @Test
    void processIsNotDumpableAndWritesNoCoreFiles() throws Exception {
        ProcessHardening.Result r = ProcessHardening.apply();
        assertTrue(r.notDumpable(), r.notes());
        assertTrue(ProcessHardening.isNotDumpable(), "prctl(PR_GET_DUMPABLE) still says dumpable");
        assertTrue(r.noCoreFiles(), r.notes());
        String limits = Files.readString(Path.of("/proc/self/limits"));
        assertTrue(
                limits.lines().anyMatch(l -> l.startsWith("Max core file size") && l.matches(".*\\s0\\s+0\\s+bytes.*")),
                limits);
    }
}
