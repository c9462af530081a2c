package dev.secureexecutor.masking;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The distinct byte patterns to compile: literal forms (masked where they occur) and rule triggers (start a
 * {@link RuleTracker}). One pattern can be both. Owns copies of the pattern bytes; {@link #wipe()} zeroes them.
 */
final class PatternSet {
    /** One distinct pattern. */
    static final class Entry {
        final byte[] bytes;
        boolean literal;
        final List<Rule> rules = new ArrayList<>(1);

        Entry(byte[] bytes) {
            this.bytes = bytes;
        }

        /** Whether a partial match of this pattern must be held back (a range can start at its first byte). */
        boolean holds() {
            if (literal) {
                return true;
            }
            for (Rule rule : rules) {
                if (rule.rangeIncludesTrigger()) {
                    return true;
                }
            }
            return false;
        }
    }

    private final Map<ByteBuffer, Entry> entries = new LinkedHashMap<>();

    /** Adds a literal form; copies {@code bytes}. Empty patterns are ignored. */
    void addLiteral(byte[] bytes) {
        Entry entry = entry(bytes);
        if (entry != null) {
            entry.literal = true;
        }
    }

    /** Adds a trigger for {@code rule}; copies {@code bytes}. Empty patterns are ignored. */
    void addTrigger(byte[] bytes, Rule rule) {
        Entry entry = entry(bytes);
        if (entry != null && !entry.rules.contains(rule)) {
            entry.rules.add(rule);
        }
    }

    int size() {
        return entries.size();
    }

    List<Entry> entries() {
        return new ArrayList<>(entries.values());
    }

    /** Copies of the literal patterns, for tests and the reference implementation. */
    List<byte[]> literals() {
        List<byte[]> result = new ArrayList<>();
        for (Entry entry : entries.values()) {
            if (entry.literal) {
                result.add(entry.bytes.clone());
            }
        }
        return result;
    }

    void wipe() {
        for (Entry entry : entries.values()) {
            Arrays.fill(entry.bytes, (byte) 0);
        }
        entries.clear();
    }

    private @Nullable Entry entry(byte[] bytes) {
        if (bytes.length == 0) {
            return null;
        }
        Entry existing = entries.get(ByteBuffer.wrap(bytes));
        if (existing != null) {
            return existing;
        }
        Entry created = new Entry(bytes.clone());
        entries.put(ByteBuffer.wrap(created.bytes), created);
        return created;
    }
}
