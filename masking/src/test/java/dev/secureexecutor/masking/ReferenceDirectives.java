package dev.secureexecutor.masking;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reference for {@code ::add-mask::} lines, whole input at once: removes directive lines, inserts the notices, and
 * gives the ranges the registered values mask in what remains (only at or after their registration). Shares no
 * code with the engine except the derivation of a value's forms ({@link Masker.Builder}).
 */
final class ReferenceDirectives {
    private static final byte[] MARKER = "::add-mask::".getBytes(StandardCharsets.US_ASCII);
    private final ByteArrayOutputStream filtered = new ByteArrayOutputStream();
    private final List<byte[]> values = new ArrayList<>();
    private final List<Integer> from = new ArrayList<>();
    private final int minLength;

    ReferenceDirectives(byte[] input, int minLength) {
        this.minLength = minLength;
        int i = 0;
        while (i < input.length) {
            boolean lineStart = i == 0 || input[i - 1] == '\n' || input[i - 1] == '\r';
            if (lineStart && startsWith(input, i)) {
                int end = i + MARKER.length;
                while (end < input.length && input[end] != '\n') {
                    end++;
                }
                register(Arrays.copyOfRange(input, i + MARKER.length, end));
                i = Math.min(end + 1, input.length);
                continue;
            }
            filtered.write(input[i]);
            i++;
        }
    }

    byte[] filtered() {
        return filtered.toByteArray();
    }

    /** The ranges the registered values mask in {@link #filtered()}: every form, and every decoded-view value. */
    List<long[]> ranges() {
        List<long[]> ranges = new ArrayList<>();
        String s = ReferenceMasker.latin1(filtered());
        ReferenceView view = new ReferenceView(s);
        for (int k = 0; k < values.size(); k++) {
            int min = from.get(k);
            Masker.Builder builder = Masker.builder().minLength(minLength).secret(Secret.ofBytes("v", values.get(k)));
            for (byte[] form : builder.literalForms()) {
                String f = ReferenceMasker.latin1(form);
                for (int a = s.indexOf(f, min); a >= 0; a = s.indexOf(f, a + 1)) {
                    ranges.add(new long[] {a, a + f.length()});
                }
            }
            for (byte[] value : builder.viewValues()) {
                ranges.addAll(view.occurrences(ReferenceMasker.latin1(value), min));
            }
        }
        return ranges;
    }

    private void register(byte[] raw) {
        String refused = null;
        String t = ReferenceMasker.latin1(raw).replaceAll("^[ \\t\\n\\x0B\\f\\r]+|[ \\t\\n\\x0B\\f\\r]+$", "");
        byte[] value = t.getBytes(StandardCharsets.ISO_8859_1);
        if (raw.length > AddMaskDirectives.MAX_VALUE) {
            refused = "longer than " + AddMaskDirectives.MAX_VALUE + " bytes";
        } else if (value.length < minLength) {
            refused = "shorter than " + minLength + " bytes after trimming";
        } else if (values.stream().noneMatch(v -> Arrays.equals(v, value))) {
            values.add(value);
            from.add(filtered.size());
        }
        if (refused != null) {
            filtered.writeBytes(
                    ("secure-executor: WARNING: an ::add-mask:: value was not registered: " + refused + "\n")
                            .getBytes(StandardCharsets.UTF_8));
        }
    }

    private static boolean startsWith(byte[] input, int i) {
        return i + MARKER.length <= input.length
                && Arrays.equals(input, i, i + MARKER.length, MARKER, 0, MARKER.length);
    }
}
