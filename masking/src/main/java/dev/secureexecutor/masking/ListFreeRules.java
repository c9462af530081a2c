package dev.secureexecutor.masking;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adds the triggers of the rules that need no list of secrets: GitLab token prefixes (the defaults plus any
 * extra ones, with no cap on their number), sensitive URL parameters, JWTs and passwords in URL user information.
 * Every built-in trigger is at least four bytes long, so the skip loop can probe every second position when the
 * secrets' forms are long enough too.
 */
final class ListFreeRules {
    /** The runner's prefixes with {@code FF_MASK_ALL_DEFAULT_TOKENS} on. */
    static final List<String> DEFAULT_TOKEN_PREFIXES = List.of(
            "glpat-",
            "glcbt-",
            "gldt-",
            "glrt-",
            "glft-",
            "glimt-",
            "gloas-",
            "glptt-",
            "glrtr-",
            "gltok-",
            "glagent-",
            "glsoat-",
            "glffct-",
            "_gitlab_session=");

    /**
     * Default prefixes whose trigger is a tail, the head being checked by look-behind ({@link TokenPrefixRule}).
     * The skip filter probes for the first trigrams of every trigger; those of {@code _gitlab_session=}
     * ({@code git}, {@code itl}) hit at every {@code gitlab} and those of {@code gloas-} ({@code loa}) at every
     * {@code download} or {@code upload} of a CI log, each hit costing an exact check. Their tails
     * {@code ab_session=} and {@code oas-} start with trigrams that plain text rarely has (docs/perf-masking.md,
     * round 3). Same matches either way.
     */
    private static final Map<String, Integer> HEAD_LENGTH = Map.of("_gitlab_session=", 5, "gloas-", 2);

    private ListFreeRules() {}

    static void addAll(Collection<String> extraPrefixes, PatternSet patterns) {
        Set<String> prefixes = new LinkedHashSet<>(DEFAULT_TOKEN_PREFIXES);
        for (String prefix : extraPrefixes) {
            if (prefix != null && !prefix.strip().isEmpty()) {
                prefixes.add(prefix.strip());
            }
        }
        for (String prefix : prefixes) {
            byte[] bytes = prefix.getBytes(StandardCharsets.UTF_8);
            int head = HEAD_LENGTH.getOrDefault(prefix, 0);
            if (head == 0) {
                patterns.addTrigger(bytes, TokenPrefixRule.INSTANCE);
            } else {
                if (bytes.length > Rule.MAX_REACH) {
                    // the history could not show the head of a tail that started in an earlier write
                    throw new IllegalStateException("a split prefix must fit the scanner's look-behind reach");
                }
                patterns.addTrigger(
                        Arrays.copyOfRange(bytes, head, bytes.length), new TokenPrefixRule(Arrays.copyOf(bytes, head)));
            }
        }
        for (String key : UrlParamRule.KEYS) {
            UrlParamRule rule = new UrlParamRule(key);
            String head = key.substring(0, UrlParamRule.KEY_IN_TRIGGER);
            for (String variant : caseVariants(head)) {
                patterns.addTrigger(("?" + variant).getBytes(StandardCharsets.US_ASCII), rule);
                patterns.addTrigger(("&" + variant).getBytes(StandardCharsets.US_ASCII), rule);
            }
        }
        for (int c = 0; c < 128; c++) {
            if (ByteClass.isBase64Url(c)) {
                patterns.addTrigger(
                        (JwtRule.TRIGGER_HEAD + (char) c).getBytes(StandardCharsets.US_ASCII), JwtRule.INSTANCE);
            }
        }
        for (String trigger : AwsKeyIdRule.TRIGGERS) {
            patterns.addTrigger(trigger.getBytes(StandardCharsets.US_ASCII), AwsKeyIdRule.INSTANCE);
        }
        for (String key : CredentialFieldRule.KEYS) {
            patterns.addTrigger(key.getBytes(StandardCharsets.US_ASCII), CredentialFieldRule.INSTANCE);
        }
        patterns.addTrigger(PemKeyRule.TRIGGER.getBytes(StandardCharsets.US_ASCII), PemKeyRule.INSTANCE);
        for (char c : UrlPasswordRule.SCHEME_CHARS.toCharArray()) {
            patterns.addTrigger(
                    (c + UrlPasswordRule.TRIGGER_TAIL).getBytes(StandardCharsets.US_ASCII), UrlPasswordRule.INSTANCE);
        }
    }

    /** Every ASCII upper/lower case spelling of {@code s}. */
    private static Set<String> caseVariants(String s) {
        Set<String> variants = new LinkedHashSet<>();
        variants.add("");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            Set<String> next = new LinkedHashSet<>();
            for (String v : variants) {
                next.add(v + Character.toLowerCase(c));
                next.add(v + Character.toUpperCase(c));
            }
            variants = next;
        }
        return variants;
    }
}
