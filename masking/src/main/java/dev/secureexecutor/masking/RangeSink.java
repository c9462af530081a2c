package dev.secureexecutor.masking;

/** Receives masked ranges {@code [start, end)} in stream positions; {@code start == end} is an empty match. */
interface RangeSink {
    void add(long start, long end);
}
