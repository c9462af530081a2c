package dev.secureexecutor.masking;

import static dev.secureexecutor.masking.Streams.masker;
import static dev.secureexecutor.masking.Streams.streamed;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Replacement, length, trimming, merging and pass-through rules. */
class SemanticsTest {
    @Test
    void secretsShorterThanMinimumLengthAreIgnored() {
        Masker m = Masker.builder()
                .secret(Secret.of("a", "ab"))
                .secret(Secret.of("b", "abcdef"))
                .build();
        assertEquals("ab [MASKED]", m.mask("ab abcdef"));
        Masker strict =
                Masker.builder().minLength(8).secret(Secret.of("a", "abcdefg")).build();
        assertEquals("abcdefg", strict.mask("abcdefg"));
        Masker one = Masker.builder().minLength(1).secret(Secret.of("a", "q")).build();
        assertEquals("[MASKED]u[MASKED]", one.mask("quq"));
        assertThrows(IllegalArgumentException.class, () -> Masker.builder().minLength(0));
    }

    @Test
    void encodedFormsShorterThanMinimumLengthAreDropped() {
        Masker.Builder b = Masker.builder().minLength(6).secret(Secret.of("a", "abcdef"));
        for (byte[] form : b.literalForms()) {
            assertTrue(form.length >= 6, new String(form, StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void secretsAreTrimmedAndDuplicatesDropped() {
        Masker m = Masker.builder()
                .secret(Secret.of("a", "  tok123 \n"))
                .secret(Secret.of("b", "tok123"))
                .secret(Secret.of("c", "\ttok123"))
                .build();
        assertEquals("x [MASKED] y", m.mask("x tok123 y"));
        assertEquals(masker("tok123").patternCount(), m.patternCount());
        assertEquals("   ", masker("   ").mask("   "));
    }

    @Test
    void longestMatchWinsSoNoPartOfALongerSecretShows() {
        Masker m = masker("temp4now", "temp4now111dd");
        assertEquals("pw [MASKED] end", m.mask("pw temp4now111dd end"));
        assertEquals("pw [MASKED]111 end", m.mask("pw temp4now111 end"));
    }

    @Test
    void overlappingMatchesMergeIntoOneToken() {
        Masker m = masker("abcdef", "defghi");
        assertEquals("<[MASKED]>", m.mask("<abcdefghi>"));
        assertEquals("<[MASKED]>", masker("xyz", "wxyz12", "2345").mask("<wxyz12345>"));
    }

    @Test
    void adjacentMatchesStaySeparateTokens() {
        assertEquals("[MASKED][MASKED]", masker("secrets").mask("secretssecrets"));
        assertEquals("[MASKED][MASKED] [MASKED]", masker("abc", "def").mask("abcdef abc"));
    }

    @Test
    void binaryAndInvalidUtf8PassThroughUnchangedOutsideMasks() {
        Masker m = masker("s3cret");
        byte[] data = new byte[4096];
        new Random(7).nextBytes(data);
        byte[] expected = m.mask(data);
        assertArrayEquals(data, expected);
        byte[] mixed = {(byte) 0xff, (byte) 0xc3, 's', '3', 'c', 'r', 'e', 't', (byte) 0x80, 0, (byte) 0xfe};
        byte[] out = m.mask(mixed);
        ByteArrayOutputStream want = new ByteArrayOutputStream();
        want.write(0xff);
        want.write(0xc3);
        want.writeBytes("[MASKED]".getBytes(StandardCharsets.US_ASCII));
        want.writeBytes(new byte[] {(byte) 0x80, 0, (byte) 0xfe});
        byte[] full = want.toByteArray();
        assertArrayEquals(full, out);
        assertArrayEquals(out, Streams.chunked(m, mixed, 1));
    }

    @Test
    void safeBytesReachDownstreamWithoutFlushOrClose() throws IOException {
        Masker m = masker("topsecret");
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream out = m.wrap(sink);
        out.write("hello\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("hello\n", sink.toString(StandardCharsets.UTF_8));
        out.write("progress 10%\r".getBytes(StandardCharsets.UTF_8));
        assertEquals("hello\nprogress 10%\r", sink.toString(StandardCharsets.UTF_8));
        out.write("Password: ".getBytes(StandardCharsets.UTF_8));
        assertEquals("hello\nprogress 10%\rPassword: ", sink.toString(StandardCharsets.UTF_8));
    }

    @Test
    void onlyAPossiblePartialMatchIsHeldBackAndFlushKeepsIt() throws IOException {
        Masker m = masker("topsecret");
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        MaskingOutputStream out = m.wrap(sink);
        out.write("abc tops".getBytes(StandardCharsets.UTF_8));
        assertEquals("abc ", sink.toString(StandardCharsets.UTF_8));
        out.flush();
        assertEquals("abc ", sink.toString(StandardCharsets.UTF_8));
        out.write("ecret".getBytes(StandardCharsets.UTF_8));
        assertEquals("abc [MASKED]", sink.toString(StandardCharsets.UTF_8));
        out.write(" tops".getBytes(StandardCharsets.UTF_8));
        out.finish();
        assertEquals("abc [MASKED] tops", sink.toString(StandardCharsets.UTF_8));
        assertThrows(IOException.class, () -> out.write('x'));
    }

    @Test
    void knownTokenIsMaskedLiveWhileItsRunContinues() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        MaskingOutputStream out = Masker.rulesOnly().wrap(sink);
        out.write("glpat-abc".getBytes(StandardCharsets.UTF_8));
        assertEquals("glpat-[MASKED]", sink.toString(StandardCharsets.UTF_8));
        out.write("def more\n".getBytes(StandardCharsets.UTF_8));
        assertEquals("glpat-[MASKED] more\n", sink.toString(StandardCharsets.UTF_8));
    }

    @Test
    void finishDoesNotCloseDownstreamButCloseDoes() throws IOException {
        boolean[] closed = {false};
        ByteArrayOutputStream sink = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        MaskingOutputStream out = Masker.rulesOnly().wrap(sink);
        out.write("glpat-x".getBytes(StandardCharsets.UTF_8));
        out.finish();
        assertFalse(closed[0]);
        assertEquals("glpat-[MASKED]", sink.toString(StandardCharsets.UTF_8));
        out.close();
        assertTrue(closed[0]);
    }

    @Test
    void oneShotStringAndByteMaskingMatchStreaming() {
        Masker m = masker("pässwörd");
        String text = "a pässwörd b ?private_token=x glpat-y";
        assertEquals(streamed(m, text), m.mask(text));
        assertEquals("a [MASKED] b ?private_token=[MASKED] glpat-[MASKED]", m.mask(text));
        assertArrayEquals(m.mask(text).getBytes(StandardCharsets.UTF_8), m.mask(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void concurrentWritersNeverLeakOrCorruptLines() throws Exception {
        Masker m = masker("threadsecret42");
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        MaskingOutputStream out = m.wrap(sink);
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    try {
                        out.write(("t" + id + " line " + i + " threadsecret42 end\n").getBytes(StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        out.close();
        String[] lines = sink.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2000, lines.length);
        for (String line : lines) {
            assertTrue(line.matches("t[0-3] line \\d+ \\[MASKED\\] end"), line);
        }
    }

    @Test
    void patternCountCountsDistinctPatterns() {
        int rulesOnly = Masker.rulesOnly().patternCount();
        assertTrue(rulesOnly > ListFreeRules.DEFAULT_TOKEN_PREFIXES.size());
        assertTrue(masker("abcdefgh").patternCount() > rulesOnly + 1);
    }
}
