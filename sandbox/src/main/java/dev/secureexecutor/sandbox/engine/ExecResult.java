package dev.secureexecutor.sandbox.engine;

import java.util.OptionalInt;

/**
 * How an exec ended.
 *
 * @param completed false when the spec's timeout passed first
 * @param exitCode the command's exit code; empty when it did not complete or the container stopped underneath it
 */
public record ExecResult(boolean completed, OptionalInt exitCode) {
    public static ExecResult exited(int code) {
        return new ExecResult(true, OptionalInt.of(code));
    }

    /** True when it ran to the end with exit code 0. */
    public boolean succeeded() {
        return completed && exitCode.isPresent() && exitCode.getAsInt() == 0;
    }
}
