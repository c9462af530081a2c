package dev.secureexecutor.masking;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Finds secret values in the stream's {@linkplain ViewTokenizer decoded view}: a value percent-encoded in any
 * subset of its bytes (upper or lower case hex), or interrupted by terminal escape sequences, is masked whole,
 * from the stream position of its first byte to that of its last (escapes inside included, escapes around it not).
 *
 * <p>Only matches that contain a decoded byte or span a removed sequence are reported: any other match is raw and
 * the main automaton (which has every value as a literal) finds it. So the scanner is idle while the stream has no
 * {@code %} or ESC (found eight bytes at a time), and steps its automaton only from such a byte until its partial
 * match no longer reaches back to one. Before a sequence the automaton's state is caught up over the view bytes
 * since it last stepped (at most the longest value, from a ring of recent view bytes); every byte is stepped at
 * most once. Bytes before a sequence that could begin a value are a prefix of a literal of the main automaton,
 * which holds them until this scanner, which sees each write first, holds them in turn.
 */
final class DecodedViewScanner implements SideScanner, ViewTokenizer.Sink {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private final Automaton automaton;
    private final ViewTokenizer tokenizer = new ViewTokenizer();
    private final int capacity;
    private final byte[] ringByte;
    private final long[] ringFrom;
    private final long[] ringTo;
    /** View bytes so far; the ring holds view indices {@code [viewCount - capacity, viewCount)} once copied. */
    private long viewCount;
    /** Stream position where the raw bytes not yet copied into the ring begin (idle mode). */
    private long rawFrom;

    private int state;
    /** The automaton's state is that after view index {@code validTo - 1}. */
    private long validTo;

    private long lastDecoded = -1;
    private long lastGap = -1;
    private boolean active;
    private RangeSink sink = (start, end) -> {};

    /** {@code automaton}: the values (literal patterns only); {@code longest}: the longest value's length. */
    DecodedViewScanner(Automaton automaton, int longest, long start) {
        this.automaton = automaton;
        this.capacity = Math.max(1, longest);
        this.ringByte = new byte[capacity];
        this.ringFrom = new long[capacity];
        this.ringTo = new long[capacity];
        this.rawFrom = start;
    }

    @Override
    public void scan(byte[] data, int off, int len, long base, RangeSink target) {
        sink = target;
        int end = off + len;
        int i = off;
        long shift = base - off;
        while (i < end) {
            if (active || tokenizer.pending()) {
                tokenizer.feed(data[i] & 0xff, shift + i, this);
                i++;
                if (!active && !tokenizer.pending()) {
                    rawFrom = shift + i;
                }
                continue;
            }
            int j = nextSequenceStart(data, i, end);
            viewCount += j - i;
            if (j == end) {
                break;
            }
            copyRaw(data, shift, shift + j);
            tokenizer.feed(data[j] & 0xff, shift + j, this);
            i = j + 1;
            if (!active && !tokenizer.pending()) {
                rawFrom = shift + i;
            }
        }
        if (!active && !tokenizer.pending()) {
            copyRaw(data, shift, shift + end);
            rawFrom = shift + end;
        }
    }

    @Override
    public long holdFrom(RangeSink target) {
        long hold = Long.MAX_VALUE;
        if (active) {
            int depth = automaton.depth[state];
            if (depth > 0) {
                hold = ringFrom[slot(viewCount - depth)];
            }
        }
        if (tokenizer.pending()) {
            hold = Math.min(hold, tokenizer.pendingStart());
        }
        return hold;
    }

    @Override
    public void finish(long end, RangeSink target) {
        sink = target;
        tokenizer.finish(this);
    }

    @Override
    public void wipe() {
        tokenizer.clear();
        Arrays.fill(ringByte, (byte) 0);
        state = 0;
        active = false;
    }

    @Override
    public void sequenceStart(long at) {
        if (active) {
            return;
        }
        long from = Math.max(validTo, viewCount - (capacity - 1));
        if (from > validTo) {
            state = 0;
        }
        for (long v = from; v < viewCount; v++) {
            state = automaton.step(state, ringByte[slot(v)] & 0xff);
        }
        validTo = viewCount;
        active = true;
    }

    @Override
    public void viewByte(int b, long from, long to, boolean decoded) {
        long index = viewCount++;
        put(index, b, from, to);
        if (decoded) {
            lastDecoded = index;
        }
        if (!active) {
            return; // a raw byte outside any sequence's reach: the main automaton sees it as it is
        }
        state = automaton.step(state, b);
        validTo = viewCount;
        if ((automaton.info[state] & Automaton.LITERAL) != 0) {
            long a = viewCount - automaton.matchLength[state];
            if (a <= lastDecoded || (a < lastGap && lastGap < viewCount)) {
                sink.add(ringFrom[slot(a)], to);
            }
        }
        long reach = viewCount - automaton.depth[state];
        if (reach > lastDecoded && reach >= lastGap && !tokenizer.pending()) {
            active = false;
        }
    }

    @Override
    public void gap() {
        lastGap = viewCount;
    }

    private void put(long index, int b, long from, long to) {
        int s = slot(index);
        ringByte[s] = (byte) b;
        ringFrom[s] = from;
        ringTo[s] = to;
    }

    private int slot(long index) {
        return (int) Math.floorMod(index, (long) capacity);
    }

    /** Copies the raw bytes {@code [rawFrom, upTo)} (stream positions; in {@code data} at minus {@code shift}). */
    private void copyRaw(byte[] data, long shift, long upTo) {
        long n = upTo - rawFrom;
        long firstView = viewCount - n; // viewCount already counts these bytes: they are the last n view bytes
        long take = Math.min(n, capacity);
        for (long k = n - take; k < n; k++) {
            long pos = rawFrom + k;
            int s = slot(firstView + k);
            ringByte[s] = data[(int) (pos - shift)];
            ringFrom[s] = pos;
            ringTo[s] = pos + 1;
        }
        rawFrom = upTo;
    }

    /**
     * High bit set in each byte of {@code w} that may be {@code %} or ESC; the lowest set bit is always a real one
     * (the has-zero-byte test: a borrow only runs upwards from a real match).
     */
    private static long candidates(long w) {
        long p = w ^ (ONES * '%');
        long e = w ^ (ONES * ViewTokenizer.ESC);
        return (((p - ONES) & ~p) | ((e - ONES) & ~e)) & HIGHS;
    }

    /** The index of the first {@code %} or ESC in {@code [i, end)}, or {@code end}; eight bytes at a time. */
    static int nextSequenceStart(byte[] data, int i, int end) {
        while (i + 16 <= end) {
            long f0 = candidates((long) LONGS.get(data, i));
            long f1 = candidates((long) LONGS.get(data, i + 8));
            if ((f0 | f1) != 0) {
                return f0 != 0
                        ? i + (Long.numberOfTrailingZeros(f0) >>> 3)
                        : i + 8 + (Long.numberOfTrailingZeros(f1) >>> 3);
            }
            i += 16;
        }
        while (i + 8 <= end) {
            long found = candidates((long) LONGS.get(data, i));
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            i += 8;
        }
        while (i < end && !ViewTokenizer.startsSequence(data[i] & 0xff)) {
            i++;
        }
        return i;
    }
}
