package dev.secureexecutor.masking;

/**
 * PEM private key blocks, list-free: {@code -----BEGIN <label>PRIVATE KEY-----} (any label of capitals, digits
 * and spaces before {@code PRIVATE KEY}: RSA, EC, DSA, OPENSSH, ENCRYPTED, none) up to and including the next
 * {@code -----END <label>-----}, masked whole as one {@code [MASKED]}; without an END line, to the end of the
 * stream. The body is masked as it arrives (the BEGIN line is held only until its label is known), so a key
 * printed slowly line by line is not held back.
 */
final class PemKeyRule extends Rule {
    static final PemKeyRule INSTANCE = new PemKeyRule();
    static final String TRIGGER = "-----BEGIN ";
    private static final byte[] KEY_LABEL_END = "PRIVATE KEY-----".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] END = "-----END ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** Longest label accepted (ENCRYPTED PRIVATE KEY is 21 characters). */
    private static final int MAX_LABEL = 40;

    private PemKeyRule() {}

    static boolean isLabelChar(int b) {
        return (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == ' ';
    }

    @Override
    boolean rangeIncludesTrigger() {
        return true;
    }

    @Override
    boolean[] nextByteClass() {
        return ByteClass.table(PemKeyRule::isLabelChar);
    }

    @Override
    RuleTracker start(long triggerStart, long triggerEnd) {
        return new Tracker(triggerStart);
    }

    private static final class Tracker extends RuleTracker {
        private static final int LABEL = 0;
        private static final int BODY = 1;
        private static final int END_MARK = 2;
        private static final int END_LABEL = 3;

        private final long start;
        private long end;
        private int phase = LABEL;
        /** The last bytes of the BEGIN line, to compare with "PRIVATE KEY-----". */
        private final byte[] tail = new byte[KEY_LABEL_END.length];

        private int length;
        private int matched;

        Tracker(long start) {
            this.start = start;
        }

        @Override
        boolean step(int b, long index, RangeSink sink) {
            end = index + 1;
            switch (phase) {
                case LABEL:
                    if (length == MAX_LABEL + 5 || !(isLabelChar(b) || b == '-')) {
                        return false;
                    }
                    System.arraycopy(tail, 1, tail, 0, tail.length - 1);
                    tail[tail.length - 1] = (byte) b;
                    length++;
                    if (length >= KEY_LABEL_END.length && java.util.Arrays.equals(tail, KEY_LABEL_END)) {
                        phase = BODY;
                    }
                    return true;
                case BODY:
                    if (b == '-') {
                        phase = END_MARK;
                        matched = 1;
                    }
                    return true;
                case END_MARK:
                    if (b == END[matched]) {
                        matched++;
                        if (matched == END.length) {
                            phase = END_LABEL;
                            matched = 0;
                            length = 0;
                        }
                    } else {
                        phase = b == '-' ? END_MARK : BODY;
                        matched = b == '-' ? Math.min(matched, 4) + 1 : 0;
                        // "------END": the dashes seen still end in a possible start of the END mark
                    }
                    return true;
                default: // END_LABEL: label characters, then five dashes
                    if (b == '-') {
                        if (++matched == 5) {
                            sink.add(start, end);
                            return false;
                        }
                        return true;
                    }
                    if (matched > 0 || !isLabelChar(b) || ++length > MAX_LABEL) {
                        phase = BODY;
                        matched = 0;
                    }
                    return true;
            }
        }

        @Override
        int inertUntil(byte[] data, int from, int to) {
            if (phase != BODY) {
                return from;
            }
            while (from < to && data[from] != '-') {
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
            if (phase != LABEL) {
                sink.add(start, streamEnd);
            }
        }

        @Override
        long holdFrom() {
            return start;
        }

        @Override
        void provisional(RangeSink sink) {
            if (phase != LABEL) {
                sink.add(start, end);
            }
        }
    }
}
