package dev.secureexecutor.masking;

import java.io.IOException;

/**
 * Turns masked ranges into output, in stream order, as soon as each decision is final.
 *
 * <p>Semantics, over the whole stream: every range reported by any mechanism (literal forms and rules alike) is
 * masked; ranges that overlap (share at least one byte) merge into one region shown as a single
 * {@code [MASKED]}; ranges that only touch stay separate tokens. An empty range (an empty URL parameter value) is
 * its own {@code [MASKED]} unless it lies strictly inside a region, where it is absorbed.
 *
 * <p>Streaming: the caller passes a {@code limit}, the earliest position at which a range not yet reported might
 * still start. Bytes before both the limit and the next known range are plain text; a region starts once no
 * earlier range can appear, and closes once no range can start inside it. Every decision is final, so the output
 * does not depend on how often or where {@link #resolve} is called.
 */
final class RangeResolver implements RangeSink {
    /** Where decided output goes. */
    interface Output {
        /** Plain bytes of stream positions {@code [from, to)}. */
        void plain(long from, long to) throws IOException;

        /** One {@code [MASKED]} token. */
        void token() throws IOException;
    }

    private long[] starts = new long[8];
    private long[] ends = new long[8];
    private int count;
    private long out;
    private boolean inRegion;
    private long regionStart;
    private long regionEnd;

    /** Stream position up to which output has been decided (plain, or swallowed by a region). */
    long decided() {
        return out;
    }

    @Override
    public void add(long start, long end) {
        boolean empty = start == end;
        for (int i = 0; i < count; i++) {
            if (starts[i] == start && (ends[i] == start) == empty) {
                ends[i] = Math.max(ends[i], end);
                return;
            }
        }
        if (count == starts.length) {
            starts = java.util.Arrays.copyOf(starts, count * 2);
            ends = java.util.Arrays.copyOf(ends, count * 2);
        }
        starts[count] = start;
        ends[count] = end;
        count++;
    }

    /**
     * Decides everything that can be decided.
     *
     * @param limit no range not yet reported can start before this position
     * @param pos   bytes before this position have been scanned
     */
    void resolve(long limit, long pos, Output output) throws IOException {
        while (true) {
            if (inRegion) {
                absorbIntoRegion(output);
                out = Math.max(out, Math.min(regionEnd, pos));
                if (limit < regionEnd) {
                    return;
                }
                inRegion = false;
                continue;
            }
            int next = nextRange();
            long nextStart = next < 0 ? Long.MAX_VALUE : starts[next];
            long plainEnd = Math.min(nextStart, Math.min(limit, pos));
            if (plainEnd > out) {
                output.plain(out, plainEnd);
                out = plainEnd;
            }
            if (next < 0 || nextStart > limit) {
                return;
            }
            if (nextStart != out) {
                throw new IllegalStateException("masking range reported after its bytes were released");
            }
            long end = ends[next];
            remove(next);
            output.token();
            if (end > nextStart) {
                inRegion = true;
                regionStart = nextStart;
                regionEnd = end;
            }
        }
    }

    /** Clears the decided state after the stream is finished. */
    void clear() {
        count = 0;
        inRegion = false;
    }

    private void absorbIntoRegion(Output output) throws IOException {
        boolean grew = true;
        while (grew) {
            grew = false;
            for (int i = 0; i < count; ) {
                long s = starts[i];
                long e = ends[i];
                if (e > s && s < regionEnd) {
                    if (e > regionEnd) {
                        regionEnd = e;
                        grew = true;
                    }
                    remove(i);
                } else if (e == s && s > regionStart && s < regionEnd) {
                    remove(i);
                } else if (e == s && s == regionStart) {
                    // an empty match touching the region's start: its own token, before the region's; same bytes
                    output.token();
                    remove(i);
                } else {
                    i++;
                }
            }
        }
    }

    /** The known range with the smallest start; among equal starts an empty one first. */
    private int nextRange() {
        int best = -1;
        for (int i = 0; i < count; i++) {
            if (best < 0
                    || starts[i] < starts[best]
                    || (starts[i] == starts[best] && ends[i] == starts[i] && ends[best] != starts[best])) {
                best = i;
            }
        }
        return best;
    }

    private void remove(int i) {
        count--;
        starts[i] = starts[count];
        ends[i] = ends[count];
    }
}
