package dev.secureexecutor.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.engine.ImageRef;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Makes sure the job's image is on this host, pulling it only when the policy allows. */
public final class EnsureImageStep {
    private final DockerClient docker;
    private final String image;
    private final String pullPolicy;

    public EnsureImageStep(DockerClient docker, String image, String pullPolicy) {
        this.docker = docker;
        this.image = image;
        this.pullPolicy = pullPolicy;
    }

    public ImageRef call() throws DriverFailure {
        try {
            if ("always".equals(pullPolicy)) {
                pull();
            }
            return inspect();
        } catch (NotFoundException missing) {
            if ("never".equals(pullPolicy)) {
                throw DriverFailure.refusal(DriverFailure.Kind.SYSTEM, DriverFailure.Refusal.IMAGE,
                        "image '" + image + "' is not present on this runner host and the policy's pull_policy is"
                                + " 'never'",
                        "load the image on the host (docker load/import; scripts/setup.sh builds the default image)"
                                + " or choose an image this runner has");
            }
            pull();
            return inspect();
        } catch (RuntimeException e) {
            throw DockerErrors.translate("look up image '" + image + "'", e);
        }
    }

    private ImageRef inspect() {
        InspectImageResponse found = docker.inspectImageCmd(image).exec();
        List<String> digests = found.getRepoDigests() == null ? List.of() : List.copyOf(found.getRepoDigests());
        return new ImageRef(image, found.getId(), digests);
    }

    private void pull() throws DriverFailure {
        try {
            boolean done = docker.pullImageCmd(image).start().awaitCompletion(10, TimeUnit.MINUTES);
            if (!done) {
                throw DriverFailure.system("pulling image '" + image + "' took more than 10 minutes",
                        "check the registry's reachability, or pre-load the image and set pull_policy = \"never\"");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DriverFailure.system("interrupted while pulling image '" + image + "'", "retry the job");
        } catch (RuntimeException e) {
            throw DriverFailure.system("image '" + image + "' could not be pulled: " + e.getMessage(),
                    "check the image name and the registry, or pre-load the image on the host", e);
        }
    }
}
