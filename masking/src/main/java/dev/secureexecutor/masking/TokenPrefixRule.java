package dev.secureexecutor.masking;

/**
 * Token prefixes such as {@code glpat-}: the prefix stays visible and the maximal run of {@code [A-Za-z0-9._=-]}
 * after it (at least one character) is masked, giving {@code glpat-[MASKED]}. A run that reaches the end of the
 * stream is complete.
 *
 * <p>The trigger can be a tail of the prefix, with the rest of the prefix as its {@link #lookBehind()}: the same
 * matches, but the skip filter probes for the tail's trigrams (see {@link ListFreeRules}).
 */
final class TokenPrefixRule extends Rule {
    static final TokenPrefixRule INSTANCE = new TokenPrefixRule(new byte[0]);

    private final byte[] head;

    /** A rule whose trigger must be preceded by {@code head} (the first part of the prefix). */
    TokenPrefixRule(byte[] head) {
        this.head = head.clone();
    }

    @Override
    byte[] lookBehind() {
        return head;
    }

    @Override
    boolean rangeIncludesTrigger() {
        return false;
    }

    /** At least one token character must follow the prefix. */
    @Override
    boolean[] nextByteClass() {
        return ByteClass.table(ByteClass::isTokenChar);
    }

    @Override
    RuleTracker start(long triggerStart, long triggerEnd) {
        return new Tracker(triggerEnd);
    }

    private static final class Tracker extends RuleTracker {
        private final long start;
        private long end;

        Tracker(long start) {
            this.start = start;
            this.end = start;
        }

        @Override
        boolean step(int b, long index, RangeSink sink) {
            if (ByteClass.isTokenChar(b)) {
                end = index + 1;
                return true;
            }
            finish(index, sink);
            return false;
        }

        @Override
        int inertUntil(byte[] data, int from, int end) {
            while (from < end && ByteClass.isTokenChar(data[from] & 0xff)) {
                from++;
            }
            return from;
        }

        @Override
        void skipTo(long position) {
            end = position;
        }

        @Override
        void finish(long streamEnd, RangeSink sink) {
            if (end > start) {
                sink.add(start, end);
            }
        }

        @Override
        long holdFrom() {
            return start;
        }

        @Override
        void provisional(RangeSink sink) {
            if (end > start) {
                sink.add(start, end);
            }
        }

        /** A prefix ending inside a run that is being masked yields a range ending where this run ends. */
        @Override
        boolean subsumes(RuleTracker fresh) {
            return fresh instanceof Tracker other && (end > start || other.start == start);
        }
    }
}
