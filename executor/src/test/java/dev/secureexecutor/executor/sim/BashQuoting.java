package dev.secureexecutor.executor.sim;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Quotes strings for bash the way gitlab-runner's shell writer does: strings made only of safe characters stay bare,
 * everything else becomes an ANSI-C quoted {@code $'...'} literal with {@code \xNN} escapes for bytes outside
 * printable ASCII.
 */
final class BashQuoting {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private BashQuoting() {}

    /** Quotes {@code value} so that bash reads it back as exactly the same bytes. */
    static String quote(String value) {
        if (SAFE.matcher(value).matches()) {
            return value;
        }
        return ansiC(value);
    }

    /** Always uses the {@code $'...'} form, as the runner does for the script body it hands to {@code eval}. */
    static String ansiC(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8).append("$'");
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            switch (c) {
                case '\'' -> out.append("\\'");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        out.append((char) c);
                    } else {
                        out.append(String.format("\\x%02x", c));
                    }
                }
            }
        }
        return out.append('\'').toString();
    }

    /** A double-quoted path as the runner writes for {@code mkdir -p} and redirections (no {@code $} inside). */
    static String doubleQuoted(String path) {
        if (path.matches(".*[\"$`\\\\\n].*")) {
            return quote(path);
        }
        return '"' + path + '"';
    }
}
