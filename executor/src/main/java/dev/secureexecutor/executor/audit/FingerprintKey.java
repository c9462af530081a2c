package dev.secureexecutor.executor.audit;

import dev.secureexecutor.masking.Secret;
import dev.secureexecutor.sandbox.DriverFailure;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The host-local key of the credential fingerprints: 32 random bytes in a 0600 file, created on first use. Without
 * it a fingerprint cannot be recomputed from a guessed credential; with it, the same credential always gives the
 * same fingerprint on this host, so audit lines can be correlated.
 */
public final class FingerprintKey {
    static final int LENGTH = 32;

    private FingerprintKey() {}

    public static Secret loadOrCreate(Path file) throws DriverFailure {
        try {
            if (!Files.exists(file)) {
                create(file);
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length < LENGTH) {
                Arrays.fill(key, (byte) 0);
                throw DriverFailure.system(
                        "the audit key " + file + " is shorter than " + LENGTH + " bytes",
                        "remove it; the driver creates a new one (earlier fingerprints then no longer correlate)");
            }
            return Secret.ofBytes("audit key", key);
        } catch (IOException e) {
            throw DriverFailure.system(
                    "cannot read or create the audit key " + file + " ("
                            + e.getClass().getSimpleName() + ")",
                    "make its directory writable by the gitlab-runner user, or"
                            + " set [credentials] audit_key_file in the policy");
        }
    }

    private static void create(Path file) throws IOException {
        PrivateFiles.ensureDirectory(file.getParent());
        byte[] key = new byte[LENGTH];
        new SecureRandom().nextBytes(key);
        try (OutputStream out = Files.newOutputStream(
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PrivateFiles.OWNER_RW)),
                StandardOpenOption.WRITE)) {
            out.write(key);
        } catch (FileAlreadyExistsException raced) {
            // another driver process created it first; use theirs
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }
}
