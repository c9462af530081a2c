package dev.secureexecutor.masking;

import static dev.secureexecutor.masking.Streams.streamed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Secrets percent-encoded in any subset of their bytes, or interrupted by terminal escape sequences. */
class DecodedViewTest {
    private static final String SECRET = "s3cret-Token.value";
    private final Masker masker = Streams.masker(SECRET);

    private void check(String expected, String input) {
        assertEquals(expected, masker.mask(input), "whole");
        for (int cut = 0; cut <= input.length(); cut++) {
            assertEquals(expected, streamed(masker, input.substring(0, cut), input.substring(cut)), "split " + cut);
        }
        String[] bytes = input.split("");
        assertEquals(expected, streamed(masker, bytes), "1-byte writes");
    }

    private static String percent(String s, boolean[] which, boolean upper) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(which[i] ? String.format(upper ? "%%%02X" : "%%%02x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }

    @Test
    void percentEncodingAttackEveryByteUpperAndLowerHex() {
        boolean[] all = new boolean[SECRET.length()];
        java.util.Arrays.fill(all, true);
        check("x [MASKED] y", "x " + percent(SECRET, all, false) + " y");
        check("x [MASKED] y", "x " + percent(SECRET, all, true) + " y");
    }

    @Test
    void percentEncodingAttackAnySubsetOfBytes() {
        Random r = new Random(12);
        for (int n = 0; n < 300; n++) {
            boolean[] which = new boolean[SECRET.length()];
            for (int i = 0; i < which.length; i++) {
                which[i] = r.nextInt(3) == 0;
            }
            String input = "a=" + percent(SECRET, which, r.nextBoolean()) + "&b";
            assertEquals("a=[MASKED]&b", masker.mask(input), input);
            int cut = r.nextInt(input.length() + 1);
            assertEquals("a=[MASKED]&b", streamed(masker, input.substring(0, cut), input.substring(cut)), input);
        }
    }

    @Test
    void colourCodeAttackEscapesInsideTheSecretAreMaskedWithIt() {
        String inside = "s3c\u001b[0mret-Tok\u001b[31;1men.va\u001b]0;title\u0007lue";
        check("<[MASKED]>", "<" + inside + ">");
        check("\u001b[1m[MASKED]\u001b[0m", "\u001b[1m" + SECRET + "\u001b[0m");
        check("\u001b[32m[MASKED]\u001b[0m end", "\u001b[32ms3cret\u001b]8;;\u001b\\-Token.value\u001b[0m end");
        check("s3c%\u001b[0m%zz%4ret", "s3c%\u001b[0m%zz%4ret");
    }

    @Test
    void textWithoutSecretsPassesUnchanged() {
        String text = "100% done %zz %4 %41 \u001b[1mbold\u001b[0m \u001b]0;t\u0007 \u001b[ \u001bx s3cret-Token.valu";
        check(text, text);
    }

    @Test
    void runtimeValueIsFoundPercentEncodedToo() throws IOException {
        Masker m = Masker.rulesOnly();
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream out = m.wrapJobOutput(sink);
        out.write(("::add-mask::" + SECRET + "\n%73%33cret-Token%2evalue s3\u001b[0mcret-Token.value\n")
                .getBytes(StandardCharsets.UTF_8));
        out.close();
        assertEquals("[MASKED] [MASKED]\n", sink.toString(StandardCharsets.UTF_8));
    }
}
