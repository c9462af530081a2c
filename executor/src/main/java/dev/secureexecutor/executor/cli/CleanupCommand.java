package dev.secureexecutor.executor.cli;

import com.github.dockerjava.api.DockerClient;
import dev.secureexecutor.executor.io.DriverOutput;
import dev.secureexecutor.executor.job.JobContext;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.docker.RemoveJobResourcesStep;

/**
 * {@code cleanup_exec}: removes everything labelled for the job (its container, and with it every tmpfs holding the
 * job's files and credentials; its network; its volumes) and verifies by label that nothing is left. Succeeds when
 * nothing was prepared, and while a stopped {@code run} of the same job is still alive.
 */
public final class CleanupCommand {
    private final JobContext job;
    private final DockerClient docker;
    private final DriverOutput out;

    public CleanupCommand(JobContext job, DockerClient docker, DriverOutput out) {
        this.job = job;
        this.docker = docker;
        this.out = out;
    }

    public int call() throws DriverFailure {
        RemoveJobResourcesStep.Result result = new RemoveJobResourcesStep(docker, job.identity()).call();
        if (!result.verified()) {
            throw DriverFailure.system("cleanup of job " + job.identity().jobId() + " left " + result.remaining()
                    + " labelled resource(s) behind", "run `secure-executor gc` or remove them with"
                    + " docker rm -f $(docker ps -aq --filter label=dev.secureexecutor.job-id="
                    + job.identity().jobId() + ")");
        }
        out.info("cleanup of job " + job.identity().jobId() + ": removed " + result.containers() + " container(s), "
                + result.networks() + " network(s), " + result.volumes() + " volume(s); verified none remain");
        return 0;
    }
}
