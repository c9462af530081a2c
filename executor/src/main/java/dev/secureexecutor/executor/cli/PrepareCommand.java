package dev.secureexecutor.executor.cli;

import com.github.dockerjava.api.DockerClient;
import dev.secureexecutor.executor.io.DriverOutput;
import dev.secureexecutor.executor.job.JobContext;
import dev.secureexecutor.sandbox.ContainerProfile;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.Labels;
import dev.secureexecutor.sandbox.docker.CreateJobContainerStep;
import dev.secureexecutor.sandbox.docker.CreateJobNetworkStep;
import dev.secureexecutor.sandbox.docker.EnsureImageStep;
import dev.secureexecutor.sandbox.docker.RemoveJobResourcesStep;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code prepare_exec}: creates and starts the job's one container (and its own network). A leftover of the same
 * job from an earlier attempt (the runner retries prepare) is removed first, so a job never reuses a container.
 */
public final class PrepareCommand {
    /** How long after the job's timeout a container may outlive its job before reapers remove it. */
    static final long DEADLINE_GRACE_SECONDS = 15 * 60;

    private final JobContext job;
    private final DockerClient docker;
    private final DriverOutput out;

    public PrepareCommand(JobContext job, DockerClient docker, DriverOutput out) {
        this.job = job;
        this.docker = docker;
        this.out = out;
    }

    public int call() throws DriverFailure {
        RemoveJobResourcesStep.Result leftover = new RemoveJobResourcesStep(docker, job.identity()).call();
        if (leftover.containers() + leftover.networks() > 0) {
            out.info("removed " + leftover.containers() + " container(s) and " + leftover.networks()
                    + " network(s) left by an earlier attempt of this job");
        }
        String image = job.image();
        EnsureImageStep.ImageRef ref = new EnsureImageStep(docker, image, job.policy().image().pullPolicy()).call();
        Map<String, String> labels = labels();
        String network = "none".equals(job.policy().job().network())
                ? "none"
                : new CreateJobNetworkStep(docker, job.identity(), labels).call();
        ContainerProfile profile = new ContainerProfile(job.policy());
        new CreateJobContainerStep(docker, job.identity(), profile, ref.reference(), network, labels).call();
        out.info("job " + job.identity().jobId() + " runs in its own container " + job.identity().containerName()
                + " (" + profile.summary(image + " " + shortId(ref.id()), network) + ")");
        return 0;
    }

    private Map<String, String> labels() {
        long now = Instant.now().getEpochSecond();
        Map<String, String> labels = new LinkedHashMap<>(job.identity().labels());
        labels.put(Labels.CREATED, Long.toString(now));
        labels.put(Labels.DEADLINE, Long.toString(now + job.timeoutSeconds() + DEADLINE_GRACE_SECONDS));
        return labels;
    }

    private static String shortId(String id) {
        return id == null ? "" : id.length() > 19 ? id.substring(0, 19) : id;
    }
}
