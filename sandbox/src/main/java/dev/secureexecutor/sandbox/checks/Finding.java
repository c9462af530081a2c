package dev.secureexecutor.sandbox.checks;

/**
 * What one {@link Check} found: a verdict, the rule's key, what was found and why it matters, and the fix.
 * {@code audit} prints findings as they are; {@code prepare} turns the FAILs of its checks into one refusal
 * ({@link FailGate}). A finding never holds a secret: checks quote settings and names, never values of credentials.
 *
 * @param status PASS, WARN (weaker than it could be) or FAIL (jobs are refused, or must be)
 * @param key the rule's short name, e.g. {@code runner.shell-executor} or {@code daemon.seccomp}
 * @param reason what was found and, for WARN/FAIL, why it is dangerous
 * @param fix how to fix it (empty for PASS)
 */
public record Finding(Status status, String key, String reason, String fix) {
    public enum Status {
        PASS,
        WARN,
        FAIL
    }

    public static Finding pass(String key, String reason) {
        return new Finding(Status.PASS, key, reason, "");
    }

    public static Finding warn(String key, String reason, String fix) {
        return new Finding(Status.WARN, key, reason, fix);
    }

    public static Finding fail(String key, String reason, String fix) {
        return new Finding(Status.FAIL, key, reason, fix);
    }

    public boolean failed() {
        return status == Status.FAIL;
    }

    /** The same finding with {@code prefix} before its reason, e.g. to say where a refusal line comes from. */
    public Finding prefixed(String prefix) {
        return new Finding(status, key, prefix + reason, fix);
    }
}
