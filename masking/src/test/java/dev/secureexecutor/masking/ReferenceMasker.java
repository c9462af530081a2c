package dev.secureexecutor.masking;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately simple, non-streaming reference for the masking semantics: finds every match of every literal
 * and rule over the whole input with indexOf and regular expressions, merges overlapping ranges and renders.
 * Shares no matching code with the engine. Bytes are mapped 1:1 to chars (ISO-8859-1).
 */
final class ReferenceMasker {
    private static final String SEG = "[A-Za-z0-9_-]+";
    private static final Pattern JWT = Pattern.compile(SEG + "\\." + SEG + "\\." + SEG + "(?:\\." + SEG + ")*");
    private static final Pattern URL_PARAM = Pattern.compile("[?&](?i:private_token|authenticity_token|rss_token"
            + "|x-amz-signature|x-amz-credential|x-amz-security-token)=([^?&\\x00-\\x20\\x7f]*)");
    private static final String NOT_AUTHORITY = "/?#\"'<>`\\\\\\x00-\\x20\\x7f";
    private static final Pattern USERINFO =
            Pattern.compile("([^:@" + NOT_AUTHORITY + "]*):([^" + NOT_AUTHORITY + "]*)");
    private static final Pattern TOKEN_RUN = Pattern.compile("[A-Za-z0-9._=-]+");

    private final List<String> literals = new ArrayList<>();
    private final List<String> prefixes = new ArrayList<>();
    private final List<Pattern> multiLine = new ArrayList<>();

    ReferenceMasker(List<byte[]> literalForms, List<String> tokenPrefixes, List<List<String>> multiLineSecrets) {
        for (byte[] form : literalForms) {
            literals.add(latin1(form));
        }
        prefixes.addAll(tokenPrefixes);
        for (List<String> lines : multiLineSecrets) {
            StringBuilder regex = new StringBuilder();
            for (String line : lines) {
                if (regex.length() > 0) {
                    regex.append("[ \\t\\n\\x0B\\f\\r]+");
                }
                regex.append(Pattern.quote(line));
            }
            multiLine.add(Pattern.compile(regex.toString()));
        }
    }

    static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    byte[] mask(byte[] input) {
        return mask(input, new ArrayList<>());
    }

    /** Masks with {@code extra} ranges (decoded-view and run-time matches) on top of this masker's own. */
    byte[] mask(byte[] input, List<long[]> extra) {
        String s = latin1(input);
        List<long[]> ranges = new ArrayList<>(extra);
        ReferenceCloudRules.addRanges(s, ranges);
        for (String literal : literals) {
            for (int i = s.indexOf(literal); i >= 0; i = s.indexOf(literal, i + 1)) {
                ranges.add(new long[] {i, i + literal.length()});
            }
        }
        for (String prefix : prefixes) {
            for (int i = s.indexOf(prefix); i >= 0; i = s.indexOf(prefix, i + 1)) {
                Matcher m = TOKEN_RUN.matcher(s).region(i + prefix.length(), s.length());
                if (m.lookingAt()) {
                    ranges.add(new long[] {m.start(), m.end()});
                }
            }
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '?' || c == '&') {
                Matcher m = URL_PARAM.matcher(s).region(i, s.length());
                if (m.lookingAt()) {
                    ranges.add(new long[] {m.start(1), m.end(1)});
                }
            }
            if (s.startsWith("eyJ", i) && i + 3 < s.length() && isSegmentChar(s.charAt(i + 3))) {
                Matcher m = JWT.matcher(s).region(i, s.length());
                if (m.lookingAt()) {
                    ranges.add(new long[] {i, m.end()});
                }
            }
            if (s.startsWith("://", i) && i > 0 && isSchemeChar(s.charAt(i - 1))) {
                Matcher m = USERINFO.matcher(s).region(i + 3, s.length());
                if (m.lookingAt()) {
                    int at = s.lastIndexOf('@', m.end(2) - 1);
                    if (at > m.start(2)) {
                        ranges.add(new long[] {m.start(2), at});
                    }
                }
            }
            for (Pattern p : multiLine) {
                Matcher m = p.matcher(s).region(i, s.length());
                if (m.lookingAt()) {
                    ranges.add(new long[] {i, m.end()});
                }
            }
        }
        return render(input, ranges);
    }

    private static boolean isSegmentChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-');
    }

    private static boolean isSchemeChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '+' || c == '.' || c == '-');
    }

    /** Overlapping ranges merge; touching ones do not; an empty range strictly inside a region is absorbed. */
    private static byte[] render(byte[] input, List<long[]> ranges) {
        ranges.sort(Comparator.<long[]>comparingLong(r -> r[0]).thenComparingLong(r -> r[1]));
        StringBuilder out = new StringBuilder();
        String s = latin1(input);
        int pos = 0;
        int i = 0;
        while (i < ranges.size()) {
            long start = ranges.get(i)[0];
            long end = ranges.get(i)[1];
            i++;
            if (end > start) {
                boolean grew = true;
                while (grew) {
                    grew = false;
                    for (int j = i; j < ranges.size(); j++) {
                        long[] r = ranges.get(j);
                        boolean overlaps = r[1] > r[0] ? r[0] < end : r[0] > start && r[0] < end;
                        if (overlaps) {
                            end = Math.max(end, r[1]);
                            ranges.remove(j--);
                            grew = true;
                        }
                    }
                }
            } else {
                // duplicates of the same empty range are one match
                while (i < ranges.size() && ranges.get(i)[0] == start && ranges.get(i)[1] == start) {
                    i++;
                }
            }
            out.append(s, pos, (int) start).append("[MASKED]");
            pos = (int) end;
        }
        out.append(s, pos, s.length());
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
