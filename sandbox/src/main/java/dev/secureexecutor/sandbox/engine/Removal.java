package dev.secureexecutor.sandbox.engine;

/** What removing a job's resources removed, and what (if anything) is still there after it. */
public record Removal(int containers, int networks, int volumes, int remaining) {
    public boolean verified() {
        return remaining == 0;
    }
}
