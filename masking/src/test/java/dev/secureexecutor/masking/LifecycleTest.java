package dev.secureexecutor.masking;

import static dev.secureexecutor.masking.Streams.masker;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** describe(Throwable), wipe() and Secret's printing. */
class LifecycleTest {
    @Test
    void describeMasksMessagesOfTheWholeChainOnOneLineWithoutStackTrace() {
        Masker m = masker("hunter22", "multi\nline-secret");
        IOException top = new IOException("login with hunter22 failed\nretry");
        top.addSuppressed(new IllegalArgumentException("suppressed multi\r\nline-secret"));
        Exception e = new RuntimeException("wrapper glpat-abc", top) {};
        String line = m.describe(new IllegalStateException("outer", e));
        assertEquals(
                "IllegalStateException: outer (cause: " + e.getClass().getName() + ": wrapper glpat-[MASKED]"
                        + " (cause: IOException: login with [MASKED] failed retry"
                        + " (suppressed: IllegalArgumentException: suppressed [MASKED])))",
                line);
        assertFalse(line.contains("\n"));
        assertFalse(line.contains("at dev."));
        assertEquals("NullPointerException", m.describe(new NullPointerException()));
    }

    @Test
    void describeSurvivesCauseCycles() {
        Exception a = new Exception("a");
        Exception b = new Exception("b", a);
        a.initCause(b);
        assertEquals(
                "Exception: a (cause: Exception: b (cause: ...))",
                Masker.rulesOnly().describe(a));
    }

    @Test
    void wipeZeroesAutomatonTablesAndHeldBytesAndFailsClosed() throws Exception {
        Masker m = masker("correct-horse");
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        MaskingOutputStream out = m.wrap(sink);
        out.write("x correct-hor".getBytes(StandardCharsets.UTF_8));
        assertEquals("x ", sink.toString(StandardCharsets.UTF_8));
        Automaton automaton = (Automaton) field(Masker.class, "automaton").get(m);
        m.wipe();
        assertTrue(allZero(automaton.childKey));
        assertTrue(allZero(automaton.dense));
        assertTrue(allZero(automaton.fail));
        byte[] held = (byte[]) field(MaskingOutputStream.class, "held").get(out);
        assertTrue(allZero(held));
        assertThrows(IOException.class, () -> out.write("se".getBytes(StandardCharsets.UTF_8)));
        assertThrows(IllegalStateException.class, () -> m.mask("anything"));
        assertEquals("x ", sink.toString(StandardCharsets.UTF_8));
        m.wipe();
    }

    @Test
    void wipeAlsoZeroesMultiLineRuleLines() throws Exception {
        Masker m = masker("line-one\nline-two");
        Automaton automaton = (Automaton) field(Masker.class, "automaton").get(m);
        MultiLineRule rule = null;
        for (Rule r : automaton.triggerRule) {
            if (r instanceof MultiLineRule) {
                rule = (MultiLineRule) r;
            }
        }
        assertTrue(rule != null);
        m.wipe();
        assertTrue(allZero(rule.firstLine()));
    }

    @Test
    void buildZeroesTheBuildersCopiesButNotTheCallersSecret() {
        Secret s = Secret.of("TOKEN", "value-123");
        Masker m = Masker.builder().secret(s).build();
        assertEquals("[MASKED]", m.mask("value-123"));
        assertArrayEquals("value-123".getBytes(StandardCharsets.UTF_8), s.bytes());
    }

    @Test
    void secretToStringNeverRevealsTheValue() {
        Secret s = Secret.of("CI_JOB_TOKEN", "glcbt-verysecret");
        assertEquals("Secret[CI_JOB_TOKEN=****]", s.toString());
        assertFalse(String.valueOf(s).contains("verysecret"));
        s.wipe();
        assertTrue(s.isWiped());
        assertThrows(IllegalStateException.class, s::bytes);
        assertFalse(s.toString().contains("verysecret"));
    }

    @Test
    void maskFailsClosedAfterWipe() {
        Masker m = masker("abcdef");
        m.wipe();
        assertThrows(IllegalStateException.class, () -> m.mask(new byte[] {1}));
        assertThrows(IllegalStateException.class, () -> m.wrap(new ByteArrayOutputStream()));
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field f = type.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    private static boolean allZero(byte[] a) {
        for (byte b : a) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean allZero(int[] a) {
        for (int b : a) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }
}
