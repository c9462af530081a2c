package dev.secureexecutor.masking;

import static dev.secureexecutor.masking.Streams.streamed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The list-free rules, which work without any secret. */
class RulesTest {
    private final Masker rules = Masker.rulesOnly();

    @Test
    void everyDefaultTokenPrefixKeepsThePrefixAndMasksTheRest() {
        for (String prefix : ListFreeRules.DEFAULT_TOKEN_PREFIXES) {
            assertEquals("t " + prefix + "[MASKED] end", rules.mask("t " + prefix + "Ab1._=-x9 end"), prefix);
        }
        assertEquals("glpat-", rules.mask("glpat-"));
        assertEquals("glpat- x", rules.mask("glpat- x"));
        assertEquals("glpat-[MASKED]", rules.mask("glpat-abc"));
    }

    @Test
    void tokenRunEndsAtFirstCharacterOutsideTheClass() {
        assertEquals("glpat-[MASKED]/rest glrt-[MASKED]\"", rules.mask("glpat-abc.def=/rest glrt-x\""));
    }

    @Test
    void extraPrefixesAreAllUsedWithNoCap() {
        List<String> extra = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            extra.add("custom" + i + "_");
        }
        Masker m = Masker.builder().tokenPrefixes(extra).build();
        for (String prefix : extra) {
            assertEquals(prefix + "[MASKED]", m.mask(prefix + "secretvalue"));
        }
        assertEquals("_gitlab_session=[MASKED]", m.mask("_gitlab_session=abc"));
        assertEquals("glagent-[MASKED]", m.mask("glagent-abc"));
    }

    @Test
    void urlParametersCaseInsensitiveAfterQuestionMarkOrAmpersand() {
        for (String key : UrlParamRule.KEYS) {
            assertEquals("GET /x?" + key + "=[MASKED]&a=1", rules.mask("GET /x?" + key + "=v4lue%20=x&a=1"));
            String upper = key.toUpperCase();
            assertEquals("/x?a=1&" + upper + "=[MASKED] HTTP", rules.mask("/x?a=1&" + upper + "=v HTTP"));
        }
        assertEquals("/x?Private_Token=[MASKED]?y", rules.mask("/x?Private_Token=abc?y"));
    }

    @Test
    void urlParameterWithEmptyValueIsStillMasked() {
        assertEquals("/x?private_token=[MASKED]&a=1", rules.mask("/x?private_token=&a=1"));
        assertEquals("/x?private_token=[MASKED]", rules.mask("/x?private_token="));
    }

    @Test
    void urlParameterOnlyRightAfterSeparator() {
        assertEquals("my_private_token=abc", rules.mask("my_private_token=abc"));
        assertEquals("?xprivate_token=abc", rules.mask("?xprivate_token=abc"));
        assertEquals("?private_tokens=abc", rules.mask("?private_tokens=abc"));
    }

    @Test
    void urlParameterValueEndsAtControlCharacter() {
        assertEquals("?rss_token=[MASKED]\u0001z", rules.mask("?rss_token=abc\u0001z"));
    }

    @Test
    void jwtMaskedWhole() {
        String jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        assertEquals("Bearer [MASKED] ok", rules.mask("Bearer " + jwt + " ok"));
        assertEquals("[MASKED].", rules.mask(jwt + "."));
        assertEquals("[MASKED]", rules.mask(jwt + ".more.parts"));
        assertEquals("eyJhbGc.eyJzdWI not a jwt", rules.mask("eyJhbGc.eyJzdWI not a jwt"));
        assertEquals("eyJa.b. x", rules.mask("eyJa.b. x"));
        assertEquals("eyJ.b.c x", rules.mask("eyJ.b.c x"));
        assertEquals("[MASKED] x", rules.mask("eyJa.b.c x"));
    }

    @Test
    void passwordInUrlUserinfo() {
        assertEquals(
                "git clone https://user:[MASKED]@gitlab.com/g/p.git",
                rules.mask("git clone https://user:hunter2@gitlab.com/g/p.git"));
        assertEquals("https://:[MASKED]@host", rules.mask("https://:tok@host"));
        assertEquals("https://u:[MASKED]@host/", rules.mask("https://u:p@ss:w@host/"));
        assertEquals("see http://localhost:8080/path", rules.mask("see http://localhost:8080/path"));
        assertEquals("ssh://git@host:22/x", rules.mask("ssh://git@host:22/x"));
        assertEquals("https://u:@host", rules.mask("https://u:@host"));
        assertEquals("://u:p@host", rules.mask("://u:p@host"));
        assertEquals("(git+ssh://u:[MASKED]@host)", rules.mask("(git+ssh://u:pw@host)"));
    }

    /**
     * {@code _gitlab_session=} and {@code gloas-} are triggered by their tails, their heads checked by look-behind:
     * the matches must be exactly those of the whole prefix, however the writes split head, tail and token.
     */
    @Test
    void prefixesTriggeredByTheirTailMatchOnlyTheWholePrefixAcrossAnyWrites() {
        for (String prefix : new String[] {"_gitlab_session=", "gloas-"}) {
            String text = "x " + prefix + "tok3n y";
            String expected = "x " + prefix + "[MASKED] y";
            assertEquals(expected, rules.mask(text));
            for (int cut = 0; cut <= text.length(); cut++) {
                assertEquals(expected, streamed(rules, text.substring(0, cut), text.substring(cut)), prefix + cut);
            }
            assertEquals(expected, streamed(rules, text.split("")), prefix + " byte by byte");
            String tail = prefix.substring(prefix.equals("gloas-") ? 2 : 5);
            assertEquals(tail + "tok3n", rules.mask(tail + "tok3n"), "tail at stream start");
            assertEquals("a" + tail + "tok3n", rules.mask("a" + tail + "tok3n"), "tail after other bytes");
            String wrongHead = "Q" + prefix.substring(1) + "tok3n";
            assertEquals(wrongHead, streamed(rules, wrongHead.substring(0, 3), wrongHead.substring(3)));
        }
        String longWrite = "z".repeat(200) + "_gitl";
        assertEquals(
                longWrite + "ab_session=[MASKED]",
                streamed(rules, longWrite, "ab_session=", "v"),
                "head at the end of a long earlier write");
        assertEquals("_gitlab_session=[MASKED]", streamed(rules, "_", "g", "itl", "ab_session", "=v"));
    }

    /**
     * A URL whose authority ends in the same write without an {@code @} starts no tracker (the fast path); one
     * whose authority runs past the write's end must still be followed into the next write.
     */
    @Test
    void urlPasswordDecidedInOneWriteOrAcrossWrites() {
        assertEquals("https://host/a@b https://u:[MASKED]@h/", streamed(rules, "https://host/a@b https://u:pw", "@h/"));
        assertEquals("https://u:[MASKED]@h/", streamed(rules, "https://", "u:pw@h/"));
        assertEquals("https://u:[MASKED]@h/", streamed(rules, "https://u:pw@h/"));
        assertEquals("https://host:8080/x then u:pw@h/", streamed(rules, "https://host:8080/x then u:pw", "@h/"));
        assertEquals("https://host:8080 u:pw@h", streamed(rules, "https://host:8080 u:pw@h"));
    }

    @Test
    void ruleMatchRunningToEndOfStreamIsComplete() {
        assertEquals("glpat-[MASKED]", streamed(rules, "glp", "at-ab", "c"));
        assertEquals("?private_token=[MASKED]", streamed(rules, "?private_t", "oken=ab"));
        assertEquals("https://u:[MASKED]@h", streamed(rules, "https://u:p", "w@h"));
    }

    @Test
    void rulesAndSecretsMergeWhenTheyOverlap() {
        Masker m = Streams.masker("abc-glpat-");
        // the secret covers the prefix, the rule covers the run after it: they touch, so two tokens
        assertEquals("x[MASKED][MASKED] y", m.mask("xabc-glpat-tokenvalue y"));
        Masker n = Streams.masker("tokenval");
        // the secret lies inside the token run: one region
        assertEquals("glpat-[MASKED] y", n.mask("glpat-xtokenvaluex y"));
        Masker o = Streams.masker("ue y");
        assertEquals("glpat-[MASKED]", o.mask("glpat-xtokenvalue y"));
    }
}
