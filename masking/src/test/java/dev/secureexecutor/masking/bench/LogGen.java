package dev.secureexecutor.masking.bench;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;

/** Writes {@code bytes} of {@link BenchData}'s synthetic CI log lines to a file: {@code LogGen FILE BYTES}. */
public final class LogGen {
    private LogGen() {}

    public static void main(String[] args) throws IOException {
        long size = Long.parseLong(args[1]);
        Random r = new Random(1);
        long written = 0;
        try (OutputStream out = new BufferedOutputStream(new FileOutputStream(args[0]), 1 << 20)) {
            for (int line = 1; written < size; line++) {
                byte[] b = BenchData.line(r, line);
                int n = (int) Math.min(b.length, size - written);
                out.write(b, 0, n);
                written += n;
            }
        }
    }
}
