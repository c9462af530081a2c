package dev.secureexecutor.masking;

/**
 * Passwords in URL user information: after {@code ://}, a user name (no {@code :} or {@code @}, possibly empty),
 * {@code :}, then everything up to the <em>last</em> {@code @} before the authority ends (at {@code / ? #}, a quote,
 * angle bracket, backtick, backslash, space or control character, or end of stream) is masked:
 * {@code https://user:[MASKED]@host}. Without an {@code @} nothing is masked ({@code http://host:8080/}).
 */
final class UrlPasswordRule extends Rule {
    static final UrlPasswordRule INSTANCE = new UrlPasswordRule();
    static final String TRIGGER = "://";

    private UrlPasswordRule() {
    }

    @Override
    boolean rangeIncludesTrigger() {
        return false;
    }

    @Override
    RuleTracker start(long triggerStart, long triggerEnd) {
        return new Tracker();
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
