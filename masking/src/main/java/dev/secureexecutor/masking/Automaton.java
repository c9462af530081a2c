package dev.secureexecutor.masking;

import java.util.Arrays;

/**
 * An Aho-Corasick automaton over bytes for every pattern of a {@link PatternSet}, built by
 * {@link AutomatonBuilder}. Shallow states (the hot ones) have dense 256-entry transition rows; deeper states
 * keep their children sparse and fall back along failure links. Its {@link StartFilter} lets the scanner skip,
 * without touching the automaton, every position where no pattern can start.
 *
 * <p>State 0 is the root. States are numbered breadth first, so every state below {@code denseCount} is dense.
 */
final class Automaton {
    /** {@link #info} bit: a literal pattern ends in this state (see {@link #matchLength}). */
    static final byte LITERAL = 1;
    /** {@link #info} bit: rule triggers end in this state (see {@link #triggerStart}). */
    static final byte TRIGGER = 2;

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
    /**
     * Triggers ending in state {@code s} are {@code triggerRule/triggerLength[triggerStart[s] .. triggerStart[s+1])}.
     */
    final int[] triggerStart;

    final Rule[] triggerRule;
    final int[] triggerLength;
    /** Where patterns can start; set once by {@link AutomatonBuilder} before the automaton is used. */
    @SuppressWarnings("NullAway.Init") // attached by AutomatonBuilder right after construction, before any use
    private StartFilter filter;

    Automaton(
            int stateCount,
            int denseCount,
            int patternCount,
            int[] dense,
            int[] fail,
            int[] childStart,
            byte[] childKey,
            int[] childTarget,
            int[] depth,
            int[] holdDepth,
            int[] matchLength,
            byte[] info,
            int[] triggerStart,
            Rule[] triggerRule,
            int[] triggerLength) {
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
    }

    StartFilter filter() {
        return filter;
    }

    void attach(StartFilter startFilter) {
        if (filter != null) {
            throw new IllegalStateException("start filter already attached");
        }
        filter = startFilter;
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
        filter.wipe();
        for (Rule rule : triggerRule) {
            rule.wipe();
        }
    }
}
