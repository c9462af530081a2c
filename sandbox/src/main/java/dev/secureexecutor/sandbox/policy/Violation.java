package dev.secureexecutor.sandbox.policy;

/**
 * One problem with a policy or a host set-up: the key (or subject) it concerns, what is wrong and why it matters,
 * and how to fix it. Never holds a secret: policies hold none, and values are quoted only when they are settings.
 *
 * @param key the dotted key, e.g. {@code job.privileged}, or a subject such as {@code runner config.toml}
 * @param problem what is wrong and, for a refusal, why it is dangerous
 * @param fix how to fix it
 */
public record Violation(String key, String problem, String fix) {

    /** One line: {@code key: problem; fix: fix}. */
    public String line() {
        return key + ": " + problem + "; fix: " + fix;
    }
}
