package dev.secureexecutor.masking;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Consumes {@code ::add-mask::VALUE} lines in a job's output and registers VALUE; forwards everything else.
 *
 * <p>A directive is a line (after the start of the stream, LF or CR) that starts with {@code ::add-mask::}, the
 * spelling of GitHub Actions and of GitLab Runner's experimental {@code proxy_exec}. Its bytes up to and including
 * the LF that ends it are never forwarded, however the output is split into writes: while a line start matches a
 * proper prefix of the marker, those bytes (at most 11) are held; on a mismatch they are released in order. The
 * value (the bytes after the marker, before the LF) is registered when the LF arrives, or at the end of the stream;
 * the registry trims it and applies the minimum length. A value longer than {@link #MAX_VALUE} bytes is dropped
 * with the rest of its line and not registered; a notice line says so, as it does for a value the registry refuses
 * (the notice never contains the value).
 */
public final class AddMaskDirectives extends OutputStream {
    static final byte[] MARKER = "::add-mask::".getBytes(StandardCharsets.US_ASCII);
    /** Longest value kept for registration (an STS session token is about 1 KiB, a PEM key about 3 KiB). */
    static final int MAX_VALUE = 64 * 1024;

    private final MaskingOutputStream downstream;
    private final Function<byte[], @Nullable String> registry;
    private final byte[] single = new byte[1];
    private boolean lineStart = true;
    private int matched;
    private boolean inDirective;
    private byte[] value = new byte[128];
    private int valueLength;
    private boolean overflow;
    private boolean finished;

    /** {@code registry} registers a value and returns null, or returns why not (never containing the value). */
    AddMaskDirectives(MaskingOutputStream downstream, Function<byte[], @Nullable String> registry) {
        this.downstream = Objects.requireNonNull(downstream, "downstream");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public synchronized void write(int b) throws IOException {
        single[0] = (byte) b;
        write(single, 0, 1);
    }

    @Override
    public synchronized void write(byte[] data, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, data.length);
        if (finished) {
            throw new IOException("masking stream is finished");
        }
        int end = off + len;
        int i = off;
        int plainFrom = off;
        while (i < end) {
            if (inDirective) {
                int nl = indexOfLf(data, i, end);
                keep(data, i, nl < 0 ? end : nl);
                i = nl < 0 ? end : nl + 1;
                plainFrom = i;
                if (nl >= 0) {
                    completeDirective();
                    lineStart = true;
                }
                continue;
            }
            if (lineStart) {
                if (data[i] == MARKER[matched]) {
                    matched++;
                    i++;
                    plainFrom = i;
                    if (matched == MARKER.length) {
                        inDirective = true;
                        matched = 0;
                        lineStart = false;
                    }
                    continue;
                }
                lineStart = false;
                if (matched > 0) {
                    downstream.write(MARKER, 0, matched);
                    matched = 0;
                }
            }
            int eol = indexOfEol(data, i, end);
            while (eol >= 0 && eol + 1 < end && data[eol + 1] != MARKER[0]) {
                eol = indexOfEol(data, eol + 1, end); // the next line cannot be a directive: keep going
            }
            if (eol < 0) {
                i = end;
            } else {
                i = eol + 1;
                lineStart = true;
                downstream.write(data, plainFrom, i - plainFrom);
                plainFrom = i;
            }
        }
        if (plainFrom < end) {
            downstream.write(data, plainFrom, end - plainFrom);
        }
    }

    /** Flushes what is decided; a held marker prefix (at most 11 bytes) stays held. */
    @Override
    public synchronized void flush() throws IOException {
        downstream.flush();
    }

    /** Ends the stream: a directive without its LF is registered, a held marker prefix is released. */
    public synchronized void finish() throws IOException {
        if (finished) {
            return;
        }
        endOfInput();
        downstream.finish();
    }

    /** This source ended (the masking stream may go on with other sources): as {@link #finish()} without it. */
    synchronized void endOfInput() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        if (inDirective) {
            inDirective = false;
            completeDirective();
        } else if (matched > 0) {
            downstream.write(MARKER, 0, matched);
            matched = 0;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            finish();
        } finally {
            downstream.close();
        }
    }

    private void keep(byte[] data, int from, int to) {
        int n = to - from;
        if (overflow || n == 0) {
            return;
        }
        if (valueLength + n > MAX_VALUE) {
            overflow = true;
            Arrays.fill(value, (byte) 0);
            valueLength = 0;
            return;
        }
        if (valueLength + n > value.length) {
            byte[] bigger = Arrays.copyOf(value, Math.max(valueLength + n, value.length * 2));
            Arrays.fill(value, (byte) 0);
            value = bigger;
        }
        System.arraycopy(data, from, value, valueLength, n);
        valueLength += n;
    }

    private void completeDirective() throws IOException {
        inDirective = false;
        @Nullable String refused;
        if (overflow) {
            refused = "longer than " + MAX_VALUE + " bytes";
        } else {
            byte[] copy = Arrays.copyOf(value, valueLength);
            try {
                refused = registry.apply(copy);
            } finally {
                Arrays.fill(copy, (byte) 0);
            }
        }
        Arrays.fill(value, 0, Math.max(valueLength, 0), (byte) 0);
        valueLength = 0;
        overflow = false;
        if (refused != null) {
            downstream.write(("secure-executor: WARNING: an ::add-mask:: value was not registered: " + refused + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    private static int indexOfLf(byte[] data, int from, int end) {
        for (int i = from; i < end; i++) {
            if (data[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfEol(byte[] data, int from, int end) {
        for (int i = from; i < end; i++) {
            byte b = data[i];
            if (b == '\n' || b == '\r') {
                return i;
            }
        }
        return -1;
    }
}
