package dev.secureexecutor.masking;

import java.util.List;

/**
 * Values of credential fields, list-free, in the shapes cloud tools print them: JSON ({@code "SecretAccessKey":
 * "..."}, STS, {@code aws configure export-credentials}, {@code credential_process}; GCP service-account
 * {@code "private_key"}; Azure {@code "clientSecret"}), ini and env ({@code aws_secret_access_key = ...},
 * {@code AWS_SESSION_TOKEN=...}, {@code client_secret=...}) and XML ({@code <SecretAccessKey>...<}, the STS query
 * API's default). The key (any of {@link #KEYS}, exact spelling, anywhere in a word) is followed by an optional
 * closing quote, spaces or tabs, one of {@code : = >}, spaces or tabs, and an optional opening quote. The value
 * is masked (the key and quotes stay visible): a quoted value up to its closing quote (a backslash escapes the
 * next byte in double quotes) or a line break; an unquoted value up to whitespace, a control byte or one of
 * {@code " ' , ; < } ]}. An empty value masks nothing.
 */
final class CredentialFieldRule extends Rule {
    static final CredentialFieldRule INSTANCE = new CredentialFieldRule();
    static final List<String> KEYS = List.of(
            "SecretAccessKey",
            "secret_access_key",
            "SECRET_ACCESS_KEY",
            "SessionToken",
            "session_token",
            "SESSION_TOKEN",
            "private_key",
            "PRIVATE_KEY",
            "client_secret",
            "clientSecret",
            "CLIENT_SECRET");
    /** Bytes of separator accepted between key and value (quotes, blanks, one of {@code : = >}). */
    private static final int MAX_SEPARATOR = 16;

    private CredentialFieldRule() {}

    @Override
    boolean rangeIncludesTrigger() {
        return false;
    }

    @Override
    boolean[] nextByteClass() {
        return ByteClass.table(c -> c == '"' || c == '\'' || c == ' ' || c == '\t' || c == ':' || c == '=' || c == '>');
    }

    static boolean endsUnquoted(int b) {
        return b <= 0x20 || b == 0x7f || b == '"' || b == '\'' || b == ',' || b == ';' || b == '<' || b == '}'
                || b == ']';
    }

    @Override
    RuleTracker start(long triggerStart, long triggerEnd) {
        return new Tracker(triggerEnd);
    }

    private static final class Tracker extends RuleTracker {
        private static final int KEY_QUOTE = 0;
        private static final int BEFORE_SEP = 1;
        private static final int AFTER_SEP = 2;
        private static final int VALUE = 3;

        private int phase = KEY_QUOTE;
        private int separatorBytes;
        private int quote;
        private boolean escaped;
        private long next;
        private long start = NONE;
        private long end;

        Tracker(long triggerEnd) {
            this.next = triggerEnd;
        }

        @Override
        boolean step(int b, long index, RangeSink sink) {
            next = index + 1;
            if (phase == VALUE) {
                return stepValue(b, index, sink);
            }
            if (++separatorBytes > MAX_SEPARATOR) {
                return false;
            }
            switch (phase) {
                case KEY_QUOTE:
                    phase = BEFORE_SEP;
                    // a closing quote of the key, or already the separator part
                    return b == '"' || b == '\'' || beforeSeparator(b);
                case BEFORE_SEP:
                    return beforeSeparator(b);
                default: // AFTER_SEP
                    if (b == ' ' || b == '\t') {
                        return true;
                    }
                    phase = VALUE;
                    if (quote == 0 && (b == '"' || b == '\'')) {
                        quote = b;
                        start = index + 1;
                        end = start;
                        return true;
                    }
                    start = index;
                    end = start;
                    return stepValue(b, index, sink);
            }
        }

        private boolean beforeSeparator(int b) {
            if (b == ' ' || b == '\t') {
                return true;
            }
            if (b == ':' || b == '=' || b == '>') {
                phase = AFTER_SEP;
                quote = b == '>' ? '<' : 0; // XML: the value ends at '<'
                return true;
            }
            return false;
        }

        private boolean stepValue(int b, long index, RangeSink sink) {
            boolean ends;
            if (quote == '"' || quote == '\'') {
                if (escaped) {
                    escaped = false;
                    ends = b == '\n' || b == '\r';
                } else {
                    escaped = quote == '"' && b == '\\';
                    ends = b == quote || b == '\n' || b == '\r';
                }
            } else {
                ends = quote == '<' ? b == '<' || b == '\n' || b == '\r' : endsUnquoted(b);
            }
            if (ends) {
                if (end > start) {
                    sink.add(start, end);
                }
                return false;
            }
            end = index + 1;
            return true;
        }

        @Override
        int inertUntil(byte[] data, int from, int to) {
            if (phase != VALUE || quote != 0 || escaped) {
                return from;
            }
            while (from < to && !endsUnquoted(data[from] & 0xff)) {
                from++;
            }
            return from;
        }

        @Override
        void skipTo(long position) {
            if (phase == VALUE) {
                end = position;
                next = position;
            }
        }

        @Override
        void finish(long streamEnd, RangeSink sink) {
            if (phase == VALUE && end > start) {
                sink.add(start, end);
            }
        }

        @Override
        long holdFrom() {
            return phase == VALUE ? start : next;
        }

        @Override
        void provisional(RangeSink sink) {
            if (phase == VALUE && end > start) {
                sink.add(start, end);
            }
        }
    }
}
