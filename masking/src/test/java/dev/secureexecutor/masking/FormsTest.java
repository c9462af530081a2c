package dev.secureexecutor.masking;

import static dev.secureexecutor.masking.Streams.masker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every encoded form of a secret is masked. */
class FormsTest {
    private static final String TOKEN = "s3cr3t+/Tok=en";

    @Test
    void rawSecret() {
        assertEquals("a [MASKED] b", masker(TOKEN).mask("a " + TOKEN + " b"));
    }

    @Test
    void base64InBasicAuthHeaderAtOffsetOne() {
        Masker m = masker("glcbt-abcdefghijklmnop");
        String header = "Authorization: Basic "
                + Base64.getEncoder()
                        .encodeToString("gitlab-ci-token:glcbt-abcdefghijklmnop".getBytes(StandardCharsets.UTF_8));
        String masked = m.mask(header);
        assertTrue(masked.endsWith("[MASKED]"), masked);
        assertFalse(masked.contains("Z2xjYnQt"), masked);
    }

    @Test
    void base64StandardAndUrlSafeAtEveryAlignmentAndContext() {
        Random random = new Random(42);
        Masker m = masker(TOKEN);
        byte[] secret = TOKEN.getBytes(StandardCharsets.UTF_8);
        for (int prefix = 0; prefix < 6; prefix++) {
            for (int suffix = 0; suffix < 4; suffix++) {
                byte[] data = new byte[prefix + secret.length + suffix];
                random.nextBytes(data);
                System.arraycopy(secret, 0, data, prefix, secret.length);
                for (Base64.Encoder encoder : new Base64.Encoder[] {
                    Base64.getEncoder(),
                    Base64.getUrlEncoder(),
                    Base64.getEncoder().withoutPadding(),
                    Base64.getUrlEncoder().withoutPadding()
                }) {
                    String encoded = encoder.encodeToString(data);
                    String masked = m.mask("<" + encoded + ">");
                    // the characters whose bits come only from the secret must be gone
                    int first = (8 * prefix + 5) / 6;
                    int stableEnd = 8 * (prefix + secret.length) / 6;
                    String stable = encoded.substring(first, stableEnd);
                    assertTrue(masked.contains("[MASKED]"), masked);
                    assertFalse(masked.contains(stable), prefix + "/" + suffix + ": " + masked);
                    if (suffix == 0) {
                        // the secret ends the data: the tail and padding are masked too
                        assertTrue(masked.endsWith("[MASKED]>"), masked);
                    }
                }
            }
        }
    }

    @Test
    void percentEncodingUpperAndLowerHexSpaceAsPercent20AndPlus() {
        String secret = "p@ss w/rd&x";
        Masker m = masker(secret);
        String form = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        assertEquals("p%40ss+w%2Frd%26x", form);
        assertEquals("q=[MASKED]", m.mask("q=" + form));
        assertEquals("q=[MASKED]", m.mask("q=p%40ss%20w%2Frd%26x"));
        assertEquals("q=[MASKED]", m.mask("q=p%40ss%20w%2frd%26x"));
        assertEquals("q=[MASKED]", m.mask("q=p%40ss+w%2frd%26x"));
    }

    @Test
    void jsonStringEscaping() {
        Masker m = masker("a\"b\\c\td/é");
        assertEquals("{\"k\":\"[MASKED]\"}", m.mask("{\"k\":\"a\\\"b\\\\c\\td/é\"}"));
        assertEquals("{\"k\":\"[MASKED]\"}", m.mask("{\"k\":\"a\\\"b\\\\c\\td\\/é\"}"));
        assertEquals("{\"k\":\"[MASKED]\"}", m.mask("{\"k\":\"a\\\"b\\\\c\\td/\\u00e9\"}"));
        assertEquals("{\"k\":\"[MASKED]\"}", masker("x<y>&z").mask("{\"k\":\"x\\u003cy\\u003e\\u0026z\"}"));
    }

    @Test
    void xmlEscaping() {
        Masker m = masker("a<b>&'c\"");
        assertEquals("<v>[MASKED]</v>", m.mask("<v>a&lt;b&gt;&amp;&apos;c&quot;</v>"));
        assertEquals("<v>[MASKED]</v>", m.mask("<v>a&lt;b&gt;&amp;&#39;c&#34;</v>"));
    }

    @Test
    void shellQuoting() {
        Masker m = masker("it's \"q\"");
        assertEquals("echo '[MASKED]'", m.mask("echo 'it'\\''s \"q\"'"));
        assertEquals("echo '[MASKED]'", m.mask("echo 'it'\"'\"'s \"q\"'"));
        assertEquals("echo \"[MASKED]\"", m.mask("echo \"it's \\\"q\\\"\""));
        assertEquals("x: '[MASKED]'", m.mask("x: 'it''s \"q\"'"));
        assertEquals("echo [MASKED]", m.mask("echo it\\'s\\ \\\"q\\\""));
    }

    @Test
    void cAndGoEscapes() {
        Masker m = masker("ab\ncd\t\"e\\");
        assertEquals("s=\"[MASKED]\"", m.mask("s=\"ab\\ncd\\t\\\"e\\\\\""));
    }

    @Test
    void multiLineSecretWholeWithAnyWhitespaceRunBetweenLines() {
        Masker m = masker("-----BEGIN KEY-----\nMIIEabc\nXYZdef\n-----END KEY-----");
        assertEquals("k=[MASKED];", m.mask("k=-----BEGIN KEY-----\r\nMIIEabc\r\r\nXYZdef\n-----END KEY-----;"));
        assertEquals("k=[MASKED];", m.mask("k=-----BEGIN KEY----- MIIEabc \t XYZdef -----END KEY-----;"));
        assertEquals("k=[MASKED];", m.mask("k=-----BEGIN KEY-----\\nMIIEabc\\nXYZdef\\n-----END KEY-----;"));
    }

    @Test
    void eachLineOfAMultiLineSecretOnItsOwn() {
        Masker m = masker("first-line\n  second-line  \nxy");
        assertEquals("a [MASKED] b [MASKED] xy", m.mask("a first-line b second-line xy"));
    }

    @Test
    void jsonSecretSpreadOverLinesIsMaskedWholeEvenWithShortLines() {
        Masker m = masker("{\n  \"key\": \"value-123\"\n}");
        assertEquals("x [MASKED] y", m.mask("x {   \"key\": \"value-123\"   } y"));
        assertEquals("x { [MASKED] ;} y", m.mask("x { \"key\": \"value-123\" ;} y"));
    }
}
