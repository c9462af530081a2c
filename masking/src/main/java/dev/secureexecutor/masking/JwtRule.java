package dev.secureexecutor.masking;

/**
 * JSON Web Tokens: a segment starting {@code eyJ} and at least four characters long, then at least two more
 * non-empty segments, all of {@code [A-Za-z0-9_-]} and separated by {@code .}. The whole token (greedy: any further
 * {@code .segment} too, so JWE's five parts are covered) is masked as one {@code [MASKED]}.
 */
final class JwtRule extends Rule {
    static final JwtRule INSTANCE = new JwtRule();
    /** The trigger is this plus one more segment character (four bytes, for the skip loop). */
    static final String TRIGGER_HEAD = "eyJ";

    private JwtRule() {}

    @Override
    boolean rangeIncludesTrigger() {
        return true;
    }

    /** The first segment goes on, or ends with a dot (it already has four characters). */
    @Override
    boolean[] nextByteClass() {
        return ByteClass.table(c -> ByteClass.isBase64Url(c) || c == '.');
    }

    @Override
    RuleTracker start(long triggerStart, long triggerEnd) {
        return new Tracker(triggerStart);
    }

    private static final class Tracker extends RuleTracker {
        private static final int SEG1 = 0;
        private static final int SEG2_FIRST = 1;
        private static final int SEG2 = 2;
        private static final int SEG3_FIRST = 3;
        private static final int OPEN = 4;
        private static final int DOT = 5;

        private final long start;
        private long end;
        private int phase = SEG1;

        Tracker(long start) {
            this.start = start;
        }

        @Override
        boolean step(int b, long index, RangeSink sink) {
            boolean segChar = ByteClass.isBase64Url(b);
            switch (phase) {
                case SEG1:
                case SEG2:
                    if (segChar) {
                        return true;
                    }
                    phase = phase == SEG1 ? SEG2_FIRST : SEG3_FIRST;
                    return b == '.';
                case SEG2_FIRST:
                    phase = SEG2;
                    return segChar;
                case SEG3_FIRST:
                case DOT:
                    if (segChar) {
                        phase = OPEN;
                        end = index + 1;
                        return true;
                    }
                    finish(index, sink);
                    return false;
                default: // OPEN
                    if (segChar) {
                        end = index + 1;
                        return true;
                    }
                    if (b == '.') {
                        phase = DOT;
                        return true;
                    }
                    finish(index, sink);
                    return false;
            }
        }

        @Override
        int inertUntil(byte[] data, int from, int end) {
            if (phase != SEG1 && phase != SEG2 && phase != OPEN) {
                return from;
            }
            while (from < end && ByteClass.isBase64Url(data[from] & 0xff)) {
                from++;
            }
            return from;
        }

        @Override
        void skipTo(long position) {
            if (phase == OPEN) {
                end = position;
            }
        }

        @Override
        void finish(long streamEnd, RangeSink sink) {
            if (phase >= OPEN) {
                sink.add(start, end);
            }
        }

        @Override
        long holdFrom() {
            return start;
        }

        @Override
        void provisional(RangeSink sink) {
            finish(end, sink);
        }

        /**
         * A token starting inside this one's segments sees the same dots and segments from there on, so if it
         * completes this one completes at the same end: its range is inside this one's.
         */
        @Override
        boolean subsumes(RuleTracker fresh) {
            return fresh instanceof Tracker;
        }
    }
}
