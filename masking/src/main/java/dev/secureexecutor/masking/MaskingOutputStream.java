package dev.secureexecutor.masking;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An output stream that masks secrets and sensitive tokens on their way to a downstream stream, created by
 * {@link Masker#wrap(OutputStream)}.
 *
 * <p>Each {@code write} forwards at once every byte that cannot be part of a match and holds back only bytes that
 * might still be: a partial literal match (at most the longest form minus one byte) or a rule match that has not
 * ended yet (a rule match known to be masked is replaced by {@code [MASKED]} straight away and its further bytes
 * are dropped as they arrive). There is no line buffering. The output is the same however the input is split into
 * writes. All methods are synchronized, so several threads may share one stream.
 *
 * <p>{@link #flush()} forwards what is safe and flushes downstream, but keeps held bytes. {@link #finish()}
 * resolves everything held (a rule match running to the end is complete and masked; an incomplete literal match is
 * released as is) without closing downstream; {@link #close()} finishes and then closes downstream. After either,
 * writes fail. If the masker is {@linkplain Masker#wipe() wiped}, held bytes are zeroed and writes fail.
 */
public final class MaskingOutputStream extends OutputStream {
    static final byte[] MASK = "[MASKED]".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream downstream;
    private final StreamScanner scanner;
    private final byte[] single = new byte[1];
    private final RangeResolver.Output output = new RangeResolver.Output() {
        @Override
        public void plain(long from, long to) throws IOException {
            if (from != pendingTo) {
                writePending();
                pendingFrom = from;
            }
            pendingTo = to;
        }

        @Override
        public void token() throws IOException {
            writePending();
            downstream.write(MASK);
        }
    };
    /**
     * Decided plain bytes not yet written: {@code [pendingFrom, pendingTo)}. Adjacent plain ranges of one write are
     * coalesced into one downstream write (a rule trigger in the text would otherwise split it into several).
     */
    private long pendingFrom;

    private long pendingTo;

    /** Held bytes: stream positions {@code [heldBase, heldBase + heldLength)}. */
    private byte[] held = new byte[256];

    private long heldBase;
    private int heldLength;
    /** The chunk being scanned, null between writes: position {@code chunkBase} is {@code chunk[chunkOffset]}. */
    private byte @Nullable [] chunk;

    private int chunkOffset;
    private long chunkBase;
    private boolean finished;
    private boolean closed;
    private boolean wiped;

    MaskingOutputStream(
            Automaton automaton, @Nullable ViewDictionary view, RuntimeMasks runtime, OutputStream downstream) {
        this.downstream = Objects.requireNonNull(downstream, "downstream");
        this.scanner = new StreamScanner(automaton);
        if (view != null) {
            scanner.addSide(view.scanner(0));
        }
        scanner.addSide(new RuntimeScanner(runtime));
    }

    @Override
    public synchronized void write(int b) throws IOException {
        single[0] = (byte) b;
        write(single, 0, 1);
    }

    @Override
    public synchronized void write(byte[] data, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, data.length);
        ensureOpen();
        if (len == 0) {
            return;
        }
        chunk = data;
        chunkOffset = off;
        chunkBase = scanner.position();
        try {
            scanner.scan(data, off, len, output);
            writePending();
            keepUndecided();
        } finally {
            pendingFrom = pendingTo; // after a failed downstream write, never refer to this chunk again
            chunk = null;
        }
    }

    /** Forwards everything that is safe (already done by each write) and flushes downstream; held bytes stay. */
    @Override
    public synchronized void flush() throws IOException {
        ensureOpen();
        downstream.flush();
    }

    /**
     * Resolves and forwards everything held, then flushes downstream without closing it. Idempotent; after it,
     * writes fail.
     */
    public synchronized void finish() throws IOException {
        if (finished || wiped) {
            return;
        }
        finished = true;
        try {
            scanner.finish(output);
            writePending();
            downstream.flush();
        } finally {
            discardHeld();
        }
    }

    /** {@link #finish()}, then closes downstream. Idempotent. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            finish();
        } finally {
            downstream.close();
        }
    }

    /** Called by {@link Masker#wipe()}: zeroes held bytes; the stream refuses further writes. */
    synchronized void wipe() {
        wiped = true;
        scanner.reset();
        discardHeld();
    }

    private void ensureOpen() throws IOException {
        if (wiped) {
            throw new IOException("masker was wiped; refusing to write unmasked output");
        }
        if (finished) {
            throw new IOException("masking stream is finished");
        }
    }

    private void writePending() throws IOException {
        if (pendingTo > pendingFrom) {
            long from = pendingFrom;
            pendingFrom = pendingTo;
            writePlain(from, pendingTo);
        }
    }

    private void writePlain(long from, long to) throws IOException {
        long heldEnd = heldBase + heldLength;
        if (from < heldEnd) {
            long upTo = Math.min(to, heldEnd);
            downstream.write(held, (int) (from - heldBase), (int) (upTo - from));
            from = upTo;
        }
        if (from < to) {
            downstream.write(chunk, chunkOffset + (int) (from - chunkBase), (int) (to - from));
        }
    }

    /** After a chunk: keep exactly the undecided bytes {@code [decided, position)}. */
    private void keepUndecided() {
        long decided = scanner.decided();
        long end = scanner.position();
        int keep = (int) (end - decided);
        byte[] target = held;
        if (keep > held.length) {
            target = new byte[Math.max(keep, held.length * 2)];
        }
        // the part still in the old held buffer, then the part from the chunk
        long heldEnd = heldBase + heldLength;
        int fromHeld = decided < heldEnd ? (int) (heldEnd - decided) : 0;
        if (fromHeld > 0) {
            System.arraycopy(held, (int) (decided - heldBase), target, 0, fromHeld);
        }
        long chunkFrom = Math.max(decided, chunkBase);
        System.arraycopy(chunk, chunkOffset + (int) (chunkFrom - chunkBase), target, fromHeld, keep - fromHeld);
        if (target != held) {
            Arrays.fill(held, (byte) 0);
            held = target;
        } else if (heldLength > keep) {
            Arrays.fill(held, keep, heldLength, (byte) 0);
        }
        heldBase = decided;
        heldLength = keep;
    }

    private void discardHeld() {
        Arrays.fill(held, (byte) 0);
        heldLength = 0;
    }
}
