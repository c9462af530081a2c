package dev.secureexecutor.executor.agent;

import com.sun.jna.Library;
import com.sun.jna.Native;
import java.io.IOException;
import java.nio.file.Path;

/** {@code mkfifo(3)} through JNA (the JDK cannot make a FIFO). */
final class Fifo {
    /** The one libc call used. */
    interface LibC extends Library {
        int mkfifo(String path, int mode);
    }

    private Fifo() {}

    static void make(Path path, int mode) throws IOException {
        LibC libc;
        try {
            libc = Native.load("c", LibC.class);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            throw new IOException("libc could not be loaded to make a FIFO", e);
        }
        if (libc.mkfifo(path.toString(), mode) != 0) {
            throw new IOException("mkfifo " + path + " failed (errno " + Native.getLastError() + ")");
        }
    }
}
