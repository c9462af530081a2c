package dev.secureexecutor.masking;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Test helpers: run text through a masking stream split into given writes. */
final class Streams {
    private Streams() {}

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

    /**
     * Writes {@code data} in chunks of 0 to {@code maxChunk} bytes drawn from {@code r}; with {@code flushes}, also
     * flushes after about one write in four (the draw is made only then, so both variants replay their seeds).
     */
    static byte[] randomChunks(Masker masker, byte[] data, Random r, int maxChunk, boolean flushes) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (MaskingOutputStream out = masker.wrap(sink)) {
            int i = 0;
            while (i < data.length) {
                int n = Math.min(data.length - i, r.nextInt(maxChunk + 1));
                out.write(data, i, n);
                i += n;
                if (flushes && r.nextInt(4) == 0) {
                    out.flush();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sink.toByteArray();
    }

    /** As {@link #randomChunks} (no flushes) through {@link Masker#wrapJobOutput}, which consumes add-mask lines. */
    static byte[] jobChunks(Masker masker, byte[] data, Random r, int maxChunk) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream out = masker.wrapJobOutput(sink)) {
            int i = 0;
            while (i < data.length) {
                int n = Math.min(data.length - i, maxChunk == 0 ? 1 : r.nextInt(maxChunk + 1));
                out.write(data, i, n);
                i += n;
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
