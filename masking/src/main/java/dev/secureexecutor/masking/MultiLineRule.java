package dev.secureexecutor.masking;

import java.util.Arrays;

/**
 * A multi-line secret matched whole: its trimmed, non-empty lines in order, separated by any run (one or more) of
 * spaces, tabs, CR, LF, VT or FF. The trigger is the first line; the masked range runs from the first line's first
 * byte to the last line's last byte.
 */
final class MultiLineRule extends Rule {
    private final byte[][] lines;

    /** Takes ownership of {@code lines} (at least two, each trimmed and non-empty); {@link #wipe()} zeroes them. */
    MultiLineRule(byte[][] lines) {
        this.lines = lines;
    }

    byte[] firstLine() {
        return lines[0];
    }

    @Override
    boolean rangeIncludesTrigger() {
        return true;
    }

    /** At least one whitespace byte separates the first line from the second. */
    @Override
    boolean[] nextByteClass() {
        return ByteClass.table(ByteClass::isWhitespace);
    }

    @Override
    RuleTracker start(long triggerStart, long triggerEnd) {
        return new Tracker(triggerStart);
    }

    @Override
    void wipe() {
        for (byte[] line : lines) {
            Arrays.fill(line, (byte) 0);
        }
    }

    private final class Tracker extends RuleTracker {
        private final long start;
        private int line = 1;
        /** Bytes of {@code lines[line]} matched; -1 while at least one separator is still required. */
        private int offset = -1;

        Tracker(long start) {
            this.start = start;
        }

        @Override
        boolean step(int b, long index, RangeSink sink) {
            boolean ws = ByteClass.isWhitespace(b);
            if (offset == -1) {
                offset = 0;
                return ws;
            }
            byte[] current = lines[line];
            if (offset == 0 && ws) {
                return true;
            }
            if (current[offset] != (byte) b) {
                return false;
            }
            if (++offset < current.length) {
                return true;
            }
            if (++line < lines.length) {
                offset = -1;
                return true;
            }
            sink.add(start, index + 1);
            return false;
        }

        @Override
        void finish(long end, RangeSink sink) {
            // an incomplete multi-line match is not a match
        }

        @Override
        long holdFrom() {
            return start;
        }

        @Override
        boolean subsumes(RuleTracker fresh) {
            if (!(fresh instanceof Tracker other)) {
                return false;
            }
            return other.rule() == rule() && other.line == line && other.offset == offset;
        }

        private MultiLineRule rule() {
            return MultiLineRule.this;
        }
    }
}
