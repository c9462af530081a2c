package dev.secureexecutor.executor.credentials;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Overwrites (with zeros, synced) and deletes the files the driver itself wrote on the host for a job. The driver
 * writes no secret to the host; its only per-job file is {@code BUILD_EXIT_CODE_FILE} in the runner's directory.
 * A symlink there is never followed: it is removed, its target left alone.
 */
public final class DriverFileWipe {
    private DriverFileWipe() {}

    /** Returns how many files were wiped. */
    public static int wipe(Optional<Path> file) {
        if (file.isEmpty() || !Files.exists(file.get(), LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        Path f = file.get();
        if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
            return unlink(f); // a symlink (or anything else) is removed itself; its target is never written
        }
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            long size = ch.size();
            ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(size, 64 * 1024));
            for (long at = 0; at < size; ) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), size - at));
                at += ch.write(zeros, at);
            }
            ch.force(true);
        } catch (IOException e) {
            // still delete it below
        }
        return unlink(f);
    }

    private static int unlink(Path f) {
        try {
            Files.deleteIfExists(f);
            return 1;
        } catch (IOException e) {
            return 0;
        }
    }
}
