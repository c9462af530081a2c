package dev.secureexecutor.masking;

import org.jspecify.annotations.Nullable;

/** The secret values (not their encoded forms) compiled for the {@link DecodedViewScanner}. */
final class ViewDictionary {
    final Automaton automaton;
    final int longest;

    private ViewDictionary(Automaton automaton, int longest) {
        this.automaton = automaton;
        this.longest = longest;
    }

    /** Compiles {@code values} (literals only); null if there are none. Does not wipe {@code values}. */
    static @Nullable ViewDictionary of(PatternSet values) {
        int longest = 0;
        for (PatternSet.Entry entry : values.entries()) {
            longest = Math.max(longest, entry.bytes.length);
        }
        return longest == 0 ? null : new ViewDictionary(AutomatonBuilder.build(values), longest);
    }

    DecodedViewScanner scanner(long start) {
        return new DecodedViewScanner(automaton, longest, start);
    }

    void wipe() {
        automaton.wipe();
    }
}
