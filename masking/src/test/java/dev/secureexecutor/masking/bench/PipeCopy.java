package dev.secureexecutor.masking.bench;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The plain-copy baseline for the pipe benchmark: stdin to stdout in 64 KiB blocks through a JVM, no masking.
 * It shows what a JVM filter costs before it looks at a single byte. {@code java ... PipeCopy < in > out}
 */
public final class PipeCopy {
    private PipeCopy() {}

    public static void main(String[] args) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = new FileInputStream(FileDescriptor.in);
                OutputStream out = new FileOutputStream(FileDescriptor.out)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
        }
    }
}
