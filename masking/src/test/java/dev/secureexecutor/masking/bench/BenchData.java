package dev.secureexecutor.masking.bench;

import dev.secureexecutor.masking.Masker;
import dev.secureexecutor.masking.Secret;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Inputs shared by the benchmarks: log-like text or random bytes, and maskers with n random secrets. */
final class BenchData {
    static final int SIZE = 4 << 20;
    static final int CHUNK = 64 << 10;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.+/=:@";
    private static final String[] LEVELS = {"INFO ", "DEBUG", "WARN ", "INFO ", "INFO "};
    private static final String[] WORDS = {"Downloading", "artifact", "from", "Checking", "out", "Running", "step",
        "script", "Fetching", "changes", "with", "git", "depth", "set", "to", "Created", "fresh", "repository",
        "Compiling", "module", "tests", "passed", "Uploading", "cache", "Saving", "for", "successful", "job",
        "Restoring", "Resolving", "dependencies", "Executing", "on", "runner", "image", "pulling", "layer", "done",
        "https://gitlab.example.com/group/project.git", "/builds/group/project/src/main/java/App.java",
        "npm", "warn", "deprecated", "mvn", "[INFO]", "BUILD", "SUCCESS", "Total", "time:", "12.345", "s", "OK"};

    private BenchData() {
    }

    static byte[] input(String kind, long seed) {
        Random r = new Random(seed);
        byte[] data = new byte[SIZE];
        if ("random".equals(kind)) {
            r.nextBytes(data);
            return data;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(SIZE + 256);
        int line = 0;
        while (out.size() < SIZE) {
            StringBuilder s = new StringBuilder();
            s.append(String.format("2025-05-%02dT%02d:%02d:%02d.%03dZ %s [worker-%d] ", 1 + r.nextInt(28),
                    r.nextInt(24), r.nextInt(60), r.nextInt(60), r.nextInt(1000), LEVELS[r.nextInt(LEVELS.length)],
                    r.nextInt(8)));
            for (int w = 4 + r.nextInt(10); w > 0; w--) {
                s.append(WORDS[r.nextInt(WORDS.length)]).append(r.nextInt(6) == 0 ? " " + r.nextInt(100000) : "")
                        .append(' ');
            }
            s.append(++line % 50 == 0 ? "\r" : "\n");
            out.writeBytes(s.toString().getBytes(StandardCharsets.UTF_8));
        }
        System.arraycopy(out.toByteArray(), 0, data, 0, SIZE);
        return data;
    }

    static Masker masker(int secrets, long seed) {
        Random r = new Random(seed);
        Masker.Builder builder = Masker.builder().minLength(8);
        for (int i = 0; i < secrets; i++) {
            StringBuilder s = new StringBuilder();
            for (int n = 20 + r.nextInt(21); n > 0; n--) {
                s.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
            }
            builder.secret(Secret.of("S" + i, s.toString()));
        }
        return builder.build();
    }

    /** Discards output, but copies it like a real sink would. */
    static final class CopySink extends OutputStream {
        private final byte[] buffer = new byte[CHUNK * 2];
        long count;

        @Override
        public void write(int b) {
            buffer[0] = (byte) b;
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            while (len > 0) {
                int n = Math.min(len, buffer.length);
                System.arraycopy(b, off, buffer, 0, n);
                off += n;
                len -= n;
                count += n;
            }
        }
    }
}
