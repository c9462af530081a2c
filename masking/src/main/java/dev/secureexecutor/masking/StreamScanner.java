package dev.secureexecutor.masking;

import java.io.IOException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Runs one stream's bytes through the automaton and the rule trackers and feeds the ranges found to a
 * {@link RangeResolver}. Keeps the scanning state between chunks, so results do not depend on chunking.
 *
 * <p>Hot path: while no partial match is live (root state, no tracker) the trigram filter skips bytes without
 * touching the automaton; after a candidate the automaton steps byte by byte until its state either returns to
 * the root or holds at most two bytes that the filter proves cannot start a pattern.
 */
final class StreamScanner {
    private final Automaton automaton;
    private final StartFilter filter;
    private final RangeResolver resolver = new RangeResolver();
    private final StreamHistory history = new StreamHistory();
    private RuleTracker[] trackers = new RuleTracker[4];
    private int trackerCount;
    private int state;
    private long position;
    private boolean dirty;

    private final RangeSink sink;
    private SideScanner[] sides = new SideScanner[0];

    StreamScanner(Automaton automaton) {
        this(automaton, null, 0);
    }

    /**
     * A scanner whose ranges go to {@code external} instead of its own resolver, starting at stream position
     * {@code start}; such a scanner is used as (part of) a {@link SideScanner} and is scanned with no output.
     */
    StreamScanner(Automaton automaton, @Nullable RangeSink external, long start) {
        this.automaton = automaton;
        this.filter = automaton.filter();
        this.position = start;
        this.sink = external != null
                ? external
                : (from, to) -> {
                    resolver.add(from, to);
                    dirty = true;
                };
    }

    /** Adds a scanner that sees every byte before this one does and reports into the same ranges. */
    void addSide(SideScanner side) {
        sides = Arrays.copyOf(sides, sides.length + 1);
        sides[sides.length - 1] = side;
    }

    /** Stream position of the next byte to scan. */
    long position() {
        return position;
    }

    /** Stream position up to which output has been decided. */
    long decided() {
        return resolver.decided();
    }

    /** Scans {@code data[off, off+len)}, the bytes at the current position, deciding output as it goes. */
    void scan(byte[] data, int off, int len, RangeResolver.@Nullable Output output) throws IOException {
        for (SideScanner side : sides) {
            side.scan(data, off, len, position, sink);
        }
        final Automaton a = automaton;
        final long base = position - off;
        final int end = off + len;
        int s = state;
        int i = off;
        while (i < end) {
            if (s == 0) {
                if (trackerCount == 0) {
                    i = filter.skip(data, i, end);
                } else {
                    i = skipInert(data, i, end, base);
                }
                if (i >= end) {
                    break;
                }
            }
            int c = data[i] & 0xff;
            if (trackerCount > 0) {
                stepTrackers(c, base + i);
            }
            s = a.step(s, c);
            i++;
            byte info = a.info[s];
            if (info != 0) {
                onMatch(s, info, base + i, data, i, off, end);
            } else if (s != 0 && a.depth[s] <= 2 && cannotComplete(data, s, i, off, end)) {
                s = 0;
            }
            if (dirty && output != null) {
                state = s;
                position = base + i;
                decide(output);
            }
        }
        state = s;
        position = base + end;
        history.remember(data, off, len);
        if (output != null) {
            decide(output);
        }
    }

    /**
     * The earliest position where a range not reported yet might start (partial literal matches that hold, and
     * live trackers); reports the certain part of growing ranges. For a scanner used as a side scanner.
     */
    long holdFrom(RangeSink into) {
        long limit = position - automaton.holdDepth[state];
        for (int t = 0; t < trackerCount; t++) {
            limit = Math.min(limit, trackers[t].holdFrom());
            trackers[t].provisional(into);
        }
        return limit;
    }

    /** End of stream for a side scanner: completes rule matches that run to the end. */
    void finishSide() {
        for (int t = 0; t < trackerCount; t++) {
            trackers[t].finish(position, sink);
        }
        clearTrackers();
        history.clear();
        state = 0;
    }

