package dev.secureexecutor.executor.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds (and removes) Docker resources labelled for a job, the way operators and tests check a driver cleaned up:
 * {@code docker ps -a / network ls / volume ls --filter label=dev.secureexecutor.job-id=<id>}.
 */
public final class DockerLeftovers {
    public static final String JOB_ID_LABEL = "dev.secureexecutor.job-id";
    public static final String MANAGED_LABEL = "dev.secureexecutor.managed";
    public static final String GITLAB_HOST_LABEL = "dev.secureexecutor.gitlab-host";

    private DockerLeftovers() {}

    public static List<String> containers(long jobId) {
        return list(List.of("ps", "-a"), "{{.ID}} {{.Names}} {{.Status}}", jobId);
    }

    public static List<String> networks(long jobId) {
        return list(List.of("network", "ls"), "{{.ID}} {{.Name}}", jobId);
    }

    public static List<String> volumes(long jobId) {
        return list(List.of("volume", "ls"), "{{.Name}}", jobId);
    }

    /** Every labelled resource of the job, one description per line; empty when the driver cleaned up. */
    public static List<String> all(long jobId) {
        List<String> all = new ArrayList<>();
        containers(jobId).forEach(c -> all.add("container " + c));
        networks(jobId).forEach(n -> all.add("network " + n));
        volumes(jobId).forEach(v -> all.add("volume " + v));
        return all;
    }

    /** Removes whatever is left (containers first), so one failed test does not litter the machine. */
    public static void remove(long jobId) {
        for (String c : containers(jobId)) {
            DockerCli.run("rm", "-f", "-v", c.split(" ")[0]);
        }
        for (String n : networks(jobId)) {
            DockerCli.run("network", "rm", n.split(" ")[0]);
        }
        for (String v : volumes(jobId)) {
            DockerCli.run("volume", "rm", "-f", v);
        }
    }

    private static List<String> list(List<String> command, String format, long jobId) {
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of("--filter", "label=" + JOB_ID_LABEL + "=" + jobId, "--format", format));
        DockerCli.Result r = DockerCli.run(args.toArray(String[]::new));
        if (!r.ok()) {
            throw new IllegalStateException("docker " + String.join(" ", args) + " failed: "
                    + r.stderr().trim());
        }
        return r.lines();
    }
}
