package dev.secureexecutor.masking;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Escaped spellings of a value, byte by byte: percent-encoding, JSON strings, XML/HTML, shell quoting, C/Go
 * escapes and {@code $$}. Several common variants of each are produced; identical results are dropped later.
 * Bytes {@code >= 0x80} are kept as they are, except in the ASCII-only JSON variant.
 */
final class EscapedForms {
    private static final byte[] HEX_UPPER = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX_LOWER = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** RFC 3986 unreserved characters besides letters and digits. */
    private static final String UNRESERVED = "-._~";
    /** What {@code java.net.URLEncoder} keeps besides letters and digits. */
    private static final String FORM_SAFE = "-._*";
    /** What {@code printf %q} leaves unescaped besides letters and digits (approximately). */
    private static final String SHELL_SAFE = "_-./:=@%+,";

    private EscapedForms() {}

    /** Passes each form to {@code out}; the arrays are zeroed after {@code out} returns, so it must copy them. */
    static void forEach(byte[] v, Consumer<byte[]> out) {
        for (String keep : new String[] {UNRESERVED, FORM_SAFE}) {
            for (byte[] hex : new byte[][] {HEX_UPPER, HEX_LOWER}) {
                emit(percent(v, keep, hex, false), out);
                emit(percent(v, keep, hex, true), out);
            }
        }
        for (byte[] hex : new byte[][] {HEX_LOWER, HEX_UPPER}) {
            emit(json(v, hex, false, false), out);
            emit(json(v, hex, true, false), out);
            emit(json(v, hex, false, true), out);
            emit(jsonAsciiOnly(v, hex), out);
        }
        emit(replace(v, "&<>\"'", "&amp;", "&lt;", "&gt;", "&quot;", "&apos;"), out);
        emit(replace(v, "&<>", "&amp;", "&lt;", "&gt;"), out);
        emit(replace(v, "&<>\"'", "&amp;", "&lt;", "&gt;", "&#34;", "&#39;"), out);
        emit(replace(v, "&<>\"'", "&amp;", "&lt;", "&gt;", "&quot;", "&#39;"), out);
        emit(replace(v, "'", "'\\''"), out);
        emit(replace(v, "'", "'\"'\"'"), out);
        emit(replace(v, "\"", "\\\""), out);
        emit(replace(v, "'", "''"), out);
        emit(replace(v, "\\\"$`", "\\\\", "\\\"", "\\$", "\\`"), out);
        emit(replace(v, "$", "$$"), out);
        emit(shellBackslash(v), out);
        emit(cEscape(v, false), out);
        emit(cEscape(v, true), out);
    }

