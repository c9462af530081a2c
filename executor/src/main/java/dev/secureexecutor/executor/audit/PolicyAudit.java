package dev.secureexecutor.executor.audit;

import dev.secureexecutor.sandbox.hostcheck.Finding;
import dev.secureexecutor.sandbox.policy.Policy;
import dev.secureexecutor.sandbox.policy.PolicyException;
import dev.secureexecutor.sandbox.policy.PolicyLoader;
import dev.secureexecutor.sandbox.policy.Violation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Audits the policy: every violation is a FAIL; a valid policy's weaker-than-strict choices are WARNs. */
public final class PolicyAudit {
    private final List<Finding> findings = new ArrayList<>();
    private Policy policy;

    /** @param path the file to audit, or {@code null} for the default path (absent: the built-in strict policy) */
    public PolicyAudit(Path path) {
        String name = path != null ? path.toString() : PolicyLoader.DEFAULT_PATH + " (or the built-in strict policy)";
        try {
            policy = PolicyLoader.load(path);
            findings.add(Finding.pass("policy.valid", "policy " + name + " is valid (version "
                    + Policy.CURRENT_VERSION + ")"));
            judge(policy);
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

    private void judge(Policy p) {
        if (p.image().allowed().isEmpty()) {
            findings.add(Finding.warn("policy.image.allowed", "any image present on this host may run",
                    "list vetted images in image.allowed"));
        } else {
            findings.add(Finding.pass("policy.image.allowed", "jobs may use only " + String.join(", ",
                    p.image().allowed())));
        }
        if (!p.image().pullPolicy().equals("never")) {
            findings.add(Finding.warn("policy.image.pull_policy", "images are pulled (" + p.image().pullPolicy()
                    + "): what runs depends on a registry", "pre-load vetted images and set pull_policy = \"never\","
                    + " or set require_digest = true"));
        }
        findings.add(Finding.pass("policy.job", "jobs run as " + p.job().user() + " with memory " + p.job().memory()
                + " (no swap), " + p.job().cpus() + " CPUs, " + p.job().pids() + " pids, network "
                + p.job().network() + ", runtime " + p.job().runtime()));
        if (p.runner().configToml().isEmpty()) {
            findings.add(Finding.warn("policy.runner.config_toml", "jobs are not refused while another runner on this"
                    + " host weakens isolation", "set runner.config_toml to gitlab-runner's config.toml"));
        }
    }
}
