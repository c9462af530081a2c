package dev.secureexecutor.executor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BashQuotingTest {

    @Test
    void safeStringsStayBare() {
        assertEquals("abc_DEF-1.2/x:y@z%+=,", BashQuoting.quote("abc_DEF-1.2/x:y@z%+=,"));
    }

    @Test
    void othersBecomeAnsiCLiterals() {
        assertEquals("$'it\\'s'", BashQuoting.quote("it's"));
        assertEquals("$'a\\nb'", BashQuoting.quote("a\nb"));
        assertEquals("$'\\x1b[0m'", BashQuoting.quote("\u001b[0m"));
        assertEquals("$''", BashQuoting.quote(""));
    }

    @Test
    void bashReadsBackExactlyTheSameBytes() throws Exception {
        List<String> samples = List.of(
                "plain",
                "with space",
                "quote ' and \" double",
                "back\\slash",
                "$HOME `id`",
                "new\nline\r\ttab",
                "ünïcödé €",
                "glcbt-abc.DEF_123",
                "{\"json\":[1,2]}",
                "*?[glob]",
                "");
        for (String s : samples) {
            assertEquals(s, bashPrintf(BashQuoting.quote(s)), "round trip of " + s);
        }
    }

    @Test
    void doubleQuotedPathsFallBackToAnsiCWhenNeeded() {
        assertEquals("\"/builds/g/p.tmp\"", BashQuoting.doubleQuoted("/builds/g/p.tmp"));
        assertTrue(BashQuoting.doubleQuoted("/a/$b").startsWith("$'"));
    }

    private static String bashPrintf(String quoted) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", "printf '%s' " + quoted)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        return out;
    }
}
