package dev.secureexecutor.sandbox.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client key readable by its group or others would let them drive the engine (root there): refused. */
class EngineCredentialsTest {
    @TempDir
    Path dir;

    @Test
    void groupOrWorldReadableClientKeyIsRefused() throws Exception {
        Path key = Files.writeString(dir.resolve("key.pem"), "not a key, never printed");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        Optional<String> problem = EngineCredentials.keyFileProblem(key);
        assertTrue(
                problem.isPresent() && problem.get().contains("accessible to its group or to others"),
                problem.toString());
        assertTrue(!problem.get().contains("never printed"), "the key's content is not in the message");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        assertEquals(Optional.empty(), EngineCredentials.keyFileProblem(key));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("r--------"));
        assertEquals(Optional.empty(), EngineCredentials.keyFileProblem(key));
    }

    @Test
    void missingClientKeyIsRefused() {
        assertTrue(EngineCredentials.keyFileProblem(dir.resolve("absent.pem")).isPresent());
    }
}
