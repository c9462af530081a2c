package dev.secureexecutor.executor.job;

import dev.secureexecutor.executor.env.RunnerEnv;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.policy.Policy;
import dev.secureexecutor.sandbox.policy.PolicyException;
import dev.secureexecutor.sandbox.policy.PolicyLoader;

/** Loads the admin's policy named by the runner's environment (never by the job's variables). */
public final class PolicySource {
    private PolicySource() {}

    public static Policy load(RunnerEnv env) throws DriverFailure {
        try {
            return PolicyLoader.load(env.policyFile().orElse(null));
        } catch (PolicyException e) {
            String lines = String.join(
                    "\n",
                    e.violations().stream()
                            .map(v -> "policy " + e.source() + ": " + v.line())
                            .toList());
            throw DriverFailure.system(lines, e.remedy());
        }
    }
}
