package dev.secureexecutor.sandbox.policy;

/** A policy file that cannot be used; {@link #remedy()} says how to fix it. */
public final class PolicyException extends Exception {
    private final String remedy;

    public PolicyException(String problem, String remedy) {
        super(problem);
        this.remedy = remedy;
    }

    public String remedy() {
        return remedy;
    }
}
