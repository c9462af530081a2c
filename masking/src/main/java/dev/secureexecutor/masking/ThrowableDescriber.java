package dev.secureexecutor.masking;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Renders an exception chain as one masked line without a stack trace; see {@link Masker#describe(Throwable)}. */
final class ThrowableDescriber {
    private static final int MAX_DEPTH = 32;

    private ThrowableDescriber() {}

    static String describe(Throwable t, UnaryOperator<String> mask) {
        if (t == null) {
            return "null";
        }
        StringBuilder text = new StringBuilder();
        append(text, t, Collections.newSetFromMap(new IdentityHashMap<>()), 0);
        String masked = mask.apply(text.toString());
        return masked.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
    }

    private static void append(StringBuilder text, Throwable t, Set<Throwable> seen, int depth) {
        if (!seen.add(t) || depth > MAX_DEPTH) {
            text.append("...");
            return;
        }
        String name = t.getClass().getSimpleName();
        text.append(name.isEmpty() ? t.getClass().getName() : name);
        String message = t.getMessage();
        if (message != null) {
            text.append(": ").append(message);
        }
        for (Throwable suppressed : t.getSuppressed()) {
            text.append(" (suppressed: ");
            append(text, suppressed, seen, depth + 1);
            text.append(')');
        }
        if (t.getCause() != null) {
            text.append(" (cause: ");
            append(text, t.getCause(), seen, depth + 1);
            text.append(')');
        }
    }
}
