package dev.secureexecutor.masking;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Input pieces for the property test: encodings, escapes, add-mask lines and cloud credential shapes (test data). */
final class RoundTwoPieces {
    private static final String VALUE_CHARS = "abcXYZ0129 '\"&%$/+=:@?._-\t";
    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String[] ESCAPES = {
        "\u001b[0m",
        "\u001b[31;1m",
        "\u001b]0;t\u0007",
        "\u001b]8;;\u001b\\",
        "\u001b[",
        "\u001b",
        "\u001b]x",
        "%",
        "%4",
        "%zz"
    };

    private RoundTwoPieces() {}

    /** A run-time value: one line, possibly with blanks around it. */
    static String runtimeValue(Random r) {
        StringBuilder s = new StringBuilder();
        for (int i = 1 + r.nextInt(r.nextBoolean() ? 5 : 16); i > 0; i--) {
            s.append(VALUE_CHARS.charAt(r.nextInt(VALUE_CHARS.length())));
        }
        return s.toString();
    }

    /** Some bytes of {@code v} as %XX (random case). */
    static byte[] percentSubset(Random r, byte[] v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean upper = r.nextBoolean();
        boolean all = r.nextInt(3) == 0;
        for (byte b : v) {
            if (all || r.nextBoolean()) {
                out.writeBytes(
                        String.format(upper ? "%%%02X" : "%%%02x", b & 0xff).getBytes(StandardCharsets.US_ASCII));
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    /** {@code v} with escape sequences (or broken ones) inserted at random places, maybe percent-encoded too. */
    static byte[] withEscapes(Random r, byte[] v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i <= v.length; i++) {
            if (r.nextInt(4) == 0) {
                out.writeBytes(ESCAPES[r.nextInt(ESCAPES.length)].getBytes(StandardCharsets.ISO_8859_1));
            }
            if (i < v.length) {
                out.write(v[i]);
            }
        }
        byte[] result = out.toByteArray();
        return r.nextInt(4) == 0 ? percentSubset(r, result) : result;
    }

    static String cloudSnippet(Random r) {
        String id = (r.nextBoolean() ? "AKIA" : "ASIA") + random(r, BASE32, r.nextInt(4) == 0 ? 15 : 16);
        String v = runtimeValue(r).replace("\"", "");
        switch (r.nextInt(9)) {
            case 0:
                return id;
            case 1:
                return "{\"SecretAccessKey\": \"" + v + "\", \"SessionToken\":\"" + v + "\\\"x\"}";
            case 2:
                return "aws_secret_access_key = " + v + "\n";
            case 3:
                return "<SessionToken>" + v + "</SessionToken>";
            case 4:
                return "AZURE_CLIENT_SECRET='" + v + "' client_secret=" + v;
            case 5:
                return "-----BEGIN " + (r.nextBoolean() ? "RSA " : "") + "PRIVATE KEY-----\nTESTONLY" + v
                        + (r.nextBoolean() ? "\n-----END PRIVATE KEY-----" : "");
            case 6:
                return "-----BEGIN CERTIFICATE-----\n";
            case 7:
                return "\"private_key\"" + random(r, " \t:=", 3) + v;
            default:
                return "-----END ";
        }
    }

    private static String random(Random r, String chars, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(chars.charAt(r.nextInt(chars.length())));
        }
        return s.toString();
    }
}
