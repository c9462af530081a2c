package dev.secureexecutor.executor.credentials;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Overwrites (with zeros, synced) and deletes the files the driver itself wrote on the host for a job. The driver
 * writes no secret to the host; its only per-job file is {@code BUILD_EXIT_CODE_FILE} in the runner's directory.
 */
public final class DriverFileWipe {
    private DriverFileWipe() {}

    /** Returns how many files were wiped. */
    public static int wipe(Optional<Path> file) {
        if (file.isEmpty() || !Files.isRegularFile(file.get())) {
            return 0;
        }
        Path f = file.get();
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
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
        try {
            Files.deleteIfExists(f);
            return 1;
        } catch (IOException e) {
            return 0;
        }
    }
}
