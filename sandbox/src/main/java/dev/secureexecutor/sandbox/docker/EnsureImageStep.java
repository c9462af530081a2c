package dev.secureexecutor.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.engine.ImageRef;
import java.util.List;
import java.util.function.Consumer;

/**
 * Makes sure the job's image is on this host, pulling it only as the effective pull policies allow. As in
 * gitlab-runner's docker executor the policies are tried in order until one yields the image; the last one's
 * failure is reported. With {@code verifyAccess}, a cached copy is never used as it is: {@code never} and
 * {@code if-not-present} behave as {@code always}, so the registry checks the job's own credentials before the job
 * gets a private image another job pulled (gitlab-runner#37859).
 */
public final class EnsureImageStep {
    private final DockerClient docker;
    private final String image;
    private final List<String> pullPolicies;
    private final AuthConfig auth;
    private final boolean verifyAccess;
    private final Consumer<String> progress;

    public EnsureImageStep(DockerClient docker, String image, String pullPolicy) {
        this(docker, image, List.of(pullPolicy), null, false, line -> {});
    }

    /**
     * @param pullPolicies the effective policies, in order (never empty)
     * @param auth the job's credentials for the image's registry, or {@code null}
     * @param verifyAccess pull even when the image is cached (a private image: the registry decides)
     * @param progress receives pull progress lines for the job log
     */
    public EnsureImageStep(
            DockerClient docker,
            String image,
            List<String> pullPolicies,
            AuthConfig auth,
            boolean verifyAccess,
            Consumer<String> progress) {
        this.docker = docker;
        this.image = image;
        this.pullPolicies = List.copyOf(pullPolicies);
        this.auth = auth;
        this.verifyAccess = verifyAccess;
        this.progress = progress;
    }

    public ImageRef call() throws DriverFailure {
        boolean verify = verifyAccess && !isHostImage();
        DriverFailure last = null;
        for (String policy : pullPolicies) {
            try {
                return attempt(verify && !"always".equals(policy) ? "always" : policy);
            } catch (DriverFailure failed) {
                last = failed;
            }
        }
        if (verify) {
            String registry = RegistryHost.ofImage(image);
            throw DriverFailure.refusal(
                    DriverFailure.Kind.BUILD,
                    DriverFailure.Refusal.IMAGE,
                    "image '" + image + "' is private (" + registry + " is not in image.public_registries) and its"
                            + " registry did not let this job pull it, so a cached copy is not handed to the job ("
                            + last.problem() + ")",
                    "give the job credentials for " + registry + " (CI_REGISTRY credentials or DOCKER_AUTH_CONFIG),"
                            + " or ask the runner's admin to list " + registry + " in image.public_registries");
        }
        throw last;
    }

    /**
     * An image on the host that no registry supplied (built, imported or loaded there: no repo digest) is the
     * admin's; there is no registry to ask.
     */
    private boolean isHostImage() throws DriverFailure {
        try {
            List<String> digests = docker.inspectImageCmd(image).exec().getRepoDigests();
            return digests == null || digests.isEmpty();
        } catch (NotFoundException absent) {
            return false;
        } catch (RuntimeException e) {
            throw DockerErrors.translate("look up image '" + image + "'", e);
        }
    }

    private ImageRef attempt(String policy) throws DriverFailure {
        try {
            if ("always".equals(policy)) {
                pull();
            }
            return inspect();
        } catch (NotFoundException missing) {
            if ("never".equals(policy)) {
                throw DriverFailure.refusal(
                        DriverFailure.Kind.SYSTEM,
                        DriverFailure.Refusal.IMAGE,
                        "image '" + image + "' is not present on this runner host and the pull policy is 'never'",
                        "load the image on the host (docker load/import; scripts/setup.sh builds the default image)"
                                + " or choose an image this runner has");
            }
            try {
                pull();
                return inspect();
            } catch (NotFoundException stillMissing) {
                throw DriverFailure.system(
                        "image '" + image + "' is not on the host after its pull", "check the image name and tag");
            } catch (RuntimeException e) {
                throw DockerErrors.translate("look up image '" + image + "'", e);
            }
        } catch (RuntimeException e) {
            throw DockerErrors.translate("look up image '" + image + "'", e);
        }
    }

    private ImageRef inspect() {
        InspectImageResponse found = docker.inspectImageCmd(image).exec();
        List<String> digests = found.getRepoDigests() == null ? List.of() : List.copyOf(found.getRepoDigests());
        String[] entrypoint =
                found.getConfig() == null ? null : found.getConfig().getEntrypoint();
        return new ImageRef(image, found.getId(), digests, entrypoint == null ? List.of() : List.of(entrypoint));
    }

    private void pull() throws DriverFailure {
        new PullImageStep(docker, image, auth, progress).call();
    }
}
