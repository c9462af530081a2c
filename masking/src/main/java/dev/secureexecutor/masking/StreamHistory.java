package dev.secureexecutor.masking;

import java.util.Arrays;

/**
 * The last bytes of a stream before the write being scanned, so that a trigger's {@link Rule#lookBehind()} can be
 * checked when the bytes before it arrived in earlier writes. Holds at most {@link Rule#MAX_REACH} bytes.
 */
final class StreamHistory {
    private final byte[] last = new byte[Rule.MAX_REACH];
    private int length;

    /** After a write: keeps the last bytes of {@code data[off, off+len)} after what is already kept. */
    void remember(byte[] data, int off, int len) {
        int n = last.length;
        if (len >= n) {
            System.arraycopy(data, off + len - n, last, 0, n);
            length = n;
            return;
        }
        int keep = Math.min(length, n - len);
        System.arraycopy(last, length - keep, last, 0, keep);
        System.arraycopy(data, off, last, keep, len);
        length = keep + len;
    }

    /**
     * Whether the bytes right before {@code data[start]} are {@code behind}; {@code data[off]} is the first byte of
     * the current write (earlier ones are looked up in the history). False at the start of the stream.
     */
    boolean precededBy(byte[] behind, byte[] data, int start, int off) {
        for (int k = 1; k <= behind.length; k++) {
            int idx = start - k;
            int b;
            if (idx >= off) {
                b = data[idx];
            } else if (off - idx <= length) {
                b = last[length - (off - idx)];
            } else {
                return false;
            }
            if ((byte) b != behind[behind.length - k]) {
                return false;
            }
        }
        return true;
    }

    /** Forgets every byte (a new stream, or the masker was wiped). */
    void clear() {
        Arrays.fill(last, (byte) 0);
        length = 0;
    }
}
