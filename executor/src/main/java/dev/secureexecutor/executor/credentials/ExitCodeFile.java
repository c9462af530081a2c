package dev.secureexecutor.executor.credentials;

import dev.secureexecutor.sandbox.DriverFailure;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes {@code BUILD_EXIT_CODE_FILE} without ever following a symlink: whatever is at the path is removed (a link
 * itself, not its target), then the file is created new ({@code O_CREAT|O_EXCL}, which never follows a link, plus
 * {@code O_NOFOLLOW}). A link planted between the two steps makes the write fail rather than land on its target.
 */
public final class ExitCodeFile {
    private ExitCodeFile() {}

    public static void write(Path file, int code) throws DriverFailure, IOException {
        Files.deleteIfExists(file); // removes a symlink itself, never its target
        try (SeekableByteChannel ch = Files.newByteChannel(
                file, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW, LinkOption.NOFOLLOW_LINKS)) {
            ch.write(ByteBuffer.wrap((code + "\n").getBytes(StandardCharsets.US_ASCII)));
        } catch (FileAlreadyExistsException e) {
            throw DriverFailure.system(
                    "BUILD_EXIT_CODE_FILE " + file + " was re-created while the driver wrote it"
                            + " (a symlink planted there would redirect the write)",
                    "make the runner's temporary" + " directory writable only by the gitlab-runner user");
        }
    }
}
