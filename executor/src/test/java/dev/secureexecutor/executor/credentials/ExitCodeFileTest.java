package dev.secureexecutor.executor.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A symlink planted at BUILD_EXIT_CODE_FILE never redirects the driver's write or wipe onto its target. */
class ExitCodeFileTest {
    @Test
    void symlinkedExitCodeFileIsReplacedNotWrittenThrough(@TempDir Path dir) throws Exception {
        Path target = Files.writeString(dir.resolve("victim"), "precious\n");
        Path file = Files.createSymbolicLink(dir.resolve("build_exit_code"), target);
        ExitCodeFile.write(file, 3);
        assertEquals("precious\n", Files.readString(target));
        assertFalse(Files.isSymbolicLink(file));
        assertEquals("3\n", Files.readString(file));
    }

    @Test
    void symlinkedExitCodeFileIsUnlinkedNotZeroedByTheWipe(@TempDir Path dir) throws Exception {
        Path target = Files.writeString(dir.resolve("victim"), "precious\n");
        Path file = Files.createSymbolicLink(dir.resolve("build_exit_code"), target);
        assertEquals(1, DriverFileWipe.wipe(Optional.of(file)));
        assertFalse(Files.exists(file, LinkOption.NOFOLLOW_LINKS));
        assertEquals("precious\n", Files.readString(target));
        Path plain = Files.writeString(dir.resolve("plain"), "0\n");
        assertEquals(1, DriverFileWipe.wipe(Optional.of(plain)));
        assertTrue(Files.notExists(plain));
    }
}
