package dev.secureexecutor.masking;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reference (regular expressions, whole input) for the cloud credential rules; shares no code with the engine. */
final class ReferenceCloudRules {
    private static final Pattern KEY_ID = Pattern.compile("(?:AKIA|ASIA)[A-Z2-7]{16}");
    private static final Pattern SEPARATOR = Pattern.compile("([\"']?)([ \\t]*)([:=>])([ \\t]*)");
    private static final Pattern PEM_END = Pattern.compile("-----END [A-Z0-9 ]{0,40}-----");
    private static final String PEM_BEGIN = "-----BEGIN ";
    private static final String PEM_LABEL_END = "PRIVATE KEY-----";
    private static final List<String> KEYS = List.of(
            "SecretAccessKey",
            "secret_access_key",
            "SECRET_ACCESS_KEY",
            "SessionToken",
            "session_token",
            "SESSION_TOKEN",
            "private_key",
            "PRIVATE_KEY",
            "client_secret",
            "clientSecret",
            "CLIENT_SECRET");

    private ReferenceCloudRules() {}

    static void addRanges(String s, List<long[]> ranges) {
        for (int i = 0; i < s.length(); i++) {
            if (s.startsWith("AKIA", i) || s.startsWith("ASIA", i)) {
                Matcher m = KEY_ID.matcher(s).region(i, s.length());
                if (m.lookingAt()) {
                    ranges.add(new long[] {i, m.end()});
                }
            }
            if (s.startsWith(PEM_BEGIN, i)) {
                pem(s, i, ranges);
            }
        }
        for (String key : KEYS) {
            for (int i = s.indexOf(key); i >= 0; i = s.indexOf(key, i + 1)) {
                field(s, i + key.length(), ranges);
            }
        }
    }

    private static void field(String s, int j, List<long[]> ranges) {
        Matcher m = SEPARATOR.matcher(s).region(j, s.length());
        if (!m.lookingAt() || m.end() >= s.length() || m.end() - j + 1 > 16) {
            return;
        }
        int k = m.end();
        boolean xml = m.group(3).equals(">");
        char first = s.charAt(k);
        if (!xml && (first == '"' || first == '\'')) {
            int e = k + 1;
            while (e < s.length()) {
                char c = s.charAt(e);
                if (c == '\n' || c == '\r' || c == first) {
                    break;
                }
                if (first == '"' && c == '\\') {
                    if (e + 1 < s.length() && (s.charAt(e + 1) == '\n' || s.charAt(e + 1) == '\r')) {
                        e++;
                        break;
                    }
                    e = Math.min(e + 2, s.length());
                    continue;
                }
                e++;
            }
            addIfNotEmpty(ranges, k + 1, Math.min(e, s.length()));
            return;
        }
        int e = k;
        while (e < s.length()
                && !(xml
                        ? s.charAt(e) == '<' || s.charAt(e) == '\n' || s.charAt(e) == '\r'
                        : endsUnquoted(s.charAt(e)))) {
            e++;
        }
        addIfNotEmpty(ranges, k, e);
    }

    private static boolean endsUnquoted(char c) {
        return c <= 0x20 || c == 0x7f || "\"',;<}]".indexOf(c) >= 0;
    }

    private static void addIfNotEmpty(List<long[]> ranges, int from, int to) {
        if (to > from) {
            ranges.add(new long[] {from, to});
        }
    }

    private static void pem(String s, int i, List<long[]> ranges) {
        int j = i + PEM_BEGIN.length();
        int length = 0;
        while (true) {
            if (j >= s.length() || length == 45) {
                return;
            }
            char c = s.charAt(j);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' || c == '-')) {
                return;
            }
            j++;
            length++;
            if (length >= PEM_LABEL_END.length() && s.startsWith(PEM_LABEL_END, j - PEM_LABEL_END.length())) {
                break;
            }
        }
        Matcher end = PEM_END.matcher(s);
        ranges.add(new long[] {i, end.find(j) ? end.end() : s.length()});
    }
}
