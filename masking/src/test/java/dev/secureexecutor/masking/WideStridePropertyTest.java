package dev.secureexecutor.masking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Like {@link MaskingPropertyTest}, but with production-shaped configurations (long secrets, default or long extra
 * prefixes), so the skip loop runs with a probe stride of 3 or more and rule triggers are followed by bytes inside
 * and outside their {@link Rule#nextByteClass()}; inputs are long enough for the unrolled loops. The streamed
 * output must equal the reference for whole, 1-byte and random chunkings.
 */
class WideStridePropertyTest {
    private static final int ITERATIONS = Math.max(200, Integer.getInteger("masking.property.iterations", 2500) / 2);
    private static final long MASTER_SEED = 0x51DE_57E1_D3L;
    private static final String SECRET_CHARS = "ABCXYZabcxyz0189-_.+/=:@%&?'\"\\ <>";
    private static final String FILLER = "abcdefgJKLMN0123456789 \n\r\t./:@?&=_-+%\"'<>#`\\";
    private static final String[] SNIPPETS = {
        "https://",
        "s://",
        "://",
        "http://u:pw@h/x",
        "git://:p@h ",
        "a://@",
        "a:///",
        "eyJ",
        "eyJh",
        "eyJhb",
        "eyJa.b.c ",
        "eyJab.",
        "eyJab.c",
        "eyJabc.def.ghi.",
        "?private_token=",
        "?PRIVATE_TOKEN=v&",
        "?priv",
        "?pri",
        "?prx",
        "&rss_token=",
        "&rss",
        "&rsx",
        "glpat-",
        "glpat-x ",
        "gldt-",
        "gldt- ",
        "gldt-=",
        "_gitlab_session=",
        "_gitlab_session=abc",
        "tok_",
        "tok_ ",
        "tok_a",
        "x-amz",
        "?x-amz-signature=",
        "&X-Amz-Credential=k",
        "?x-amz-",
        "\u00e9",
        "gitlab",
        "loading"
    };

    @Test
    void wideStrideStreamingEqualsReference() {
        int widest = 0;
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            long seed = MASTER_SEED + iteration * 0x9E3779B97F4A7C15L;
            try {
                widest = Math.max(widest, runOnce(new Random(seed)));
            } catch (AssertionError | RuntimeException e) {
                fail("property failed for seed " + seed + " (iteration " + iteration + "): " + e.getMessage(), e);
            }
        }
        assertTrue(widest >= 3, "no configuration reached stride 3");
    }

    private static int runOnce(Random r) {
        List<String> prefixes = new ArrayList<>(ListFreeRules.DEFAULT_TOKEN_PREFIXES);
        Masker.Builder builder = Masker.builder();
        if (r.nextBoolean()) {
            builder.tokenPrefixes(List.of("tok_"));
            prefixes.add("tok_");
        }
        List<String> secrets = new ArrayList<>();
        for (int n = 1 + r.nextInt(5); n > 0; n--) {
            StringBuilder s = new StringBuilder();
            for (int k = 8 + r.nextInt(24); k > 0; k--) {
                s.append(SECRET_CHARS.charAt(r.nextInt(SECRET_CHARS.length())));
            }
            secrets.add(s.toString());
            builder.secret(Secret.of("S", s.toString()));
        }
        ReferenceMasker reference = new ReferenceMasker(builder.literalForms(), prefixes, List.of());
        Masker masker = builder.build();
        int stride = masker.probeStride();

        byte[] input = randomText(r, secrets);
        byte[] expected = reference.mask(input);
        String context = " stride=" + stride + " secrets=" + secrets + " input="
                + new String(input, StandardCharsets.ISO_8859_1);
        byte[] whole = masker.mask(input);
        assertEquals(ReferenceMasker.latin1(expected), ReferenceMasker.latin1(whole), "whole vs reference;" + context);
        assertArrayEquals(whole, Streams.chunked(masker, input, 1), "1-byte writes;" + context);
        assertArrayEquals(whole, Streams.randomChunks(masker, input, r, 40, false), "small chunks;" + context);
        assertArrayEquals(whole, Streams.randomChunks(masker, input, r, 1000, false), "large chunks;" + context);
        return stride;
    }

    private static byte[] randomText(Random r, List<String> secrets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int pieces = 10 + r.nextInt(120); pieces >= 0; pieces--) {
            int kind = r.nextInt(10);
            if (kind < 4) {
                out.writeBytes(SNIPPETS[r.nextInt(SNIPPETS.length)].getBytes(StandardCharsets.UTF_8));
            } else if (kind == 4) {
                byte[] s = secrets.get(r.nextInt(secrets.size())).getBytes(StandardCharsets.UTF_8);
                switch (r.nextInt(3)) {
                    case 0:
                        out.writeBytes(s);
                        break;
                    case 1:
                        out.writeBytes(Base64.getEncoder().encode(s));
                        break;
                    default:
                        out.write(s, 0, r.nextInt(s.length + 1));
                }
            } else if (kind == 5) {
                byte[] junk = new byte[r.nextInt(8)];
                r.nextBytes(junk);
                out.writeBytes(junk);
            } else {
                for (int k = r.nextInt(30); k >= 0; k--) {
                    out.write(FILLER.charAt(r.nextInt(FILLER.length())));
                }
            }
        }
        return out.toByteArray();
    }
}
