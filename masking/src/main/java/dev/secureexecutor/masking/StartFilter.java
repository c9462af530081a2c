package dev.secureexecutor.masking;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Where a pattern of an {@link Automaton} can start: a trigram filter that lets the scanner skip, without touching
 * the automaton, every position where no pattern can start, probing one position in every {@link #stride}. Built by
 * {@link StartFilterBuilder}; a candidate is confirmed by the automaton itself (its first three bytes must lead to
 * a state of depth three).
 */
final class StartFilter {
    /** {@link #first} value: some pattern shorter than three bytes starts with this byte. */
    static final byte SHORT = 2;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final Automaton automaton;
    /** Per first byte: 0 no pattern starts with it, 1 check the trigram filter, {@link #SHORT} always a candidate. */
    private final byte[] first;
    /** Whether some pattern is shorter than three bytes (then the trigram filter alone cannot skip bytes). */
    final boolean hasShort;
    /**
     * Trigram filter over the first {@link #stride} trigrams of every pattern (probed every stride bytes); for a
     * trigger whose rules name the bytes that may follow it ({@link Rule#nextByteClass()}), also the trigrams that
     * end in one of those bytes.
     */
    private final long[] trigrams;
    /** Trigram filter over the first trigram of every pattern. */
    private final long[] exactTrigrams;

    private final int trigramShift;
    /**
     * Probe spacing: the shortest pattern's length minus two (1 if patterns of three bytes exist), where a trigger
     * with a {@link Rule#nextByteClass()} counts one byte longer.
     */
    final int stride;

    StartFilter(
            Automaton automaton, byte[] first, long[] trigrams, long[] exactTrigrams, int trigramShift, int stride) {
        this.automaton = automaton;
        this.first = first;
        boolean anyShort = false;
        for (int b = 0; b < 256; b++) {
            anyShort |= first[b] == SHORT;
        }
        this.hasShort = anyShort;
        this.trigrams = trigrams;
        this.exactTrigrams = exactTrigrams;
        this.trigramShift = trigramShift;
        this.stride = stride;
    }

    /** The trigram key of bytes {@code b0 b1 b2}, laid out as a little-endian load would give it. */
    static int trigramKey(int b0, int b1, int b2) {
        return b0 | (b1 << 8) | (b2 << 16);
    }

    static int trigramHash(int key, int shift) {
        return (key * 0x9E3779B1) >>> shift;
    }

    /**
     * The first index in {@code [i, end)} at which some pattern might start, judged from the bytes in
     * {@code data[i, end)} only; the last two positions are never skipped (their trigram is not all there).
     * Without short patterns it probes six positions per 8-byte load and takes one branch for all six.
     */
    int skip(byte[] data, int i, int end) {
        return skip(data, i, end, end);
    }

    /**
     * The first index in {@code [i, limit)} at which some pattern might start, judged from the bytes in
     * {@code data[i, end)}; {@code limit} if there is none. Positions whose trigram is not all before {@code end}
     * are returned as candidates.
     */
    int skip(byte[] data, int i, int limit, int end) {
        int judged = Math.min(limit, end - 2);
        if (i >= judged) {
            return i;
        }
        int found;
        if (hasShort) {
            found = skipBytewise(data, i, judged + 2);
        } else {
            switch (stride) {
                case 1:
                    found = skipEveryPosition(data, i, judged + 2);
                    break;
                case 2:
                    found = skipEverySecond(data, i, judged + 2);
                    break;
                case 3:
                    found = skipEveryThird(data, i, judged + 2);
                    break;
                default:
                    found = skipStrided(data, i, judged + 2);
            }
        }
        return found;
    }

    /** Six probes per 8-byte load, one branch for all six. */
    private int skipEveryPosition(byte[] data, int i, int end) {
        final long[] t = trigrams;
        final int sh = trigramShift;
        while (i + 8 <= end) {
            long w = (long) LONGS.get(data, i);
            int h0 = trigramHash((int) w & 0xFFFFFF, sh);
            int h1 = trigramHash((int) (w >>> 8) & 0xFFFFFF, sh);
            int h2 = trigramHash((int) (w >>> 16) & 0xFFFFFF, sh);
            int h3 = trigramHash((int) (w >>> 24) & 0xFFFFFF, sh);
            int h4 = trigramHash((int) (w >>> 32) & 0xFFFFFF, sh);
            int h5 = trigramHash((int) (w >>> 40) & 0xFFFFFF, sh);
            long any = (t[h0 >>> 6] >>> h0)
                    | (t[h1 >>> 6] >>> h1)
                    | (t[h2 >>> 6] >>> h2)
                    | (t[h3 >>> 6] >>> h3)
                    | (t[h4 >>> 6] >>> h4)
                    | (t[h5 >>> 6] >>> h5);
            if ((any & 1) != 0) {
                for (int stop = i + 6; i < stop; i++) {
                    if (startsTrigram(data, i)) {
                        return i;
                    }
                }
            } else {
                i += 6;
            }
        }
        return skipTail(data, i, end);
    }

    /** Stride 2: three probes (offsets 1, 3, 5) per 8-byte load clear six positions, with one branch. */
    private int skipEverySecond(byte[] data, int i, int end) {
        final long[] t = trigrams;
        final int sh = trigramShift;
        while (i + 8 <= end) {
            long w = (long) LONGS.get(data, i);
            int h1 = trigramHash((int) (w >>> 8) & 0xFFFFFF, sh);
            int h3 = trigramHash((int) (w >>> 24) & 0xFFFFFF, sh);
            int h5 = trigramHash((int) (w >>> 40) & 0xFFFFFF, sh);
            long any = (t[h1 >>> 6] >>> h1) | (t[h3 >>> 6] >>> h3) | (t[h5 >>> 6] >>> h5);
            if ((any & 1) != 0) {
                for (int stop = i + 6; i < stop; i++) {
                    if (startsTrigram(data, i)) {
                        return i;
                    }
                }
            } else {
                i += 6;
            }
        }
        return skipStrided(data, i, end);
    }

    /**
     * Stride 3: two probes (offsets 2 and 5) per 8-byte load clear six positions; two loads, four probes and one
     * branch per twelve positions.
     */
    private int skipEveryThird(byte[] data, int i, int end) {
        final long[] t = trigrams;
        final int sh = trigramShift;
        while (i + 14 <= end) {
            long w = (long) LONGS.get(data, i);
            long v = (long) LONGS.get(data, i + 6);
            int h2 = trigramHash((int) (w >>> 16) & 0xFFFFFF, sh);
            int h5 = trigramHash((int) (w >>> 40), sh);
            int h8 = trigramHash((int) (v >>> 16) & 0xFFFFFF, sh);
            int h11 = trigramHash((int) (v >>> 40), sh);
            long p2 = t[h2 >>> 6] >>> h2;
            long p5 = t[h5 >>> 6] >>> h5;
            long p8 = t[h8 >>> 6] >>> h8;
            long p11 = t[h11 >>> 6] >>> h11;
            if (((p2 | p5 | p8 | p11) & 1) != 0) {
                // only the three positions a hit probe vouches for need the exact check
                int found = verifyThree(data, i, p2);
                if (found < 0) {
                    found = verifyThree(data, i + 3, p5);
                }
                if (found < 0) {
                    found = verifyThree(data, i + 6, p8);
                }
                if (found < 0) {
                    found = verifyThree(data, i + 9, p11);
                }
                if (found >= 0) {
                    return found;
                }
            }
            i += 12;
        }
        while (i + 8 <= end) {
            long w = (long) LONGS.get(data, i);
            int h2 = trigramHash((int) (w >>> 16) & 0xFFFFFF, sh);
            int h5 = trigramHash((int) (w >>> 40), sh);
            long any = (t[h2 >>> 6] >>> h2) | (t[h5 >>> 6] >>> h5);
            if ((any & 1) != 0) {
                for (int stop = i + 6; i < stop; i++) {
                    if (startsTrigram(data, i)) {
                        return i;
                    }
                }
            } else {
                i += 6;
            }
        }
        return skipStrided(data, i, end);
    }

    /** If the probe bit {@code hit & 1} is set: the first of {@code from .. from+2} starting a pattern, or -1. */
    private int verifyThree(byte[] data, int from, long hit) {
        if ((hit & 1) != 0) {
            for (int k = from; k < from + 3; k++) {
                if (startsTrigram(data, k)) {
                    return k;
                }
            }
        }
        return -1;
    }

    /**
     * Every pattern is at least {@code stride + 2} bytes long (a rule trigger counts one byte longer when
     * {@link Rule#nextByteClass()} names its next byte), so a pattern starting anywhere in
     * {@code [q - stride + 1, q]} has one of its first {@code stride} trigrams at {@code q}: one probe clears
     * {@code stride} positions.
     */
    private int skipStrided(byte[] data, int i, int end) {
        final long[] t = trigrams;
        final int sh = trigramShift;
        final int st = stride;
        for (int q = i + st - 1; q + 2 < end; q += st) {
            int h = trigramHash(trigramKey(data[q] & 0xff, data[q + 1] & 0xff, data[q + 2] & 0xff), sh);
            if ((t[h >>> 6] & (1L << h)) != 0) {
                for (; i <= q; i++) {
                    if (startsTrigram(data, i)) {
                        return i;
                    }
                }
            } else {
                i = q + 1;
            }
        }
        return skipTail(data, i, end);
    }

    private int skipTail(byte[] data, int i, int end) {
        for (; i < end - 2; i++) {
            if (startsTrigram(data, i)) {
                return i;
            }
        }
        return i;
    }

    private int skipBytewise(byte[] data, int i, int end) {
        for (; i < end - 2; i++) {
            int f = first[data[i] & 0xff];
            if (f == SHORT || (f != 0 && startsTrigram(data, i))) {
                return i;
            }
        }
        return i;
    }

    /** Whether the three bytes at {@code i} are the first three of some pattern (filter, then exact check). */
    private boolean startsTrigram(byte[] data, int i) {
        int b0 = data[i] & 0xff;
        int b1 = data[i + 1] & 0xff;
        int b2 = data[i + 2] & 0xff;
        int h = trigramHash(trigramKey(b0, b1, b2), trigramShift);
        return (exactTrigrams[h >>> 6] & (1L << h)) != 0
                && automaton.depth[automaton.step(automaton.step(automaton.step(0, b0), b1), b2)] == 3;
    }

    /** Whether a pattern might start at {@code i}; true when that cannot be judged within {@code [from, end)}. */
    boolean mayStart(byte[] data, int i, int from, int end) {
        if (i < from || i + 2 >= end) {
            return true;
        }
        return first[data[i] & 0xff] == SHORT || startsTrigram(data, i);
    }

    /** Zeroes every table: after this no position is a candidate. */
    void wipe() {
        Arrays.fill(first, (byte) 0);
        Arrays.fill(trigrams, 0L);
        Arrays.fill(exactTrigrams, 0L);
    }
}
