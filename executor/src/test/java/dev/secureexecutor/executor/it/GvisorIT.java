package dev.secureexecutor.executor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.executor.RejectedExample;
import dev.secureexecutor.executor.sim.DockerCli;
import dev.secureexecutor.executor.sim.DockerLeftovers;
import dev.secureexecutor.executor.sim.JobObserver;
import dev.secureexecutor.executor.sim.JobResult;
import dev.secureexecutor.executor.sim.JobSpec;
import dev.secureexecutor.executor.sim.JobStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * gVisor end to end: a whole job (config, prepare, clone, script, cleanup) through the real launcher under
 * config-examples/policy-gvisor.toml. scripts/setup.sh installs runsc and registers it with dockerd, so a daemon
 * without it FAILS this test. Evidence that gVisor, not the host kernel, ran the job: the container's runtime while
 * the script runs, its process on the host (gVisor's sandbox), and the kernel the script sees (gVisor's own log
 * and a release other than the host's).
 */
class GvisorIT extends HardeningTestBase {
    private static final Path POLICY = RejectedExample.examplesDir().resolve("policy-gvisor.toml");

    /** What the host saw of the job's container while build_script ran (observer callbacks run on the job thread). */
    private final Map<String, String> seen = new ConcurrentHashMap<>();

    @Test
    void gvisorPolicyRunsAWholeJobUnderRunscAndCleansUp() throws IOException {
        String runtimes =
                DockerCli.run("info", "--format", "{{json .Runtimes}}").stdout();
        assertTrue(
                runtimes.contains("\"runsc\""),
                "the Docker daemon has no runsc runtime (it has " + runtimes.trim()
                        + "): run scripts/setup.sh, which installs gVisor and registers it");
        String hostKernel = Files.readString(Path.of("/proc/sys/kernel/osrelease"), StandardCharsets.UTF_8)
                .trim();
        JobSpec job = newJob().image(DockerTier.DEFAULT_IMAGE)
                .script(
                        "./build.sh",
                        "echo \"GVISOR-UNAME $(uname -r)\"",
                        "echo \"GVISOR-DMESG $(dmesg 2>&1 | head -n 1)\"")
                .build();

        JobResult r = runWithPolicy(job, POLICY, new JobObserver() {
            @Override
            public void stageStarted(String stage, long pid) {
                if (stage.equals("build_script")) {
                    inspectRunningContainer(job.jobId());
                }
            }
        });

        assertEquals(JobStatus.SUCCESS, r.status(), describe(r));
        assertTrue(r.driverLog().contains("runtime runsc"), "prepare's isolation line names runsc:\n" + describe(r));
        assertTrue(
                r.driverLog().contains("system calls served by gVisor's kernel (not Docker's seccomp profile)"),
                "prepare's isolation line does not claim Docker's seccomp profile for a gVisor job:\n" + describe(r));
        assertTrue(
                r.driverLog().contains("BUILD-RESULT: sample-project ok"),
                "cloned over the job's network and" + " built under gVisor:\n" + describe(r));
        assertEquals("true runsc", seen.get("state"), "the job container while build_script ran: " + seen);
        assertTrue(
                seen.getOrDefault("host-process", "").startsWith("runsc-sandbox"),
                "on the host, the container's" + " process is gVisor's sandbox, not the job's init: " + seen);
        String uname = printed(r, "GVISOR-UNAME ");
        assertFalse(uname.isEmpty(), describe(r));
        assertNotEquals(hostKernel, uname, "uname -r in the job is the host's kernel release: not under gVisor");
        assertTrue(
                printed(r, "GVISOR-DMESG ").contains("Starting gVisor"),
                "the job's kernel log is gVisor's:\n" + describe(r));
        assertEquals(0, r.calls("cleanup").get(0).exitCode(), "cleanup: " + r.runnerLog());
        assertEquals(List.of(), DockerLeftovers.all(job.jobId()), "cleanup left resources labelled for the job");
        assertHostIntact(r);
    }

    private void inspectRunningContainer(long jobId) {
        List<String> ids = DockerCli.run("ps", "-q", "--filter", "label=" + DockerLeftovers.JOB_ID_LABEL + "=" + jobId)
                .lines();
        if (ids.size() != 1) {
            seen.put("state", "expected one running container labelled for the job, found " + ids);
            return;
        }
        DockerCli.Result state = DockerCli.run(
                "inspect", "--format", "{{.State.Running}} {{.HostConfig.Runtime}}|{{.State.Pid}}", ids.get(0));
        String[] parts = state.stdout().trim().split("\\|");
        seen.put("state", parts[0]);
        if (parts.length == 2) {
            try {
                byte[] cmdline = Files.readAllBytes(Path.of("/proc", parts[1], "cmdline"));
                seen.put("host-process", new String(cmdline, StandardCharsets.UTF_8).replace('\0', ' '));
            } catch (IOException e) {
                seen.put("host-process", "unreadable: " + e.getMessage());
            }
        }
    }

    /** The rest of the first job-log line starting with {@code prefix} (not the runner's "$ " echo of it). */
    private static String printed(JobResult r, String prefix) {
        return r.driverLog()
                .lines()
                .filter(l -> l.startsWith(prefix))
                .map(l -> l.substring(prefix.length()).trim())
                .findFirst()
                .orElse("");
    }
}
