package dev.secureexecutor.executor.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.secureexecutor.sandbox.DriverFailure;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;

/**
 * The audit log: one JSON object per line, appended under an exclusive lock (several driver processes write at
 * once), file mode 0600 in a 0700 directory. No line ever holds a credential: only keyed fingerprints of them.
 */
public final class AuditLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public AuditLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public static ObjectNode newEvent() {
        return JSON.createObjectNode();
    }

    @SuppressWarnings("try") // the FileLock resource is held, never read: it serialises appends across drivers
    public void append(ObjectNode event) throws DriverFailure {
        byte[] line = (event.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            PrivateFiles.ensureDirectory(file.getParent());
            try (FileChannel ch = FileChannel.open(
                            file,
                            EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND),
                            PosixFilePermissions.asFileAttribute(PrivateFiles.OWNER_RW));
                    FileLock lock = ch.lock()) {
                Files.setPosixFilePermissions(file, PrivateFiles.OWNER_RW);
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw DriverFailure.system(
                    "cannot append to the audit log " + file + " ("
                            + e.getClass().getSimpleName() + ")",
                    "create its directory writable by the gitlab-runner user (scripts/setup.sh does), or set"
                            + " [credentials] audit_log in the policy");
        }
    }
}
