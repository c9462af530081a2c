package dev.secureexecutor.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageCmd;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PullResponseItem;
import dev.secureexecutor.sandbox.DriverFailure;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Pulls one image, with the job's registry credentials when it has any: they go to docker-java as an in-memory
 * {@link AuthConfig} for this one request (Docker's {@code X-Registry-Auth} header), never to a file or a process
 * argument, and are not kept. Progress reaches {@code progress} as at most one line every few seconds
 * ({@link PullProgress}). A failed pull's message is Docker's first line, which the caller prints through the job's
 * masker (gitlab-runner#39081: a token inside an image name must not reach the log in clear).
 */
public final class PullImageStep {
    static final long PULL_TIMEOUT_MINUTES = 10;

    private final DockerClient docker;
    private final String image;
    private final AuthConfig auth;
    private final Consumer<String> progress;

    /** @param auth the job's credentials for the image's registry; {@code null} for an anonymous pull */
    public PullImageStep(DockerClient docker, String image, AuthConfig auth, Consumer<String> progress) {
        this.docker = docker;
        this.image = image;
        this.auth = auth;
        this.progress = progress;
    }

    public void call() throws DriverFailure {
        PullProgress tracker = new PullProgress(image, progress, System::nanoTime, PullProgress.INTERVAL_NANOS);
        try {
            PullImageCmd cmd = docker.pullImageCmd(image);
            if (auth != null) {
                cmd.withAuthConfig(auth);
            }
            boolean done = cmd.exec(new PullImageResultCallback() {
                        @Override
                        public void onNext(PullResponseItem item) {
                            tracker.accept(item);
                            super.onNext(item);
                        }
                    })
                    .awaitCompletion(PULL_TIMEOUT_MINUTES, TimeUnit.MINUTES);
            if (!done) {
                throw DriverFailure.system(
                        "pulling image '" + image + "' took more than " + PULL_TIMEOUT_MINUTES + " minutes",
                        "check the registry's reachability, or pre-load the image and set"
                                + " pull_policy = \"never\"");
            }
            tracker.finished();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DriverFailure.system("interrupted while pulling image '" + image + "'", "retry the job");
        } catch (RuntimeException e) {
            throw DriverFailure.system(
                    "image '" + image + "' could not be pulled"
                            + (auth == null ? " anonymously" : " with the job's registry credentials") + ": "
                            + firstLine(e),
                    auth == null
                            ? "check the image name and the registry; a private image needs the job's registry"
                                    + " credentials (CI_REGISTRY or DOCKER_AUTH_CONFIG)"
                            : "check that the job's registry user may read this image",
                    null);
        }
    }

    /** Docker's first line only, without a cause chain (a failure's cause may quote the request). */
    private static String firstLine(RuntimeException e) {
        String message = e.getMessage() == null
                ? e.getClass().getSimpleName()
                : e.getMessage().strip();
        int nl = message.indexOf('\n');
        message = nl < 0 ? message : message.substring(0, nl);
        return message.length() > 300 ? message.substring(0, 300) + "..." : message;
    }
}
