package dev.secureexecutor.masking;

import java.util.ArrayList;
import java.util.List;

/**
 * Non-streaming reference for the decoded view: tokenizes a whole input (Latin-1 string) by the grammar of
 * {@link ViewTokenizer}'s documentation and finds values in it. Shares no code with the engine.
 */
final class ReferenceView {
    private final StringBuilder view = new StringBuilder();
    private final List<int[]> origin = new ArrayList<>();

    ReferenceView(String s) {
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                view.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                origin.add(new int[] {i, i + 3});
                i += 3;
                continue;
            }
            int escapeEnd = c == 0x1b ? escapeEnd(s, i) : -1;
            if (escapeEnd > 0) {
                i = escapeEnd;
                continue;
            }
            view.append(c);
            origin.add(new int[] {i, i + 1});
            i++;
        }
    }

    /** Ranges {@code [first byte, after last byte)} of every occurrence of {@code value} in the view, from {@code min}. */
    List<long[]> occurrences(String value, int min) {
        List<long[]> ranges = new ArrayList<>();
        String v = view.toString();
        for (int a = v.indexOf(value); a >= 0; a = v.indexOf(value, a + 1)) {
            int from = origin.get(a)[0];
            if (from >= min) {
                ranges.add(new long[] {from, origin.get(a + value.length() - 1)[1]});
            }
        }
        return ranges;
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128;
    }

    /** End (exclusive) of a CSI or OSC sequence starting at {@code i}, or -1. */
    private static int escapeEnd(String s, int i) {
        if (i + 1 >= s.length()) {
            return -1;
        }
        if (s.charAt(i + 1) == '[') {
            for (int j = i + 2; j < s.length() && j - i < ViewTokenizer.MAX_CSI; j++) {
                char c = s.charAt(j);
                if (c >= 0x40 && c <= 0x7e) {
                    return j + 1;
                }
                if (c < 0x20 || c > 0x3f) {
                    return -1;
                }
            }
            return -1;
        }
        if (s.charAt(i + 1) == ']') {
            for (int j = i + 2; j < s.length() && j - i < ViewTokenizer.MAX_OSC; j++) {
                char c = s.charAt(j);
                if (c == 0x07) {
                    return j + 1;
                }
                if (c == 0x1b) {
                    return j + 1 < s.length() && s.charAt(j + 1) == '\\' && j + 1 - i < ViewTokenizer.MAX_OSC
                            ? j + 2
                            : -1;
                }
                if (c < 0x20 || c == 0x7f) {
                    return -1;
                }
            }
        }
        return -1;
    }
}
