package dev.secureexecutor.executor.audit;

import dev.secureexecutor.sandbox.checks.Finding;
import dev.secureexecutor.sandbox.checks.PolicyChoicesCheck;
import dev.secureexecutor.sandbox.policy.Policy;
import dev.secureexecutor.sandbox.policy.PolicyException;
import dev.secureexecutor.sandbox.policy.PolicyLoader;
import dev.secureexecutor.sandbox.policy.Violation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Audits the policy file: every violation the loader's schema finds is a FAIL (the same judge {@code config}
 * refuses the file by); a valid policy's weaker-than-strict choices are judged by {@link PolicyChoicesCheck}.
 */
public final class PolicyAudit {
    private final List<Finding> findings = new ArrayList<>();
    private Policy policy;

    /** @param path the file to audit, or {@code null} for the default path (absent: the built-in strict policy) */
    public PolicyAudit(Path path) {
        String name = path != null ? path.toString() : PolicyLoader.DEFAULT_PATH + " (or the built-in strict policy)";
        try {
            policy = PolicyLoader.load(path);
            findings.add(Finding.pass(
                    "policy.valid", "policy " + name + " is valid (version " + Policy.CURRENT_VERSION + ")"));
            findings.addAll(new PolicyChoicesCheck().judge(policy));
        } catch (PolicyException e) {
            for (Violation v : e.violations()) {
                findings.add(Finding.fail("policy." + v.key(), "policy " + e.source() + ": " + v.problem(), v.fix()));
            }
        }
    }

    public List<Finding> findings() {
        return findings;
    }

    /** The policy when it is valid. */
    public Optional<Policy> policy() {
        return Optional.ofNullable(policy);
    }
}
