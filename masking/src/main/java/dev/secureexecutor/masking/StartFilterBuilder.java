package dev.secureexecutor.masking;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Builds the {@link StartFilter} of an automaton from its patterns: the probe stride (the shortest pattern's length
 * minus two, a trigger whose rules name the bytes that may follow it counting one byte longer), and the trigram
 * filters sized by the number of distinct trigram keys.
 */
final class StartFilterBuilder {
    /** Longest probe spacing of the skip loop; more would put more trigrams per pattern in the filter. */
    private static final int MAX_STRIDE = 6;
    /**
     * Filter bits per distinct trigram key (rounded up to a power of two). 64 rather than 32 halves the hash
     * collisions (log timestamps such as {@code 8T1} hit a 32-bit filter): +20% on random bytes, level on logs
     * (docs/perf-masking.md, round 3).
     */
    private static final int BITS_PER_GRAM = 64;

    private StartFilterBuilder() {}

    static StartFilter build(List<PatternSet.Entry> entries, Automaton automaton) {
        // A trigger-only pattern whose rules all name the bytes that may follow it counts one byte longer for
        // the probe stride: its last filter trigrams end in each byte of that class.
        boolean[][] extension = new boolean[entries.size()][];
        int minLength = Integer.MAX_VALUE;
        for (int e = 0; e < entries.size(); e++) {
            PatternSet.Entry entry = entries.get(e);
            extension[e] = entry.bytes.length >= 3 ? nextByteClass(entry) : null;
            minLength = Math.min(minLength, entry.bytes.length + (extension[e] != null ? 1 : 0));
        }
        int stride = Math.max(1, Math.min(MAX_STRIDE, minLength - 2));
        int grams = distinctFilterGrams(entries, extension, stride);
        int bits = Integer.highestOneBit(Math.max(4096, grams * BITS_PER_GRAM - 1) << 1);
        bits = Math.min(bits, 1 << 22);
        int shift = 32 - Integer.numberOfTrailingZeros(bits);
        long[] trigrams = new long[bits >>> 6];
        long[] exactTrigrams = new long[bits >>> 6];
        byte[] first = new byte[256];
        for (int e = 0; e < entries.size(); e++) {
            byte[] p = entries.get(e).bytes;
            int b0 = p[0] & 0xff;
            if (p.length < 3) {
                first[b0] = StartFilter.SHORT;
                continue;
            }
            if (first[b0] == 0) {
                first[b0] = 1;
            }
            for (int j = 0; j < stride && j + 2 < p.length; j++) {
                int h = StartFilter.trigramHash(
                        StartFilter.trigramKey(p[j] & 0xff, p[j + 1] & 0xff, p[j + 2] & 0xff), shift);
                trigrams[h >>> 6] |= 1L << h;
                if (j == 0) {
                    exactTrigrams[h >>> 6] |= 1L << h;
                }
            }
            boolean[] next = extension[e];
            int j = p.length - 2;
            if (next != null && j < stride) {
                for (int c = 0; c < 256; c++) {
                    if (next[c]) {
                        int h = StartFilter.trigramHash(StartFilter.trigramKey(p[j] & 0xff, p[j + 1] & 0xff, c), shift);
                        trigrams[h >>> 6] |= 1L << h;
                    }
                }
            }
        }
        return new StartFilter(automaton, first, trigrams, exactTrigrams, shift, stride);
    }

    /** The union of the rules' {@link Rule#nextByteClass()}; null for a literal or if any rule has none. */
    private static boolean @Nullable [] nextByteClass(PatternSet.Entry entry) {
        if (entry.literal || entry.rules.isEmpty()) {
            return null;
        }
        boolean[] union = new boolean[256];
        for (Rule rule : entry.rules) {
            boolean[] next = rule.nextByteClass();
            if (next == null) {
                return null;
            }
            for (int c = 0; c < 256; c++) {
                union[c] |= next[c];
            }
        }
        return union;
    }

    /** How many distinct trigram keys the filter will hold (the extensions of many triggers coincide). */
    private static int distinctFilterGrams(List<PatternSet.Entry> entries, boolean[][] extension, int stride) {
        Set<Integer> keys = new HashSet<>();
        for (int e = 0; e < entries.size(); e++) {
            byte[] p = entries.get(e).bytes;
            for (int j = 0; j < stride && j + 2 < p.length; j++) {
                keys.add(StartFilter.trigramKey(p[j] & 0xff, p[j + 1] & 0xff, p[j + 2] & 0xff));
            }
            int j = p.length - 2;
            if (extension[e] != null && j < stride) {
                for (int c = 0; c < 256; c++) {
                    if (extension[e][c]) {
                        keys.add(StartFilter.trigramKey(p[j] & 0xff, p[j + 1] & 0xff, c));
                    }
                }
            }
        }
        return keys.size();
    }
}
