package dev.secureexecutor.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random secrets, random text with secrets, encoded forms and rule-shaped snippets embedded, random chunkings: the
 * streamed output equals the non-streaming {@link ReferenceMasker}, is the same for every chunking (1-byte writes
 * included), keeps every unmasked byte in order, and shows no secret or encoded form. Failures report the seed.
 */
class MaskingPropertyTest {
    private static final int ITERATIONS = Integer.getInteger("masking.property.iterations", 2500);
    private static final long MASTER_SEED = 0x5EC0_E7EC_2024L;
    private static final String SECRET_CHARS = "abcdeXYZ0129 '\"\\&<>%$/+=:@?._-é\t";
    private static final String FILLER_CHARS = "abcdeXYZ019 \n\r\t./:@?&=_-+%\"'<>";
    private static final List<String> EXTRA_PREFIXES = List.of("tok_", "x-");
    private static final byte[] MASK = "[MASKED]".getBytes(StandardCharsets.US_ASCII);

    @Test
    void streamingEqualsReferenceForEveryChunkingAndLeaksNothing() {
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            long seed = MASTER_SEED + iteration * 0x9E3779B97F4A7C15L;
            try {
                runOnce(new Random(seed));
            } catch (AssertionError | RuntimeException e) {
                fail("property failed for seed " + seed + " (iteration " + iteration + "): " + e.getMessage(), e);
            }
        }
    }

    private static void runOnce(Random r) {
        int minLength = r.nextInt(4) == 0 ? 1 + r.nextInt(6) : 3;
        List<String> secrets = new ArrayList<>();
        for (int n = 1 + r.nextInt(4); n > 0; n--) {
            secrets.add(randomSecret(r));
        }
        Masker.Builder builder = Masker.builder().minLength(minLength).tokenPrefixes(EXTRA_PREFIXES);
        for (String s : secrets) {
            builder.secret(Secret.of("S", s));
        }
        List<byte[]> forms = builder.literalForms();
        List<String> prefixes = new ArrayList<>(ListFreeRules.DEFAULT_TOKEN_PREFIXES);
        prefixes.addAll(EXTRA_PREFIXES);
        List<List<String>> multiLine = new ArrayList<>();
        for (String s : secrets) {
            String t = trim(s);
            List<String> lines = lines(t);
            if (bytes(t).length >= minLength && lines.size() >= 2) {
                multiLine.add(lines);
            }
        }
        ReferenceMasker reference = new ReferenceMasker(forms, prefixes, multiLine);
        List<byte[]> viewValues = builder.viewValues();
        Masker masker = builder.build();

        List<byte[]> mustNotAppear = new ArrayList<>();
        byte[] input = randomText(r, secrets, new ArrayList<>(), minLength, mustNotAppear);
        byte[] expected = reference.mask(input, viewRanges(input, viewValues));
        String context = " minLength=" + minLength + " secrets=" + show(secrets) + " input=" + show(input);
        checkJobOutput(r, secrets, minLength, reference, viewValues, input, context);

        byte[] whole = masker.mask(input);
        assertEquals(show(expected), show(whole), "whole vs reference;" + context);
        assertTrue(Arrays.equals(whole, Streams.chunked(masker, input, 1)), "1-byte writes;" + context);
        assertTrue(Arrays.equals(whole, Streams.randomChunks(masker, input, r, 8, true)), "small chunks;" + context);
        assertTrue(Arrays.equals(whole, Streams.randomChunks(masker, input, r, 200, true)), "large chunks;" + context);

        List<byte[]> pieces = plainPieces(whole);
        for (byte[] piece : pieces) {
            for (byte[] form : forms) {
                assertFalse(indexOf(piece, form) >= 0, "form visible: " + show(form) + ";" + context);
            }
            for (byte[] bad : mustNotAppear) {
                assertFalse(indexOf(piece, bad) >= 0, "encoding visible: " + show(bad) + ";" + context);
            }
        }
        assertTrue(isSubsequence(concat(pieces), input), "plain bytes lost or reordered;" + context);
    }

    private static List<long[]> viewRanges(byte[] text, List<byte[]> values) {
        List<long[]> ranges = new ArrayList<>();
        ReferenceView view = new ReferenceView(ReferenceMasker.latin1(text));
        for (byte[] value : values) {
            ranges.addAll(view.occurrences(ReferenceMasker.latin1(value), 0));
        }
        return ranges;
    }

    /** Through {@link Masker#wrapJobOutput}: add-mask lines consumed, their values masked from then on. */
    private static void checkJobOutput(
            Random r,
            List<String> secrets,
            int minLength,
            ReferenceMasker reference,
            List<byte[]> viewValues,
            byte[] input,
            String context) {
        ReferenceDirectives directives = new ReferenceDirectives(input, minLength);
        byte[] filtered = directives.filtered();
        List<long[]> extra = viewRanges(filtered, viewValues);
        extra.addAll(directives.ranges());
        byte[] expected = reference.mask(filtered, extra);
        int[] sizes = {input.length + 1, 0, 8, 200};
        for (int size : sizes) {
            Masker.Builder b = Masker.builder().minLength(minLength).tokenPrefixes(EXTRA_PREFIXES);
            secrets.forEach(s -> b.secret(Secret.of("S", s)));
            byte[] out = Streams.jobChunks(b.build(), input, r, size);
            assertEquals(show(expected), show(out), "job output, chunks up to " + size + ";" + context);
        }
        assertTrue(isSubsequence(concat(plainPieces(expected)), filtered), "plain bytes lost;" + context);
    }

    private static String randomSecret(Random r) {
        StringBuilder s = new StringBuilder();
        int length = 1 + r.nextInt(r.nextBoolean() ? 6 : 20);
        for (int i = 0; i < length; i++) {
            s.append(SECRET_CHARS.charAt(r.nextInt(SECRET_CHARS.length())));
        }
        if (r.nextInt(4) == 0) {
            s.append(r.nextBoolean() ? "\n" : "\r\n").append(randomSecret(r));
        }
        return r.nextInt(5) == 0 ? "  " + s + " \n" : s.toString();
    }

    private static byte[] randomText(
            Random r, List<String> secrets, List<String> runtime, int minLength, List<byte[]> mustNotAppear) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int pieces = r.nextInt(14); pieces >= 0; pieces--) {
            String secret = secrets.get(r.nextInt(secrets.size()));
            byte[] trimmed = bytes(trim(secret));
            boolean counts = trimmed.length >= minLength;
            switch (r.nextInt(17)) {
                case 12:
                    out.writeBytes(RoundTwoPieces.percentSubset(r, trimmed));
                    break;
                case 13:
                    out.writeBytes(RoundTwoPieces.withEscapes(r, trimmed));
                    break;
                case 14:
                    String value = RoundTwoPieces.runtimeValue(r);
                    runtime.add(value);
                    out.writeBytes(bytes("\n::add-mask::" + value + (r.nextBoolean() ? "\r\n" : "\n")));
                    break;
                case 15:
                    if (!runtime.isEmpty()) {
                        byte[] v = bytes(trim(runtime.get(r.nextInt(runtime.size()))));
                        out.writeBytes(r.nextBoolean() ? v : RoundTwoPieces.withEscapes(r, v));
                    }
                    break;
                case 16:
                    out.writeBytes(bytes(RoundTwoPieces.cloudSnippet(r)));
                    break;
                case 0:
                    out.writeBytes(bytes(secret));
                    if (counts) {
                        mustNotAppear.add(trimmed);
                    }
                    break;
                case 1:
                    out.writeBytes(Arrays.copyOf(trimmed, r.nextInt(trimmed.length + 1)));
                    break;
                case 2:
                    byte[] data = new byte[r.nextInt(5) + trimmed.length + r.nextInt(4)];
                    r.nextBytes(data);
                    int k = data.length - trimmed.length - r.nextInt(data.length - trimmed.length + 1);
                    System.arraycopy(trimmed, 0, data, k, trimmed.length);
                    Base64.Encoder encoder = r.nextBoolean() ? Base64.getEncoder() : Base64.getUrlEncoder();
                    byte[] encoded = (r.nextBoolean() ? encoder : encoder.withoutPadding()).encode(data);
                    out.writeBytes(encoded);
                    int first = (8 * k + 5) / 6;
                    byte[] stable = Arrays.copyOfRange(encoded, first, Math.max(first, 8 * (k + trimmed.length) / 6));
                    if (counts && stable.length >= minLength) {
                        mustNotAppear.add(stable);
                    }
                    break;
                case 3:
                    byte[] form = bytes(URLEncoder.encode(trim(secret), StandardCharsets.UTF_8));
                    out.writeBytes(form);
                    if (counts && form.length >= minLength) {
                        mustNotAppear.add(form);
                    }
                    break;
                case 4:
                    List<String> lines = lines(trim(secret));
                    for (int i = 0; i < lines.size(); i++) {
                        if (i > 0) {
                            for (int w = 1 + r.nextInt(3); w > 0; w--) {
                                out.write(" \t\r\n".charAt(r.nextInt(4)));
                            }
                        }
                        out.writeBytes(bytes(lines.get(i)));
                    }
                    break;
                case 5:
                    out.writeBytes(bytes(new String[] {
                                "glpat-",
                                "tok_",
                                "?private_token=",
                                "&RSS_TOKEN=",
                                "eyJ",
                                "https://u:",
                                "@",
                                "://",
                                ".",
                                "x-amz-",
                                "?X-Amz-Security-Token=",
                                "::add-mask::",
                                "\n::add-m"
                            }
                            [r.nextInt(13)]));
                    break;
                case 6:
                    byte[] junk = new byte[r.nextInt(6)];
                    r.nextBytes(junk);
                    out.writeBytes(junk);
                    break;
                default:
                    for (int i = r.nextInt(12); i >= 0; i--) {
                        out.write(FILLER_CHARS.charAt(r.nextInt(FILLER_CHARS.length())));
                    }
            }
        }
        return out.toByteArray();
    }

    private static List<byte[]> plainPieces(byte[] out) {
        List<byte[]> pieces = new ArrayList<>();
        int from = 0;
        for (int at = indexOf(out, MASK, 0); at >= 0; at = indexOf(out, MASK, from)) {
            pieces.add(Arrays.copyOfRange(out, from, at));
            from = at + MASK.length;
        }
        pieces.add(Arrays.copyOfRange(out, from, out.length));
        return pieces;
    }

    private static boolean isSubsequence(byte[] small, byte[] big) {
        int j = 0;
        for (int i = 0; i < big.length && j < small.length; i++) {
            if (big[i] == small[j]) {
                j++;
            }
        }
        return j == small.length;
    }

    private static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        return indexOf(hay, needle, 0);
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String trim(String s) {
        return s.replaceAll("^[ \\t\\n\\x0B\\f\\r]+|[ \\t\\n\\x0B\\f\\r]+$", "");
    }

    /** Trimmed non-empty lines, as Latin-1 views of their UTF-8 bytes (for the byte-level reference). */
    private static List<String> lines(String s) {
        List<String> lines = new ArrayList<>();
        for (String line : s.split("\r\n|\r|\n")) {
            String t = trim(line);
            if (!t.isEmpty()) {
                lines.add(ReferenceMasker.latin1(bytes(t)));
            }
        }
        return lines;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String show(List<String> secrets) {
        List<String> shown = new ArrayList<>();
        secrets.forEach(s -> shown.add(show(bytes(s))));
        return shown.toString();
    }

    private static String show(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) {
            int c = x & 0xff;
            s.append(c >= 0x20 && c < 0x7f && c != '\\' ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return s.toString();
    }
}
