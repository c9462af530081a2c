package dev.secureexecutor.masking;

/**
 * AWS access key ids: {@code AKIA} (long-term) or {@code ASIA} (temporary, from STS) followed by 16 characters of
 * {@code [A-Z2-7]}; the whole id is masked. No list of secrets is needed: an id is the half of a credential pair
 * that a job prints most often ({@code aws sts get-caller-identity}, {@code aws configure list}).
 */
final class AwsKeyIdRule extends Rule {
    static final AwsKeyIdRule INSTANCE = new AwsKeyIdRule();
    static final String[] TRIGGERS = {"AKIA", "ASIA"};
    static final int BODY = 16;

    private AwsKeyIdRule() {}

    static boolean isBodyChar(int b) {
        return (b >= 'A' && b <= 'Z') || (b >= '2' && b <= '7');
    }

    @Override
    boolean rangeIncludesTrigger() {
        return true;
    }

    @Override
    boolean[] nextByteClass() {
        return ByteClass.table(AwsKeyIdRule::isBodyChar);
    }

    @Override
    RuleTracker start(long triggerStart, long triggerEnd) {
        return new Tracker(triggerStart);
    }

    private static final class Tracker extends RuleTracker {
        private final long start;
        private int seen;

        Tracker(long start) {
            this.start = start;
        }

        @Override
        boolean step(int b, long index, RangeSink sink) {
            if (!isBodyChar(b)) {
                return false;
            }
            if (++seen == BODY) {
                sink.add(start, index + 1);
                return false;
            }
            return true;
        }

        @Override
        void finish(long end, RangeSink sink) {}

        @Override
        long holdFrom() {
            return start;
        }
    }
}
