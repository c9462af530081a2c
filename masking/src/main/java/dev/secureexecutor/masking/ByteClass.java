package dev.secureexecutor.masking;

/**
 * Byte classes used by the list-free rules and the multi-line matcher. All classes are ASCII; every byte
 * {@code >= 0x80} is outside every class except where stated.
 */
final class ByteClass {
    private static final boolean[] WHITESPACE = new boolean[256];
    private static final boolean[] TOKEN = new boolean[256];
    private static final boolean[] BASE64URL = new boolean[256];
    private static final boolean[] URL_VALUE_END = new boolean[256];
    private static final boolean[] AUTHORITY_END = new boolean[256];

    static {
        for (int c : new int[] {' ', '\t', '\n', 0x0b, '\f', '\r'}) {
            WHITESPACE[c] = true;
        }
        for (int c = 0; c < 256; c++) {
            boolean alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            TOKEN[c] = alnum || c == '.' || c == '_' || c == '=' || c == '-';
            BASE64URL[c] = alnum || c == '_' || c == '-';
            boolean control = c < 0x20 || c == 0x7f;
            URL_VALUE_END[c] = control || c == ' ' || c == '?' || c == '&';
            AUTHORITY_END[c] = control || c == ' ' || "/?#\"'<>`\\".indexOf(c) >= 0;
        }
    }

    private ByteClass() {}

    /** A fresh 256-entry table of the bytes for which {@code test} holds. */
    static boolean[] table(java.util.function.IntPredicate test) {
        boolean[] t = new boolean[256];
        for (int c = 0; c < 256; c++) {
            t[c] = test.test(c);
        }
        return t;
    }

    /** Space, tab, LF, VT, FF, CR: what may separate the lines of a multi-line secret. */
    static boolean isWhitespace(int b) {
        return WHITESPACE[b];
    }

    /** {@code [A-Za-z0-9._=-]}: the characters of a token after its prefix. */
    static boolean isTokenChar(int b) {
        return TOKEN[b];
    }

    /** {@code [A-Za-z0-9_-]}: one character of a JWT segment. */
    static boolean isBase64Url(int b) {
        return BASE64URL[b];
    }

    /** Ends a URL parameter value: {@code ?}, {@code &}, space or a control character. */
    static boolean endsUrlValue(int b) {
        return URL_VALUE_END[b];
    }

    /** Ends a URL authority: {@code / ? #}, quotes, angle brackets, backtick, backslash, space or control. */
    static boolean endsAuthority(int b) {
        return AUTHORITY_END[b];
    }

    /** ASCII lower case of a byte; other bytes unchanged. */
    static int lower(int b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b;
    }
}
