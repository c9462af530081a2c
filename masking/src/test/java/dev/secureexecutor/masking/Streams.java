package dev.secureexecutor.masking;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test helpers: run text through a masking stream split into given writes. */
final class Streams {
    private Streams() {
    }

    static String streamed(Masker masker, String... writes) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = masker.wrap(sink)) {
            for (String w : writes) {
                out.write(w.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sink.toString(StandardCharsets.UTF_8);
    }

    /** Writes {@code data} split at every {@code step} bytes. */
    static byte[] chunked(Masker masker, byte[] data, int step) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = masker.wrap(sink)) {
            for (int i = 0; i < data.length; i += step) {
                out.write(data, i, Math.min(step, data.length - i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sink.toByteArray();
    }

    static Masker masker(String... secrets) {
        Masker.Builder builder = Masker.builder();
        for (int i = 0; i < secrets.length; i++) {
            builder.secret(Secret.of("S" + i, secrets[i]));
        }
        return builder.build();
    }
}
