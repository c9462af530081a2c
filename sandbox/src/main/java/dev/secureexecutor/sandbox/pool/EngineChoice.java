package dev.secureexecutor.sandbox.pool;

import dev.secureexecutor.sandbox.policy.EngineSpec;

/**
 * The engine a job was placed on, and why: what {@code prepare} records for {@code run} and {@code cleanup}.
 *
 * @param engine the engine from the policy
 * @param load the jobs counted on it when it was chosen (this one excluded)
 */
public record EngineChoice(EngineSpec engine, int load) {}
