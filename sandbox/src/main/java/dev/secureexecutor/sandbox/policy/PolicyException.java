package dev.secureexecutor.sandbox.policy;

import java.util.List;

/** A policy file that cannot be used, with every problem found in it (not only the first). */
public final class PolicyException extends Exception {
    private final String source;
    private final List<Violation> violations;

    public PolicyException(String source, List<Violation> violations) {
        super(
                source + ": "
                        + (violations.size() == 1
                                ? violations.get(0).line()
                                : violations.size() + " problems: "
                                        + String.join(
                                                " | ",
                                                violations.stream()
                                                        .map(Violation::line)
                                                        .toList())),
                null,
                false,
                false);
        this.source = source;
        this.violations = List.copyOf(violations);
    }

    public PolicyException(String source, String problem, String remedy) {
        this(source, List.of(new Violation("policy", problem, remedy)));
    }

    public String source() {
        return source;
    }

    public List<Violation> violations() {
        return violations;
    }

    /** The fix for a single problem, or the general advice when there are several. */
    public String remedy() {
        return violations.size() == 1
                ? violations.get(0).fix()
                : "fix each key as described; config-examples/policy-strict.toml documents every key";
    }
}
