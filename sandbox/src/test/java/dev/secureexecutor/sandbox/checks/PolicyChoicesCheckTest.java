package dev.secureexecutor.sandbox.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.sandbox.policy.Policy;
import dev.secureexecutor.sandbox.policy.PolicyLoader;
import org.junit.jupiter.api.Test;

/** A valid policy's weaker-than-strict choices are WARNs with a remedy, never FAILs. */
class PolicyChoicesCheckTest {
    @Test
    void strictDefaultsWarnOnlyAboutAnyImageAndUncheckedRunners() {
        var found = new PolicyChoicesCheck().judge(Policy.defaults());
        assertEquals(Finding.Status.WARN, Facts.status(found, "policy.image.allowed"));
        assertEquals(Finding.Status.WARN, Facts.status(found, "policy.runner.config_toml"));
        assertEquals(Finding.Status.PASS, Facts.status(found, "policy.job"));
        assertTrue(found.stream().noneMatch(Finding::failed));
    }

    @Test
    void pulledImagesWarnAndAnAllowlistPasses() throws Exception {
        Policy p = PolicyLoader.parse(
                "version = 1\n[image]\nallowed = [\"secure-executor/*:*\"]\n"
                        + "pull_policy = \"always\"\n[runner]\nconfig_toml = \"/etc/gitlab-runner/config.toml\"\n",
                "t");
        var found = new PolicyChoicesCheck().judge(p);
        assertEquals(Finding.Status.PASS, Facts.status(found, "policy.image.allowed"));
        assertEquals(Finding.Status.WARN, Facts.status(found, "policy.image.pull_policy"));
        assertTrue(found.stream().noneMatch(f -> f.key().equals("policy.runner.config_toml")));
        found.stream()
                .filter(f -> f.status() != Finding.Status.PASS)
                .forEach(f -> assertTrue(!f.fix().isEmpty()));
    }
}
