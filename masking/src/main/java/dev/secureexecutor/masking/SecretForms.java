package dev.secureexecutor.masking;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Derives every pattern of one secret and adds it to a {@link PatternSet}.
 *
 * <ul>
 *   <li>The value is trimmed of ASCII whitespace; if it is then shorter than the minimum length it is ignored.</li>
 *   <li>Values: the trimmed secret; for a multi-line secret also its trimmed non-empty lines rejoined with LF and
 *       with CRLF, and each such line on its own if it reaches the minimum length.</li>
 *   <li>Forms of each value: raw, {@link Base64Forms}, {@link EscapedForms}; forms shorter than the minimum length
 *       are dropped.</li>
 *   <li>A multi-line secret (two or more non-empty lines) also gets a {@link MultiLineRule}: its lines separated
 *       by any run of whitespace, triggered by its first line.</li>
 * </ul>
 */
final class SecretForms {
    private SecretForms() {}

    /** Adds the patterns of {@code secret} (not modified, not kept) to {@code patterns}. */
    static void addAll(byte[] secret, int minLength, PatternSet patterns) {
        addAll(secret, minLength, patterns, null);
    }

    /**
     * As {@link #addAll(byte[], int, PatternSet)}, and adds each value (not its encoded forms) that reaches the
     * minimum length to {@code values} if not null: the dictionary of the {@link DecodedViewScanner}.
     */
    static void addAll(byte[] secret, int minLength, PatternSet patterns, @Nullable PatternSet viewValues) {
        int from = 0;
        int to = secret.length;
        while (from < to && ByteClass.isWhitespace(secret[from] & 0xff)) {
            from++;
        }
        while (to > from && ByteClass.isWhitespace(secret[to - 1] & 0xff)) {
            to--;
        }
        if (to - from < Math.max(1, minLength)) {
            return;
        }
        Map<ByteBuffer, byte[]> values = new LinkedHashMap<>();
        byte[] trimmed = Arrays.copyOfRange(secret, from, to);
        put(values, trimmed);
        List<byte[]> lines = lines(trimmed);
        if (lines.size() >= 2) {
            put(values, join(lines, new byte[] {'\n'}));
            put(values, join(lines, new byte[] {'\r', '\n'}));
            for (byte[] line : lines) {
                if (line.length >= minLength) {
                    put(values, line.clone());
                }
            }
            byte[][] ruleLines = new byte[lines.size()][];
            for (int i = 0; i < ruleLines.length; i++) {
                ruleLines[i] = lines.get(i).clone();
            }
            MultiLineRule rule = new MultiLineRule(ruleLines);
            patterns.addTrigger(rule.firstLine(), rule);
        }
        Consumer<byte[]> add = form -> {
            if (form.length >= minLength) {
                patterns.addLiteral(form);
            }
        };
        for (byte[] value : values.values()) {
            add.accept(value);
            if (viewValues != null && value.length >= minLength) {
                viewValues.addLiteral(value);
            }
            Base64Forms.forEach(value, add);
            EscapedForms.forEach(value, add);
            Arrays.fill(value, (byte) 0);
        }
        for (byte[] line : lines) {
            Arrays.fill(line, (byte) 0);
        }
    }

    private static void put(Map<ByteBuffer, byte[]> values, byte[] value) {
        if (values.putIfAbsent(ByteBuffer.wrap(value), value) != null) {
            Arrays.fill(value, (byte) 0);
        }
    }

    /** The trimmed, non-empty lines of {@code value}, split at CR, LF or CRLF. */
    private static List<byte[]> lines(byte[] value) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= value.length; i++) {
            if (i == value.length || value[i] == '\n' || value[i] == '\r') {
                int a = start;
                int b = i;
                while (a < b && ByteClass.isWhitespace(value[a] & 0xff)) {
                    a++;
                }
                while (b > a && ByteClass.isWhitespace(value[b - 1] & 0xff)) {
                    b--;
                }
                if (b > a) {
                    lines.add(Arrays.copyOfRange(value, a, b));
                }
                start = i + 1;
            }
        }
        return lines;
    }

    private static byte[] join(List<byte[]> lines, byte[] separator) {
        int length = separator.length * (lines.size() - 1);
        for (byte[] line : lines) {
            length += line.length;
        }
        byte[] joined = new byte[length];
        int k = 0;
        for (byte[] line : lines) {
            if (k > 0) {
                System.arraycopy(separator, 0, joined, k, separator.length);
                k += separator.length;
            }
            System.arraycopy(line, 0, joined, k, line.length);
            k += line.length;
        }
        return joined;
    }
}
