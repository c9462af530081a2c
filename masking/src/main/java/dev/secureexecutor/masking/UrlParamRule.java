package dev.secureexecutor.masking;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Sensitive URL query parameters: after {@code ?} or {@code &}, a key from {@link #KEYS} (ASCII case-insensitive)
 * and {@code =}; the value up to the next {@code ?}, {@code &}, space or control character (or end of stream) is
 * masked, even when empty: {@code ?private_token=[MASKED]}.
 *
 * <p>The trigger is the separator plus the key's first three characters in every case combination (so every trigger
 * is four bytes long, which keeps the skip loop fast); the tracker checks the rest of the key.
 */
final class UrlParamRule extends Rule {
    static final List<String> KEYS = List.of(
            "private_token",
            "authenticity_token",
            "rss_token",
            "x-amz-signature",
            "x-amz-credential",
            "x-amz-security-token");
    /** Length of the key part that is in the trigger. */
    static final int KEY_IN_TRIGGER = 3;

    private final byte[] key;

    UrlParamRule(String key) {
        this.key = key.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    boolean rangeIncludesTrigger() {
        return false;
    }

    /** The next key character, either case. */
    @Override
    boolean[] nextByteClass() {
        int next = key[KEY_IN_TRIGGER];
        return ByteClass.table(c -> ByteClass.lower(c) == next);
    }

    @Override
    RuleTracker start(long triggerStart, long triggerEnd) {
        return new Tracker(key);
    }

    private static final class Tracker extends RuleTracker {
        private final byte[] key;
        private int matched = KEY_IN_TRIGGER;
        private long start = NONE;
        private long end;

        Tracker(byte[] key) {
            this.key = key;
        }

        @Override
        boolean step(int b, long index, RangeSink sink) {
            if (start == NONE) {
                if (matched < key.length) {
                    return ByteClass.lower(b) == key[matched++];
                }
                if (b != '=') {
                    return false;
                }
                start = index + 1;
                end = start;
                return true;
            }
            if (ByteClass.endsUrlValue(b)) {
                sink.add(start, end);
                return false;
            }
            end = index + 1;
            return true;
        }

        @Override
        int inertUntil(byte[] data, int from, int end) {
            if (start == NONE) {
                return from;
            }
            while (from < end && !ByteClass.endsUrlValue(data[from] & 0xff)) {
                from++;
            }
            return from;
        }

        @Override
        void skipTo(long position) {
            if (start != NONE) {
                end = position;
            }
        }

        @Override
        void finish(long streamEnd, RangeSink sink) {
            if (start != NONE) {
                sink.add(start, end);
            }
        }

        @Override
        long holdFrom() {
            return start;
        }

        @Override
        void provisional(RangeSink sink) {
            if (start != NONE && end > start) {
                sink.add(start, end);
            }
        }
    }
}
