package dev.secureexecutor.masking;

import static dev.secureexecutor.masking.Streams.masker;
import static dev.secureexecutor.masking.Streams.streamed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The two defects of the GitLab runner's phrase masker (masking-landscape.md §1) must not exist here. */
class RunnerDefectsTest {
    @Test
    void selfOverlappingSecretSplitAcrossWritesIsStillMasked() {
        Masker m = masker("passpass1");
        assertEquals(m.mask("passpasspass1"), streamed(m, "passpass", "pass1"));
        assertEquals("pass[MASKED]", streamed(m, "passpass", "pass1"));
        assertEquals("[MASKED]", streamed(m, "pass", "pass1"));
        assertEquals("x [MASKED] y", streamed(m, "x passp", "a", "ss1 y"));
    }

    @Test
    void selfOverlappingSecretIsMaskedAtEverySplitPoint() {
        Masker m = masker("abab", "aab");
        String text = "xaababababaaby";
        String whole = m.mask(text);
        for (int cut = 0; cut <= text.length(); cut++) {
            for (int cut2 = cut; cut2 <= text.length(); cut2++) {
                assertEquals(
                        whole,
                        streamed(m, text.substring(0, cut), text.substring(cut, cut2), text.substring(cut2)),
                        "cuts " + cut + "," + cut2);
            }
        }
        // aab@1 and abab@2,4,6 overlap into [1,10); aab@10 only touches it
        assertEquals("x[MASKED][MASKED]y", whole);
    }

    @Test
    void maskNeverOvertakesHeldBackBytes() {
        Masker m = masker("secure", "TOPSECRETVALUE");
        assertEquals("xsec[MASKED] done", streamed(m, "xsec", "TOPSECRETVALUE done"));
        assertEquals("xsec[MASKED] done", streamed(m, "x", "sec", "TOPSECRET", "VALUE", " done"));
    }

    @Test
    void shortSecretHeldWhileLongerSecretCompletesKeepsByteOrder() {
        Masker m = masker("sec", "secret-longer");
        assertEquals("x[MASKED] done", streamed(m, "xsecret-lon", "ger done"));
        assertEquals("x[MASKED]ret-lo done", streamed(m, "xsecret-lo", " done"));
        assertEquals("xs[MASKED] done", streamed(m, "xs", "secret-longer done"));
    }
}
