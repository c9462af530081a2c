package dev.secureexecutor.sandbox.checks;

import dev.secureexecutor.sandbox.policy.Policy;
import java.util.ArrayList;
import java.util.List;

/**
 * A valid policy's choices that are weaker than the strict default: any image may run, images are pulled, other
 * runners on this host are not checked. Every key that could only weaken isolation was already refused when the
 * file was loaded ({@code PolicyLoader}); these are WARNs, never refusals.
 */
public final class PolicyChoicesCheck implements Check<Policy> {
    @Override
    public List<Finding> judge(Policy p) {
        List<Finding> found = new ArrayList<>();
        if (p.image().allowed().isEmpty()) {
            found.add(Finding.warn(
                    "policy.image.allowed",
                    "any image present on this host may run",
                    "list vetted images in image.allowed"));
        } else {
            found.add(Finding.pass(
                    "policy.image.allowed",
                    "jobs may use only " + String.join(", ", p.image().allowed())));
        }
        if (!p.image().pullPolicy().equals("never")) {
            found.add(Finding.warn(
                    "policy.image.pull_policy",
                    "images are pulled (" + p.image().pullPolicy() + "): what runs depends on a registry",
                    "pre-load vetted images and set pull_policy = \"never\"," + " or set require_digest = true"));
        }
        found.add(Finding.pass(
                "policy.job",
                "jobs run as " + p.job().user() + " with memory " + p.job().memory()
                        + " (no swap), " + p.job().cpus() + " CPUs, " + p.job().pids() + " pids, network "
                        + p.job().network() + ", runtime " + p.job().runtime()));
        if (p.runner().configToml().isEmpty()) {
            found.add(Finding.warn(
                    "policy.runner.config_toml",
                    "jobs are not refused while another runner on this" + " host weakens isolation",
                    "set runner.config_toml to gitlab-runner's config.toml"));
        }
        return found;
    }
}
