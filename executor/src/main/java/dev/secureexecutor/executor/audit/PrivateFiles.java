package dev.secureexecutor.executor.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Creates the driver's own directories owner-only (0700) and names the owner-only file mode (0600). */
final class PrivateFiles {
    static final Set<PosixFilePermission> OWNER_RW = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_RWX = PosixFilePermissions.fromString("rwx------");

    private PrivateFiles() {}

    /** Creates {@code dir} (and missing parents) as 0700; an existing directory is tightened to 0700. */
    static void ensureDirectory(Path dir) throws IOException {
        if (dir == null) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            ensureParent(dir.getParent());
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(OWNER_RWX));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another driver process created it first
            }
        }
        Files.setPosixFilePermissions(dir, OWNER_RWX);
    }

    private static void ensureParent(Path parent) throws IOException {
        if (parent != null && !Files.isDirectory(parent)) {
            Files.createDirectories(parent);
        }
    }
}
