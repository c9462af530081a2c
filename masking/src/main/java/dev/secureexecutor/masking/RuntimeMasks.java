package dev.secureexecutor.masking;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Values registered while the job runs ({@code ::add-mask::}), shared by every stream of one {@link Masker}. Each
 * registration compiles a new automaton of all registered values' forms (no list-free rules: the main automaton has
 * them); streams switch to it at their next write. The number of values and their total size are capped so a job
 * cannot make the driver spend unbounded time recompiling.
 */
final class RuntimeMasks {
    /** At most this many values are registered. */
    static final int MAX_VALUES = 512;
    /** Together at most this many bytes. */
    static final int MAX_BYTES = 1 << 20;

    private final int minLength;
    private final List<byte[]> values = new ArrayList<>();
    private int totalBytes;
    private volatile @Nullable Automaton automaton;
    private volatile @Nullable ViewDictionary view;
    private volatile int generation;
    private boolean wiped;

    RuntimeMasks(int minLength) {
        this.minLength = minLength;
    }

    /** Why a value was not registered, or null if it was (or already is). */
    synchronized @Nullable String add(byte[] value) {
        if (wiped) {
            return "the masker was wiped";
        }
        byte[] trimmed = trim(value);
        try {
            if (trimmed.length < minLength) {
                return "shorter than " + minLength + " bytes after trimming";
            }
            for (byte[] known : values) {
                if (Arrays.equals(known, trimmed)) {
                    return null;
                }
            }
            if (values.size() >= MAX_VALUES || totalBytes + trimmed.length > MAX_BYTES) {
                return "more than " + MAX_VALUES + " values or " + MAX_BYTES + " bytes registered";
            }
            values.add(trimmed.clone());
            totalBytes += trimmed.length;
            PatternSet patterns = new PatternSet();
            PatternSet viewValues = new PatternSet();
            try {
                for (byte[] known : values) {
                    SecretForms.addAll(known, minLength, patterns, viewValues);
                }
                view = ViewDictionary.of(viewValues);
                // streams still scanning with the previous automaton keep their reference until their next
                // write; it is not wiped here (a concurrent scan would then miss), only dropped
                automaton = AutomatonBuilder.build(patterns);
                generation++;
            } finally {
                patterns.wipe();
                viewValues.wipe();
            }
            return null;
        } finally {
            Arrays.fill(trimmed, (byte) 0);
        }
    }

    int generation() {
        return generation;
    }

    /** The values' decoded-view dictionary of the current generation; null while nothing is registered. */
    @Nullable
    ViewDictionary view() {
        return view;
    }

    /** The automaton of the current generation; null while nothing is registered. */
    @Nullable
    Automaton automaton() {
        return automaton;
    }

    synchronized int count() {
        return values.size();
    }

    /** Passes each registered value to {@code use}, which must not keep the array. */
    synchronized void forEach(Consumer<byte[]> use) {
        values.forEach(use);
    }

    synchronized void wipe() {
        wiped = true;
        values.forEach(v -> Arrays.fill(v, (byte) 0));
        values.clear();
        Automaton current = automaton;
        ViewDictionary currentView = view;
        automaton = null;
        view = null;
        generation++;
        if (current != null) {
            current.wipe();
        }
        if (currentView != null) {
            currentView.wipe();
        }
    }

    private static byte[] trim(byte[] value) {
        int from = 0;
        int to = value.length;
        while (from < to && ByteClass.isWhitespace(value[from] & 0xff)) {
            from++;
        }
        while (to > from && ByteClass.isWhitespace(value[to - 1] & 0xff)) {
            to--;
        }
        return Arrays.copyOfRange(value, from, to);
    }
}
