package dev.secureexecutor.masking;

import org.jspecify.annotations.Nullable;

/**
 * A list-free rule (or the whitespace-tolerant part of a multi-line secret). The automaton reports where the
 * rule's trigger pattern ends; the rule then starts a {@link RuleTracker} that follows the bytes after it.
 */
abstract class Rule {
    /** How far back from a trigger's end a {@link #lookBehind()} may reach (the scanner keeps this much history). */
    static final int MAX_REACH = 64;

    private static final byte[] NOTHING = new byte[0];

    /**
     * Whether the masked range can start at the trigger's first byte. If so, the automaton must hold the
     * trigger's bytes back while it is partially matched; otherwise they are always shown.
     */
    abstract boolean rangeIncludesTrigger();

    /** A tracker for one trigger occurrence {@code [triggerStart, triggerEnd)}. */
    abstract RuleTracker start(long triggerStart, long triggerEnd);

    /**
     * The bytes that can follow the trigger in an occurrence that matters: after any other byte the tracker ends
     * at once, reporting nothing and holding nothing. Null if any byte can matter. The skip filter uses it to
     * treat the trigger as one byte longer (a larger probe stride); the automaton still matches the trigger alone.
     */
    boolean @Nullable [] nextByteClass() {
        return null;
    }

    /**
     * Bytes that must come right before the trigger for an occurrence to count (possibly from earlier writes);
     * empty if none. It lets a rule use a rarer tail of a longer marker as its trigger, which the skip filter
     * probes for, without changing what the rule matches.
     */
    byte[] lookBehind() {
        return NOTHING;
    }

    /**
     * Whether the trigger occurrence ending just before {@code data[from]} certainly reports nothing, judged from
     * {@code data[from, end)} alone (the bytes of the current write after the trigger). Then no tracker is started:
     * a tracker that ends without a range changes no output, it would only hold bytes back for a while. False
     * when the bytes available cannot tell.
     */
    boolean certainlyInert(byte[] data, int from, int end) {
        return false;
    }

    /** Zeroes any secret bytes this rule holds. */
    void wipe() {}
}