    /** End of stream: completes what can complete, releases the rest. */
    void finish(RangeResolver.Output output) throws IOException {
        for (SideScanner side : sides) {
            side.finish(position, sink);
        }
        for (int t = 0; t < trackerCount; t++) {
            trackers[t].finish(position, sink);
        }
        clearTrackers();
        history.clear();
        state = 0;
        resolver.resolve(Long.MAX_VALUE, position, output);
        resolver.clear();
    }

    /** Drops all scanning state. */
    void reset() {
        for (SideScanner side : sides) {
            side.wipe();
        }
        clearTrackers();
        history.clear();
        state = 0;
        resolver.clear();
    }

    /**
     * In the root state with trackers alive: skips the bytes that no tracker reacts to (beyond extending its range)
     * and at which no pattern can start.
     */
    private int skipInert(byte[] data, int i, int end, long base) {
        int limit = end;
        for (int t = 0; t < trackerCount && limit > i; t++) {
            limit = trackers[t].inertUntil(data, i, limit);
        }
        if (limit == i) {
            return i;
        }
        int next = filter.skip(data, i, limit, end);
        if (next > i) {
            for (int t = 0; t < trackerCount; t++) {
                trackers[t].skipTo(base + next);
            }
        }
        return next;
    }

    private boolean cannotComplete(byte[] data, int s, int i, int off, int end) {
        int d = automaton.depth[s];
        return !filter.mayStart(data, i - d, off, end) && (d == 1 || !filter.mayStart(data, i - 1, off, end));
    }

    private void decide(RangeResolver.Output output) throws IOException {
        dirty = false;
        long limit = position - automaton.holdDepth[state];
        for (int t = 0; t < trackerCount; t++) {
            RuleTracker tracker = trackers[t];
            limit = Math.min(limit, tracker.holdFrom());
            tracker.provisional(resolver);
        }
        for (SideScanner side : sides) {
            limit = Math.min(limit, side.holdFrom(resolver));
        }
        resolver.resolve(Math.min(limit, position), position, output);
    }

    private void stepTrackers(int c, long index) {
        int kept = 0;
        for (int t = 0; t < trackerCount; t++) {
            RuleTracker tracker = trackers[t];
            if (tracker.step(c, index, sink)) {
                trackers[kept++] = tracker;
            } else {
                dirty = true;
            }
        }
        Arrays.fill(trackers, kept, trackerCount, null);
        trackerCount = kept;
    }

    /**
     * A match ending at stream position {@code pos}, just before {@code data[i]}; the write is
     * {@code data[off, end)}.
     */
    private void onMatch(int s, byte info, long pos, byte[] data, int i, int off, int end) {
        final Automaton a = automaton;
        if ((info & Automaton.LITERAL) != 0) {
            sink.add(pos - a.matchLength[s], pos);
        }
        if ((info & Automaton.TRIGGER) != 0) {
            for (int t = a.triggerStart[s], last = a.triggerStart[s + 1]; t < last; t++) {
                Rule rule = a.triggerRule[t];
                byte[] behind = rule.lookBehind();
                if ((behind.length > 0 && !history.precededBy(behind, data, i - a.triggerLength[t], off))
                        || rule.certainlyInert(data, i, end)) {
                    continue;
                }
                RuleTracker fresh = rule.start(pos - a.triggerLength[t], pos);
                if (!subsumed(fresh)) {
                    if (trackerCount == trackers.length) {
                        trackers = Arrays.copyOf(trackers, trackerCount * 2);
                    }
                    trackers[trackerCount++] = fresh;
                    dirty = true;
                }
            }
        }
    }

    private boolean subsumed(RuleTracker fresh) {
        for (int t = 0; t < trackerCount; t++) {
            if (trackers[t].subsumes(fresh)) {
                return true;
            }
        }
        return false;
    }

    private void clearTrackers() {
        Arrays.fill(trackers, 0, trackerCount, null);
        trackerCount = 0;
    }
}
