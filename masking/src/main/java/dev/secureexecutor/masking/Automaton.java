package dev.secureexecutor.masking;

import java.util.Arrays;

/**
 * An Aho-Corasick automaton over bytes for every pattern of a {@link PatternSet}, built by
 * {@link AutomatonBuilder}. Shallow states (the hot ones) have dense 256-entry transition rows; deeper states
 * keep their children sparse and fall back along failure links. A trigram filter lets the scanner skip, without
 * touching the automaton, every position where no pattern can start.
 *
 * <p>State 0 is the root. States are numbered breadth first, so every state below {@code denseCount} is dense.
 */
final class Automaton {
    /** {@link #info} bit: a literal pattern ends in this state (see {@link #matchLength}). */
    static final byte LITERAL = 1;
    /** {@link #info} bit: rule triggers end in this state (see {@link #triggerStart}). */
    static final byte TRIGGER = 2;
    /** {@link #first} value: some pattern shorter than three bytes starts with this byte. */
    static final byte SHORT = 2;

    final int stateCount;
    final int denseCount;
    final int patternCount;
    final int[] dense;
    final int[] fail;
    final int[] childStart;
    final byte[] childKey;
    final int[] childTarget;
    final int[] depth;
    /** Length of the longest suffix of the state's string that is a prefix of a pattern whose range may start there. */
    final int[] holdDepth;
    /** Length of the longest literal pattern ending in the state, or 0. */
    final int[] matchLength;
    final byte[] info;
    /** Triggers ending in state {@code s} are {@code triggerRule/triggerLength[triggerStart[s] .. triggerStart[s+1])}. */
    final int[] triggerStart;
    final Rule[] triggerRule;
    final int[] triggerLength;
    /** Per first byte: 0 no pattern starts with it, 1 check the trigram filter, {@link #SHORT} always a candidate. */
    final byte[] first;
    final long[] trigrams;
    final int trigramShift;

    Automaton(int stateCount, int denseCount, int patternCount, int[] dense, int[] fail, int[] childStart,
              byte[] childKey, int[] childTarget, int[] depth, int[] holdDepth, int[] matchLength, byte[] info,
              int[] triggerStart, Rule[] triggerRule, int[] triggerLength, byte[] first, long[] trigrams,
              int trigramShift) {
        this.stateCount = stateCount;
        this.denseCount = denseCount;
        this.patternCount = patternCount;
        this.dense = dense;
        this.fail = fail;
        this.childStart = childStart;
        this.childKey = childKey;
        this.childTarget = childTarget;
        this.depth = depth;
        this.holdDepth = holdDepth;
        this.matchLength = matchLength;
        this.info = info;
        this.triggerStart = triggerStart;
        this.triggerRule = triggerRule;
        this.triggerLength = triggerLength;
        this.first = first;
        this.trigrams = trigrams;
        this.trigramShift = trigramShift;
    }

    /** The state after reading byte {@code c} (0..255) in state {@code s}. */
    int step(int s, int c) {
        while (s >= denseCount) {
            byte key = (byte) c;
            for (int k = childStart[s], end = childStart[s + 1]; k < end; k++) {
                if (childKey[k] == key) {
                    return childTarget[k];
                }
            }
            s = fail[s];
        }
        return dense[(s << 8) | c];
    }

    static int trigramHash(int b0, int b1, int b2, int shift) {
        return ((b0 << 16) | (b1 << 8) | b2) * 0x9E3779B1 >>> shift;
    }

    /**
     * The first index in {@code [i, end)} at which some pattern might start, judged from the bytes in
     * {@code data[i, end)} only; the last two positions are never skipped (their trigram is not all there).
     */
    int skip(byte[] data, int i, int end) {
        final byte[] first = this.first;
        final long[] trigrams = this.trigrams;
        final int shift = this.trigramShift;
        final int last = end - 2;
        for (; i < last; i++) {
            int b0 = data[i] & 0xff;
            int f = first[b0];
            if (f != 0) {
                if (f == SHORT) {
                    return i;
                }
                int h = trigramHash(b0, data[i + 1] & 0xff, data[i + 2] & 0xff, shift);
                if ((trigrams[h >>> 6] & (1L << h)) != 0) {
                    return i;
                }
            }
        }
        return i;
    }

    /** Whether a pattern might start at {@code i}; true when that cannot be judged within {@code [from, end)}. */
    boolean mayStart(byte[] data, int i, int from, int end) {
        if (i < from || i + 2 >= end) {
            return true;
        }
        return skip(data, i, i + 3) == i;
    }

    /** Zeroes every table: after this the automaton matches nothing and must not be used. */
    void wipe() {
        Arrays.fill(dense, 0);
        Arrays.fill(fail, 0);
        Arrays.fill(childStart, 0);
        Arrays.fill(childKey, (byte) 0);
        Arrays.fill(childTarget, 0);
        Arrays.fill(depth, 0);
        Arrays.fill(holdDepth, 0);
        Arrays.fill(matchLength, 0);
        Arrays.fill(info, (byte) 0);
        Arrays.fill(triggerLength, 0);
        Arrays.fill(first, (byte) 0);
        Arrays.fill(trigrams, 0L);
        for (Rule rule : triggerRule) {
            rule.wipe();
        }
    }
}
