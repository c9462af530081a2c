package dev.secureexecutor.sandbox.engine;

import dev.secureexecutor.sandbox.DriverFailure;

/**
 * Opens the {@link JobEngine} a command talks to. Commands that open their engine themselves (after loading the
 * policy, so a bad policy is reported before an unreachable daemon) take one of these; tests pass a fake.
 */
@FunctionalInterface
public interface EngineFactory {
    JobEngine open() throws DriverFailure;
}
