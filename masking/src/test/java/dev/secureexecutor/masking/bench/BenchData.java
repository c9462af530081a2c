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
    private static final String[] WORDS = {
        "Downloading",
        "artifact",
        "from",
        "Checking",
        "out",
        "Running",
        "step",
        "script",
        "Fetching",
        "changes",
        "with",
        "git",
        "depth",
        "set",
        "to",
        "Created",
        "fresh",
        "repository",
        "Compiling",
        "module",
        "tests",
        "passed",
        "Uploading",
        "cache",
        "Saving",
        "for",
        "successful",
        "job",
        "Restoring",
        "Resolving",
        "dependencies",
        "Executing",
        "on",
        "runner",
        "image",
        "pulling",
        "layer",
        "done",
        "https://gitlab.example.com/group/project.git",
        "/builds/group/project/src/main/java/App.java",
        "npm",
        "warn",
        "deprecated",
        "mvn",
        "[INFO]",
        "BUILD",
        "SUCCESS",
        "Total",
        "time:",
        "12.345",
        "s",
        "OK"
    };

    private BenchData() {}

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
            out.writeBytes(line(r, ++line));
        }
        System.arraycopy(out.toByteArray(), 0, data, 0, SIZE);
        return data;
    }

    /** One synthetic CI log line (number {@code line}, from 1): CR instead of LF every 50 lines. */
    static byte[] line(Random r, int line) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(
                "2025-05-%02dT%02d:%02d:%02d.%03dZ %s [worker-%d] ",
                1 + r.nextInt(28),
                r.nextInt(24),
                r.nextInt(60),
                r.nextInt(60),
                r.nextInt(1000),
                LEVELS[r.nextInt(LEVELS.length)],
                r.nextInt(8)));
        for (int w = 4 + r.nextInt(10); w > 0; w--) {
            s.append(WORDS[r.nextInt(WORDS.length)])
                    .append(r.nextInt(6) == 0 ? " " + r.nextInt(100000) : "")
                    .append(' ');
        }
        s.append(line % 50 == 0 ? "\r" : "\n");
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A masker as production builds it: default {@code minLength} (3), all forms, the default token prefixes, and
     * {@code n} secrets shaped like a job's: a {@code glcbt-} job token (40-60 characters), a ~900-character JWT
     * id_token, registry/deploy passwords, then random 20-40-character values.
     */
    static Masker masker(int secrets, long seed) {
        Masker.Builder builder = Masker.builder();
        for (String s : secrets(secrets, seed)) {
            builder.secret(Secret.of("S", s));
        }
        return builder.build();
    }

    static java.util.List<String> secrets(int n, long seed) {
        Random r = new Random(seed);
        java.util.List<String> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            switch (i) {
                case 0:
                    out.add("glcbt-" + random(r, TOKEN_CHARS, 34 + r.nextInt(21)));
                    break;
                case 1:
                    out.add(jwt(r));
                    break;
                case 2:
                    out.add(random(r, PASSWORD_CHARS, 16 + r.nextInt(9)));
                    break;
                case 3:
                    out.add("dckr_pat_" + random(r, TOKEN_CHARS, 27));
                    break;
                case 4:
                    out.add("gldt-" + random(r, TOKEN_CHARS, 20));
                    break;
                default:
                    out.add(random(r, ALPHABET, 20 + r.nextInt(21)));
            }
        }
        return out;
    }

    private static final String TOKEN_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final String PASSWORD_CHARS = ALPHABET + "!#%&*()[]{}<>?~'\"";

    private static String random(Random r, String alphabet, int length) {
        StringBuilder s = new StringBuilder();
        for (int n = 0; n < length; n++) {
            s.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    /** An RS256-shaped GitLab id_token: about 900 characters. */
    private static String jwt(Random r) {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String header = "{\"kid\":\"" + random(r, TOKEN_CHARS, 43) + "\",\"typ\":\"JWT\",\"alg\":\"RS256\"}";
        String payload = "{\"namespace_id\":\"" + r.nextInt(100000) + "\",\"project_id\":\"" + r.nextInt(1000000)
                + "\",\"project_path\":\"group/project\",\"user_login\":\"dev\",\"pipeline_id\":\""
                + r.nextInt(100000000) + "\",\"job_id\":\"" + r.nextInt(100000000) + "\",\"ref\":\"main\","
                + "\"ref_type\":\"branch\",\"runner_id\":" + r.nextInt(1000) + ",\"sha\":\""
                + random(r, "0123456789abcdef", 40) + "\",\"iss\":\"https://gitlab.example.com\",\"iat\":1746000000,"
                + "\"exp\":1746003600,\"sub\":\"project_path:group/project:ref_type:branch:ref:main\","
                + "\"aud\":\"https://vault.example.com\"}";
        byte[] signature = new byte[256];
        r.nextBytes(signature);
        return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(signature);
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
