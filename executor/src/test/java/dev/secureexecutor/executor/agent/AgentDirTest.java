package dev.secureexecutor.executor.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.executor.env.RunnerEnv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentDirTest {
    @TempDir
    Path tmp;

    @Test
    void theRuntimeDirComesFromTheRunnersEnvironmentOnly() {
        assertEquals(
                Path.of("/x/rt"),
                AgentDir.runtimeDir(new RunnerEnv(
                        Map.of("SECURE_EXECUTOR_RUNTIME_DIR", "/x/rt", "XDG_RUNTIME_DIR", "/run/user/9"))));
        assertEquals(
                Path.of("/run/user/9/secure-executor"),
                AgentDir.runtimeDir(new RunnerEnv(Map.of("XDG_RUNTIME_DIR", "/run/user/9"))));
        assertEquals(
                Path.of("/tmp/secure-executor-" + AgentDir.ownUid()),
                AgentDir.runtimeDir(new RunnerEnv(Map.of("CUSTOM_ENV_SECURE_EXECUTOR_RUNTIME_DIR", "/job/chosen"))));
    }

    @Test
    void createsOwnerOnlyDirectoriesAndAFifo() throws Exception {
        AgentDir dir = new AgentDir(tmp.resolve("rt"), "/tmp/c1/response.json");
        dir.create();
        Fifo.make(dir.request(), 0600);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("rt"))));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.path())));
        assertTrue(Files.readAttributes(dir.request(), java.nio.file.attribute.BasicFileAttributes.class)
                .isOther());
        dir.remove();
        assertFalse(Files.exists(dir.path()));
    }

    /** Attack stopped: another local user pre-creating the shared runtime dir to read or plant requests. */
    @Test
    void refusesARuntimeDirOthersCouldEnter() throws Exception {
        Path rt = Files.createDirectory(
                tmp.resolve("rt"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.setPosixFilePermissions(rt, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThrows(IOException.class, () -> new AgentDir(rt, "/tmp/c1/response.json").create());
        Path link = Files.createSymbolicLink(tmp.resolve("link"), Files.createDirectory(tmp.resolve("real")));
        assertThrows(IOException.class, () -> AgentDir.checkPrivate(link));
    }

    @Test
    void gcRemovesDirectoriesOfDeadAgentsAndKeepsLiveOnes() throws Exception {
        Path rt = tmp.resolve("rt");
        AgentDir dead = new AgentDir(rt, "/tmp/dead/response.json");
        dead.create();
        Files.writeString(dead.pidFile(), "999999999 1\n");
        AgentDir live = new AgentDir(rt, "/tmp/live/response.json");
        live.create();
        Files.writeString(live.pidFile(), WatchedProcess.self().pidLine());
        AgentDir recycled = new AgentDir(rt, "/tmp/recycled/response.json");
        recycled.create();
        Files.writeString(recycled.pidFile(), ProcessHandle.current().pid() + " 1\n"); // same pid, other start
        assertEquals(2, AgentDirReaper.reap(new RunnerEnv(Map.of("SECURE_EXECUTOR_RUNTIME_DIR", rt.toString()))));
        assertFalse(Files.exists(dead.path()));
        assertFalse(Files.exists(recycled.path()));
        assertTrue(Files.exists(live.path()));
    }
}
