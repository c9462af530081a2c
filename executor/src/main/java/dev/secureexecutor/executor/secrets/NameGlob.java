package dev.secureexecutor.executor.secrets;

import java.util.List;
import java.util.Locale;

/** A variable-name glob such as {@code *_TOKEN}: {@code *} is any run, {@code ?} one character, case-insensitive. */
public record NameGlob(String pattern) {
    public static final List<NameGlob> DEFAULTS = List.of(
            new NameGlob("*_PASSWORD"),
            new NameGlob("*_SECRET"),
            new NameGlob("*_TOKEN"),
            new NameGlob("*_PRIVATE_KEY"),
            new NameGlob("*_SSH_KEY"),
            new NameGlob("*_ACCESS_KEY"),
            new NameGlob("*_SECRET_KEY"),
            new NameGlob("*_CONNECTION_STRING"),
            new NameGlob("*_API_KEY"),
            new NameGlob("DOCKER_AUTH_CONFIG"));

    public boolean matches(String name) {
        return match(pattern.toUpperCase(Locale.ROOT), 0, name.toUpperCase(Locale.ROOT), 0);
    }

    private static boolean match(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                for (int k = si; k <= s.length(); k++) {
                    if (match(p, pi + 1, s, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (si >= s.length() || (c != '?' && c != s.charAt(si))) {
                return false;
            }
            pi++;
            si++;
        }
        return si == s.length();
    }
}
