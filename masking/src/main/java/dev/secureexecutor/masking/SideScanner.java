package dev.secureexecutor.masking;

/**
 * A second matcher over the same stream as a {@link StreamScanner}, reporting into the same set of ranges: it sees
 * each write before the main scanner does, so every range it finds is known before the main scanner decides any
 * output of that write.
 */
interface SideScanner {
    /** Scans {@code data[off, off+len)}, the bytes at stream position {@code base}, reporting ranges to {@code sink}. */
    void scan(byte[] data, int off, int len, long base, RangeSink sink);

    /**
     * The earliest position where a range not reported yet might start; {@link Long#MAX_VALUE} if none. May report
     * the certain part of growing ranges to {@code sink}.
     */
    long holdFrom(RangeSink sink);

    /** The stream ended at {@code end}. */
    void finish(long end, RangeSink sink);

    /** Zeroes any secret bytes held. */
    void wipe();
}
