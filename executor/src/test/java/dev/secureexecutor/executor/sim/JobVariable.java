package dev.secureexecutor.executor.sim;

import java.util.Objects;

/**
 * One entry of the payload's {@code variables} array ({@code spec.Variable} in the runner).
 *
 * @param file a file-type variable: {@code value} is the file's content
 * @param raw  the runner does not expand {@code $VAR} references in it
 */
public record JobVariable(String key, String value, boolean isPublic, boolean file, boolean masked, boolean raw) {

    public JobVariable {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    public static JobVariable plain(String key, String value) {
        return new JobVariable(key, value, true, false, false, false);
    }

    public static JobVariable internal(String key, String value) {
        return new JobVariable(key, value, false, false, false, false);
    }

    public static JobVariable masked(String key, String value) {
        return new JobVariable(key, value, false, false, true, false);
    }

    public static JobVariable fileVariable(String key, String content) {
        return new JobVariable(key, content, false, true, false, false);
    }

    /** Never prints the value: test failure messages must not become a second leak. */
    @Override
    public String toString() {
        return "JobVariable[" + key + (masked ? ", masked" : "") + (file ? ", file" : "") + "]";
    }
}
