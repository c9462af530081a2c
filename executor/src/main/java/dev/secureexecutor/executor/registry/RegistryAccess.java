package dev.secureexecutor.executor.registry;

import dev.secureexecutor.executor.job.JobPayload;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.docker.RegistryHost;
import dev.secureexecutor.sandbox.engine.PullRequest.RegistryLogin;
import dev.secureexecutor.sandbox.policy.ImagePolicy;

/**
 * How the job's image is fetched: with the job's credentials for its registry (or anonymously), and whether a cached
 * copy must first be re-authorised by the registry. An image is private unless its registry is in
 * {@code image.public_registries}; on a runner that pulls at all, a private image is always pulled with the job's own
 * credentials before the job gets it (gitlab-runner#37859), unless it is a host image that no registry supplied.
 *
 * @param auth the job's credentials for the registry, or {@code null}
 * @param verify pull even when cached
 * @param decision one line for the audit log (names only, never a credential)
 */
public record RegistryAccess(RegistryLogin auth, boolean verify, String decision) {
    public static RegistryAccess of(JobPayload payload, String image, ImagePolicy policy) throws DriverFailure {
        String registry = RegistryHost.ofImage(image);
        boolean isPublic =
                policy.publicRegistries().stream().map(RegistryHost::normalize).anyMatch(registry::equals);
        RegistryLogin auth = RegistryCredentials.forRegistry(payload, registry).orElse(null);
        boolean verify = !isPublic && policy.pulls();
        String decision = "registry " + registry + ": " + (isPublic ? "public" : "private") + ", "
                + (auth == null ? "no job credentials" : "job credentials of user " + auth.username())
                + (verify ? ", cached copies re-authorised by a pull" : "");
        return new RegistryAccess(auth, verify, decision);
    }
}
