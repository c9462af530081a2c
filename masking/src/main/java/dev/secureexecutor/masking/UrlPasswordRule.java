package dev.secureexecutor.masking;

/**
 * Passwords in URL user information: after a scheme character ({@code [A-Za-z0-9+.-]}) and {@code ://} (the
 * trigger, four bytes), a user name (no {@code :} or {@code @}, possibly empty),
 * {@code :}, then everything up to the <em>last</em> {@code @} before the authority ends (at {@code / ? #}, a quote,
 * angle bracket, backtick, backslash, space or control character, or end of stream) is masked:
 * {@code https://user:[MASKED]@host}. Without an {@code @} nothing is masked ({@code http://host:8080/}).
 */
final class UrlPasswordRule extends Rule {
    static final UrlPasswordRule INSTANCE = new UrlPasswordRule();
    static final String TRIGGER_TAIL = "://";
    static final String SCHEME_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+.-";

    private UrlPasswordRule() {}

    @Override
    boolean rangeIncludesTrigger() {
        return false;
    }

    /** An authority end or {@code @} right after {@code ://} ends the tracker with nothing to report. */
    @Override
    boolean[] nextByteClass() {
        return ByteClass.table(c -> !ByteClass.endsAuthority(c) && c != '@');
    }

    @Override
    RuleTracker start(long triggerStart, long triggerEnd) {
        return new Tracker();
    }

    /** No {@code @} before the authority ends: nothing to mask (the common {@code https://host/path}). */
    @Override
    boolean certainlyInert(byte[] data, int from, int end) {
        for (int i = from; i < end; i++) {
            int b = data[i] & 0xff;
            if (b == '@') {
                return false;
            }
            if (ByteClass.endsAuthority(b)) {
                return true;
            }
        }
        return false;
    }

    private static final class Tracker extends RuleTracker {
        private long start = NONE;
        private long lastAt = NONE;

        @Override
        boolean step(int b, long index, RangeSink sink) {
            if (ByteClass.endsAuthority(b)) {
                finish(index, sink);
                return false;
            }
            if (start == NONE) {
                if (b == ':') {
                    start = index + 1;
                    return true;
                }
                return b != '@';
            }
            if (b == '@' && index > start) {
                lastAt = index;
            }
            return true;
        }

        @Override
        int inertUntil(byte[] data, int from, int end) {
            while (from < end) {
                int b = data[from] & 0xff;
                if (b == '@' || ByteClass.endsAuthority(b) || (b == ':' && start == NONE)) {
                    break;
                }
                from++;
            }
            return from;
        }

        @Override
        void finish(long streamEnd, RangeSink sink) {
            if (lastAt != NONE) {
                sink.add(start, lastAt);
            }
        }

        @Override
        long holdFrom() {
            return start;
        }

        @Override
        void provisional(RangeSink sink) {
            finish(lastAt, sink);
        }
    }
}
