package dev.secureexecutor.sandbox.checks;

import java.util.List;

/**
 * One rule of the driver's security model: it judges plain facts (a policy, a config file's text, what the Docker
 * daemon said about itself, the job's payload) and returns what it found. A check never connects to anything, never
 * prints and never throws for what it judges: gathering the facts is someone else's job, so every check can be
 * tested with hand-made facts. See the package documentation for how to add one.
 *
 * @param <T> the facts the rule judges
 */
@FunctionalInterface
public interface Check<T> {
    /** At least one finding for what the rule covers; empty only when the rule does not apply to these facts. */
    List<Finding> judge(T facts);
}
