package dev.secureexecutor.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** {@code ::add-mask::} lines: consumed whatever the chunking, and the value masked from then on in every stream. */
class AddMaskTest {
    private static final String VALUE = "rt-Secr3t/Value+42";

    private static String run(Masker masker, String input, int... cuts) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream out = masker.wrapJobOutput(sink);
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        int from = 0;
        for (int cut : cuts) {
            out.write(bytes, from, cut - from);
            out.flush();
            from = cut;
        }
        out.write(bytes, from, bytes.length - from);
        out.close();
        return sink.toString(StandardCharsets.UTF_8);
    }

    @Test
    void directiveLineIsConsumedAndTheValueMaskedAfterItForEverySplitPoint() throws IOException {
        String input = "before\n::add-mask::" + VALUE + "\nthe value " + VALUE + " and "
                + Base64.getEncoder().encodeToString(VALUE.getBytes(StandardCharsets.UTF_8)) + "\n";
        String expected = "before\nthe value [MASKED] and [MASKED]\n";
        for (int cut = 0; cut <= input.length(); cut++) {
            assertEquals(expected, run(Masker.rulesOnly(), input, cut), "split at " + cut);
            for (int second = cut; second <= input.length(); second += 7) {
                assertEquals(expected, run(Masker.rulesOnly(), input, cut, second), "split at " + cut + "," + second);
            }
        }
        int[] everyByte = new int[input.length()];
        for (int i = 0; i < everyByte.length; i++) {
            everyByte[i] = i;
        }
        assertEquals(expected, run(Masker.rulesOnly(), input, everyByte), "1-byte writes");
    }

    @Test
    void addMaskAttackDirectiveOnStdoutMasksTheValueOnStderr() throws IOException {
        Masker masker = Masker.rulesOnly();
        ByteArrayOutputStream outSink = new ByteArrayOutputStream();
        ByteArrayOutputStream errSink = new ByteArrayOutputStream();
        OutputStream out = masker.wrapJobOutput(outSink);
        OutputStream err = masker.wrapJobOutput(errSink);
        err.write("early\n".getBytes(StandardCharsets.UTF_8));
        out.write(("::add-mask::" + VALUE + "\n").getBytes(StandardCharsets.UTF_8));
        err.write(("late " + VALUE + "%0A\n").getBytes(StandardCharsets.UTF_8));
        out.close();
        err.close();
        assertEquals("", outSink.toString(StandardCharsets.UTF_8));
        assertEquals("early\nlate [MASKED]%0A\n", errSink.toString(StandardCharsets.UTF_8));
        assertEquals(1, masker.runtimeMaskCount());
    }

    @Test
    void linesThatOnlyLookLikeTheMarkerPassUnchanged() throws IOException {
        String input = "::add-mas\n::warning::x\n:\n a ::add-mask::not-at-line-start\n::ADD-MASK::upper\n::add-mask";
        assertEquals(input, run(Masker.rulesOnly(), input, 3, 11, 40));
        assertEquals(input, run(Masker.rulesOnly(), input));
    }

    @Test
    void directiveAfterCarriageReturnAndAtEndOfStreamIsConsumedAndRegistered() throws IOException {
        Masker masker = Masker.rulesOnly();
        assertEquals("progress\r", run(masker, "progress\r::add-mask::" + VALUE));
        assertEquals(1, masker.runtimeMaskCount());
        assertEquals("x [MASKED]\n", run(masker, "x " + VALUE + "\n"));
    }

    @Test
    void valuesAreTrimmedAndTooShortOnesRefusedWithANoticeThatDoesNotShowThem() throws IOException {
        Masker masker = Masker.builder().minLength(6).build();
        String out = run(masker, "::add-mask::  abc \r\n::add-mask:: " + VALUE + " \r\nabc " + VALUE + "\n");
        assertEquals(
                "secure-executor: WARNING: an ::add-mask:: value was not registered: shorter than 6 bytes"
                        + " after trimming\nabc [MASKED]\n",
                out);
    }

    @Test
    void overlongDirectiveLineIsDroppedWholeAndNotRegistered() throws IOException {
        Masker masker = Masker.rulesOnly();
        String big = "Z".repeat(AddMaskDirectives.MAX_VALUE + 10);
        String out = run(masker, "a\n::add-mask::" + big + "\nb\n", 20, 60_000);
        assertFalse(out.contains("ZZ"), "no part of the directive line may reach the output");
        assertTrue(
                out.startsWith("a\nsecure-executor: WARNING: an ::add-mask:: value was not registered: longer than"));
        assertTrue(out.endsWith("\nb\n"));
        assertEquals(0, masker.runtimeMaskCount());
    }

    @Test
    void directiveInsideAMaskedMultiLineRegionIsConsumedAndTheRegionStaysMasked() throws IOException {
        Masker masker = Masker.builder()
                .secret(Secret.of("KEY", "LINE-ONE-abc\nLINE-TWO-def"))
                .build();
        String out = run(masker, "LINE-ONE-abc\n::add-mask::" + VALUE + "\nLINE-TWO-def\n" + VALUE + "\n", 15, 30);
        assertEquals("[MASKED]\n[MASKED]\n", out);
    }

    @Test
    void directiveNamingAKnownSecretIsConsumedToo() throws IOException {
        Masker masker = Streams.masker(VALUE);
        assertEquals("[MASKED]\n", run(masker, "::add-mask::" + VALUE + "\n" + VALUE + "\n"));
    }

    @Test
    void wipeForgetsRuntimeValues() {
        Masker masker = Masker.rulesOnly();
        masker.addMask(VALUE.getBytes(StandardCharsets.UTF_8));
        assertEquals(1, masker.runtimeMasks().size());
        masker.wipe();
        assertEquals(0, masker.runtimeMaskCount());
    }
}