    private static void emit(@Nullable Bytes form, Consumer<byte[]> out) {
        if (form != null) {
            byte[] bytes = form.take();
            out.accept(bytes);
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static boolean alnum(int b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9');
    }

    private static Bytes percent(byte[] v, String keep, byte[] hex, boolean plusForSpace) {
        Bytes o = new Bytes(v.length * 3);
        for (byte x : v) {
            int b = x & 0xff;
            if (alnum(b) || keep.indexOf(b) >= 0) {
                o.add(b);
            } else if (b == ' ' && plusForSpace) {
                o.add('+');
            } else {
                o.add('%').add(hex[b >> 4]).add(hex[b & 15]);
            }
        }
        return o;
    }

    private static Bytes json(byte[] v, byte[] hex, boolean escapeSlash, boolean htmlSafe) {
        Bytes o = new Bytes(v.length + 16);
        for (byte x : v) {
            jsonByte(o, x & 0xff, hex, escapeSlash, htmlSafe);
        }
        return o;
    }

    private static void jsonByte(Bytes o, int b, byte[] hex, boolean escapeSlash, boolean htmlSafe) {
        switch (b) {
            case '"':
                o.add('\\').add('"');
                return;
            case '\\':
                o.add('\\').add('\\');
                return;
            case '\b':
                o.add('\\').add('b');
                return;
            case '\f':
                o.add('\\').add('f');
                return;
            case '\n':
                o.add('\\').add('n');
                return;
            case '\r':
                o.add('\\').add('r');
                return;
            case '\t':
                o.add('\\').add('t');
                return;
            default:
                if (b < 0x20 || (htmlSafe && (b == '<' || b == '>' || b == '&'))) {
                    unicodeEscape(o, b, hex);
                } else if (b == '/' && escapeSlash) {
                    o.add('\\').add('/');
                } else {
                    o.add(b);
                }
        }
    }

    private static void unicodeEscape(Bytes o, int ch, byte[] hex) {
        o.add('\\')
                .add('u')
                .add(hex[(ch >> 12) & 15])
                .add(hex[(ch >> 8) & 15])
                .add(hex[(ch >> 4) & 15])
                .add(hex[ch & 15]);
    }

    /** JSON with every non-ASCII character as {@code \\uXXXX} (UTF-16); null if the value is not valid UTF-8. */
    private static @Nullable Bytes jsonAsciiOnly(byte[] v, byte[] hex) {
        CharBuffer chars;
        try {
            chars = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(v));
        } catch (CharacterCodingException e) {
            return null;
        }
        Bytes o = new Bytes(v.length * 2);
        while (chars.hasRemaining()) {
            char ch = chars.get();
            if (ch < 0x80) {
                jsonByte(o, ch, hex, false, false);
            } else {
                unicodeEscape(o, ch, hex);
            }
        }
        if (chars.hasArray()) {
            Arrays.fill(chars.array(), '\0');
        }
        return o;
    }

    private static Bytes replace(byte[] v, String specials, String... replacements) {
        Bytes o = new Bytes(v.length + 16);
        for (byte x : v) {
            int b = x & 0xff;
            int k = b < 0x80 ? specials.indexOf(b) : -1;
            if (k >= 0) {
                o.add(replacements[k]);
            } else {
                o.add(b);
            }
        }
        return o;
    }

    private static Bytes shellBackslash(byte[] v) {
        Bytes o = new Bytes(v.length * 2);
        for (byte x : v) {
            int b = x & 0xff;
            if (b >= 0x80 || alnum(b) || SHELL_SAFE.indexOf(b) >= 0) {
                o.add(b);
            } else {
                o.add('\\').add(b);
            }
        }
        return o;
    }

    private static Bytes cEscape(byte[] v, boolean singleQuote) {
        Bytes o = new Bytes(v.length + 16);
        for (byte x : v) {
            int b = x & 0xff;
            int named = "\u0007\b\f\n\r\t\u000b".indexOf(b);
            if (b == '\\' || b == '"' || (singleQuote && b == '\'')) {
                o.add('\\').add(b);
            } else if (named >= 0) {
                o.add('\\').add("abfnrtv".charAt(named));
            } else if (b < 0x20 || b == 0x7f) {
                o.add('\\').add('x').add(HEX_LOWER[b >> 4]).add(HEX_LOWER[b & 15]);
            } else {
                o.add(b);
            }
        }
        return o;
    }

    /** A growable byte array that zeroes the arrays it outgrows. */
    private static final class Bytes {
        private byte[] a;
        private int n;

        Bytes(int capacity) {
            a = new byte[Math.max(capacity, 16)];
        }

        Bytes add(int b) {
            if (n == a.length) {
                byte[] bigger = Arrays.copyOf(a, n * 2);
                Arrays.fill(a, (byte) 0);
                a = bigger;
            }
            a[n++] = (byte) b;
            return this;
        }

        Bytes add(String ascii) {
            for (int i = 0; i < ascii.length(); i++) {
                add(ascii.charAt(i));
            }
            return this;
        }

        byte[] take() {
            byte[] result = Arrays.copyOf(a, n);
            Arrays.fill(a, (byte) 0);
            return result;
        }
    }
}
