package dev.secureexecutor.masking;

/**
 * Follows one trigger occurrence byte by byte. Trackers are deterministic: what they report depends only on
 * the bytes, never on how the bytes were split into writes.
 */
abstract class RuleTracker {
    /** No position: nothing held. */
    static final long NONE = Long.MAX_VALUE;

    /**
     * Consumes the byte {@code b} at stream index {@code index}.
     *
     * @return false once the tracker is done (it has then reported its final range, if any)
     */
    abstract boolean step(int b, long index, RangeSink sink);

    /** The stream ended at {@code end}: report any range that is complete at end of stream. */
    abstract void finish(long end, RangeSink sink);

    /**
     * The earliest position where a range this tracker has not reported yet might start, including a range that
     * is still growing; {@link #NONE} if none. Output is never released at or after this position.
     */
    abstract long holdFrom();

    /** Reports the certain part of a range that is still growing, if any. */
    void provisional(RangeSink sink) {}

    /**
     * The first index in {@code [from, end)} whose byte could change this tracker other than by extending its
     * current range; {@code end} if none. Bytes before it may be skipped in bulk, followed by {@link #skipTo}.
     */
    int inertUntil(byte[] data, int from, int end) {
        return from;
    }

    /** The bytes up to stream position {@code position} were inert (see {@link #inertUntil}) and were skipped. */
    void skipTo(long position) {}

    /** True if {@code fresh}, started now, could only ever report ranges inside this tracker's ranges. */
    boolean subsumes(RuleTracker fresh) {
        return false;
    }
}
