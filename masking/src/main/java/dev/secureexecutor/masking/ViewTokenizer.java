package dev.secureexecutor.masking;

/**
 * Turns a byte stream into its <em>decoded view</em>, streaming: {@code %XX} (two hex digits, either case) becomes
 * the byte it encodes, and terminal escape sequences are removed, leaving a gap; every other byte is itself.
 * Sequences: CSI {@code ESC [} parameter/intermediate bytes {@code 0x20-0x3F}, final byte {@code 0x40-0x7E}, at
 * most {@link #MAX_CSI} bytes in all; OSC {@code ESC ]} bytes {@code 0x20-0x7E} or {@code >= 0x80}, ended by BEL
 * or {@code ESC \}, at most {@link #MAX_OSC} bytes in all. A sequence that breaks these rules is not one: its first
 * byte is itself and tokenizing resumes at its second. A line break is never inside a sequence, so tokenizing after
 * a line break does not depend on what came before. Decoding is one level ({@code %2541} is {@code %41}).
 */
final class ViewTokenizer {
    static final int ESC = 0x1b;
    static final int MAX_CSI = 32;
    static final int MAX_OSC = 256;

    /** Receives the view. */
    interface Sink {
        /** A view byte {@code b} that stands for stream positions {@code [from, to)}; {@code decoded} if from %XX. */
        void viewByte(int b, long from, long to, boolean decoded);

        /** An escape sequence was removed: the next view byte is not adjacent to the previous one. */
        void gap();

        /** A sequence may be starting at stream position {@code at} ({@code %} or ESC). */
        void sequenceStart(long at);
    }

    private final byte[] pending = new byte[MAX_OSC];
    private int length;
    private long start;

    /** Whether bytes are held as a possible sequence, from {@link #pendingStart()}. */
    boolean pending() {
        return length > 0;
    }

    long pendingStart() {
        return start;
    }

    static boolean startsSequence(int b) {
        return b == '%' || b == ESC;
    }

    /** Feeds the byte {@code b} at stream position {@code pos}. */
    void feed(int b, long pos, Sink sink) {
        if (length == 0) {
            if (startsSequence(b)) {
                start = pos;
                pending[0] = (byte) b;
                length = 1;
                sink.sequenceStart(pos);
            } else {
                sink.viewByte(b, pos, pos + 1, false);
            }
            return;
        }
        pending[length++] = (byte) b;
        int first = pending[0] & 0xff;
        if (first == '%') {
            if (hex(b) < 0) {
                fail(sink);
            } else if (length == 3) {
                length = 0;
                sink.viewByte(hex(pending[1] & 0xff) << 4 | hex(b), start, start + 3, true);
            }
            return;
        }
        if (length == 2) {
            if (b != '[' && b != ']') {
                fail(sink);
            }
            return;
        }
        if (pending[1] == '[') {
            if (b >= 0x40 && b <= 0x7e) {
                length = 0;
                sink.gap();
            } else if (b < 0x20 || b > 0x3f || length == MAX_CSI) {
                fail(sink);
            }
            return;
        }
        int previous = pending[length - 2] & 0xff;
        if (previous == ESC && length > 3) {
            if (b == '\\') {
                length = 0;
                sink.gap();
            } else {
                fail(sink);
            }
        } else if (b == 0x07) {
            length = 0;
            sink.gap();
        } else if (b == ESC ? length == MAX_OSC : (b < 0x20 || b == 0x7f || length == MAX_OSC)) {
            fail(sink);
        }
    }

    /** End of stream: held bytes are themselves. */
    void finish(Sink sink) {
        if (length > 0) {
            fail(sink);
        }
    }

    void clear() {
        java.util.Arrays.fill(pending, 0, length, (byte) 0);
        length = 0;
    }

    /** Not a sequence: the first held byte is itself, the others are tokenized again. */
    private void fail(Sink sink) {
        int n = length;
        long at = start;
        byte[] again = java.util.Arrays.copyOfRange(pending, 1, n);
        length = 0;
        sink.viewByte(pending[0] & 0xff, at, at + 1, false);
        for (int k = 0; k < again.length; k++) {
            feed(again[k] & 0xff, at + 1 + k, sink);
        }
        java.util.Arrays.fill(again, (byte) 0);
    }

    static int hex(int b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
