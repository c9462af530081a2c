package dev.secureexecutor.masking.bench;

import dev.secureexecutor.masking.Masker;
import dev.secureexecutor.masking.Secret;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The {@code secure-executor mask} pump without the executor: stdin in 64 KiB blocks through
 * {@code Masker.builder()} (minLength 3) with {@code BenchData}'s production-shaped secrets to stdout, flushing
 * when stdin has nothing more available (as {@code MaskCommand} does).
 * {@code java -cp ... dev.secureexecutor.masking.bench.PipeMask [secrets=100] [segments] < in > out}; with
 * {@code segments}, prints to stderr the masking rate of every 64 MiB (wall time spent in {@code write}), which
 * shows the JIT warm-up.
 */
public final class PipeMask {
    private PipeMask() {}

    public static void main(String[] args) throws IOException {
        int secrets = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        Masker.Builder builder = Masker.builder().minLength(3);
        for (String s : BenchData.secrets(secrets, 2)) {
            builder.secret(Secret.of("S", s));
        }
        Masker masker = builder.build();
        boolean segments = args.length > 1 && args[1].equals("segments");
        InputStream in = System.in;
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        long segmentNanos = 0;
        try (OutputStream sink = masker.wrap(new FileOutputStream(FileDescriptor.out))) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                long start = System.nanoTime();
                sink.write(buffer, 0, n);
                segmentNanos += System.nanoTime() - start;
                if (segments && (total + n) >> 26 != total >> 26) {
                    System.err.printf("%5d MiB: %5.0f MB/s%n", (total + n) >> 20, (64 << 20) / (segmentNanos / 1e3));
                    segmentNanos = 0;
                }
                total += n;
                if (in.available() == 0) {
                    sink.flush();
                }
            }
        }
    }
}
