package dev.secureexecutor.executor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectExecResponse;
import dev.secureexecutor.executor.sim.DockerCli;
import dev.secureexecutor.executor.sim.JobObserver;
import dev.secureexecutor.executor.sim.JobResult;
import dev.secureexecutor.executor.sim.JobSpec;
import dev.secureexecutor.executor.sim.JobStatus;
import dev.secureexecutor.executor.sim.RunnerSimulator;
import dev.secureexecutor.executor.sim.RunningJob;
import dev.secureexecutor.sandbox.docker.DockerConnection;
import dev.secureexecutor.sandbox.docker.DockerEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * CIS Docker Benchmark section 5 (container runtime), checked from {@code docker inspect} of a RUNNING job
 * container while its script runs. Not applicable here, documented in the README: 5.2/5.3 (no AppArmor or SELinux
 * on this host) and 5.27 (a health check is meaningless for a container whose only process is a keep-alive).
 */
class CisBenchmarkIT extends DockerTierTestBase {
    private static final String HOLD =
            "for i in $(seq 600); do [ -e /tmp/inspected ] && break; sleep 0.1; done;" + " echo \"CIS-HOLD-RELEASED\"";

    @Test
    void runningJobContainerPassesEveryApplicableSection5Check() throws Exception {
        JobSpec job = newJob().script("echo \"CIS-HOLD\"", HOLD).build();
        gitlab.registerJob(job);
        RunningJob running = new RunnerSimulator(settings()).start(job, JobObserver.NONE);
        try {
            String id = awaitRunningScript(job.jobId());
            JsonNode c = new ObjectMapper()
                    .readTree(DockerCli.run("inspect", id).stdout())
                    .get(0);
            JsonNode h = c.get("HostConfig");
            List<String> execs = new ArrayList<>();
            c.path("ExecIDs").forEach(e -> execs.add(e.asText()));
            DockerCli.Result top = DockerCli.run("top", id, "-o", "pid,comm");
            assertTrue(top.ok() && top.lines().size() > 2, "docker top lists the job's processes: " + top);
            List<String> processes = top.lines();
            assertTrue(DockerCli.run("exec", "--user", "1000:1000", id, "touch", "/tmp/inspected")
                    .ok());

            check("5.4 capabilities restricted", List.of("ALL"), strings(h.get("CapDrop")));
            check(
                    "5.4 no capability added",
                    true,
                    h.get("CapAdd").isNull() || h.get("CapAdd").isEmpty());
            check("5.5 not privileged", false, h.get("Privileged").asBoolean());
            check(
                    "5.6/5.32 no bind mounts (no host dirs, no docker.sock)",
                    0L,
                    c.get("Mounts").findValues("Source").stream()
                            .filter(s -> !s.asText().isEmpty())
                            .count());
            check("5.7 no sshd", false, processes.stream().anyMatch(p -> p.contains("sshd")));
            check(
                    "5.8/5.9/5.14 no published ports",
                    true,
                    h.path("PortBindings").isEmpty()
                            && c.path("NetworkSettings").path("Ports").isEmpty());
            String net = h.get("NetworkMode").asText();
            check("5.10 host network not shared", false, net.equals("host"));
            check("5.30 default bridge docker0 not used", false, net.equals("bridge") || net.equals("default"));
            check("5.16 host pid namespace not shared", "", h.get("PidMode").asText());
            check(
                    "5.17 host ipc namespace not shared",
                    "private",
                    h.get("IpcMode").asText());
            check("5.21 host uts namespace not shared", "", h.get("UTSMode").asText());
            check("5.31 host user namespace not shared", "", h.get("UsernsMode").asText());
            check("cgroup namespace private", "private", h.get("CgroupnsMode").asText());
            long memory = h.get("Memory").asLong();
            check("5.11 memory limited", true, memory > 0);
            check("5.11 no swap beyond memory", memory, h.get("MemorySwap").asLong());
            check("5.12 CPU limited", true, h.get("NanoCpus").asLong() > 0);
            check(
                    "5.13 read-only root filesystem",
                    true,
                    h.get("ReadonlyRootfs").asBoolean());
            // Docker stores the "no" policy as an empty name; anything else would restart a job container
            check(
                    "5.15 restart policy no",
                    true,
                    Set.of("", "no").contains(h.get("RestartPolicy").get("Name").asText()));
            check(
                    "5.15 no restart retries",
                    0,
                    h.get("RestartPolicy").get("MaximumRetryCount").asInt());
            check(
                    "5.18 no host devices",
                    true,
                    h.get("Devices").isNull() || h.get("Devices").isEmpty());
            List<String> ulimits = new ArrayList<>();
            h.get("Ulimits").forEach(u -> ulimits.add(u.get("Name").asText()));
            check("5.19 ulimits set", Set.of("nofile", "nproc", "core"), Set.copyOf(ulimits));
            h.get("Ulimits").forEach(u -> {
                if (u.get("Name").asText().equals("core")) {
                    check("5.19 core dumps off", 0L, u.get("Hard").asLong());
                }
            });
            check(
                    "5.20 mount propagation not shared",
                    false,
                    c.get("Mounts").findValuesAsText("Propagation").stream().anyMatch(p -> p.contains("shared")));
            List<String> secOpts = strings(h.get("SecurityOpt"));
            check("5.22 seccomp not unconfined", false, secOpts.stream().anyMatch(o -> o.contains("unconfined")));
            check(
                    "5.22 daemon applies default seccomp",
                    true,
                    DockerCli.run("info", "--format", "{{json .SecurityOptions}}")
                            .stdout()
                            .contains("name=seccomp,profile=default"));
            check("5.25 default cgroup parent", "", h.get("CgroupParent").asText());
            check("5.26 no-new-privileges", true, secOpts.contains("no-new-privileges:true"));
            check("5.28/5.29 pids limited", true, h.get("PidsLimit").asLong() > 0);
            check(
                    "log driver none (no job output on the host disk)",
                    "none",
                    h.get("LogConfig").get("Type").asText());
            check("init process", true, h.get("Init").asBoolean());
            check(
                    "container user is not root",
                    "65534:65534",
                    c.get("Config").get("User").asText());
            check("5.23/5.24 the running stage's exec", true, !execs.isEmpty());
            try (DockerClient docker = DockerConnection.open(DockerEndpoint.local())) {
                for (String exec : execs) {
                    InspectExecResponse e = docker.inspectExecCmd(exec).exec();
                    check(
                            "5.23 exec not privileged",
                            false,
                            Boolean.TRUE.equals(e.getProcessConfig().isPrivileged()));
                    check(
                            "5.24 exec not as root",
                            dev.secureexecutor.sandbox.policy.JobPolicy.DEFAULT_USER,
                            e.getProcessConfig().getUser());
                }
            }
            JobResult r = running.await(Duration.ofMinutes(3));
            assertEquals(JobStatus.SUCCESS, r.status(), describe(r));
            assertTrue(r.driverLog().contains("\nCIS-HOLD-RELEASED"), describe(r));
        } finally {
            if (!running.isDone()) {
                running.abort();
                running.await(Duration.ofMinutes(2));
            }
            gitlab.unregisterJob(job);
        }
    }

    private static void check(String cis, Object expected, Object actual) {
        assertEquals(expected, actual, "CIS " + cis);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    /** Waits until the job's container runs the held build_script (an exec is attached). */
    private static String awaitRunningScript(long jobId) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            List<String> ids = DockerCli.run("ps", "-q", "--filter", "label=dev.secureexecutor.job-id=" + jobId)
                    .lines();
            if (!ids.isEmpty()) {
                String top = DockerCli.run("top", ids.get(0), "-o", "pid,args").stdout();
                if (top.contains("seq 600") || top.contains("sleep 0.1")) {
                    return ids.get(0);
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + jobId + "'s build_script did not start within 60 s");
    }
}
