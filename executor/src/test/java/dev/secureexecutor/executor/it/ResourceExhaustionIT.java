package dev.secureexecutor.executor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.executor.sim.DockerCli;
import dev.secureexecutor.executor.sim.JobObserver;
import dev.secureexecutor.executor.sim.JobResult;
import dev.secureexecutor.executor.sim.JobStatus;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The escape battery, resource attacks: a job exhausting processes, memory or disk hits its own container's limit
 * (from the policy) and the host is unaffected.
 */
class ResourceExhaustionIT extends HardeningTestBase {

    @Test
    void forkBombIsStoppedByThePidsLimit() throws Exception {
        Path policy = policy("[job]\npids = 64\n");
        JobResult r = runWithPolicy(
                newJob().script(
                                "perl -e '$| = 1; my @kids; for (1 .. 5000) { my $p = fork(); if (!defined $p) {"
                                        + " print \"BLOCKED fork-bomb after \" . scalar(@kids) . \" processes: $!\\n\"; last }"
                                        + " if ($p == 0) { sleep 60; exit 0 } push @kids, $p }"
                                        + " print \"ESCAPED fork-bomb\\n\" if @kids >= 5000; kill 9, @kids; waitpid($_, 0) for @kids'",
                                "echo \"ATTEMPTED fork-bomb\"")
                        .build(),
                policy,
                JobObserver.NONE);
        assertEquals(JobStatus.SUCCESS, r.status(), describe(r));
        assertAttempted(r, "fork-bomb");
        assertNothingEscaped(r);
        String line = r.driverLog()
                .lines()
                .filter(l -> l.startsWith("BLOCKED fork-bomb after "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the fork bomb was not stopped:\n" + describe(r)));
        int forked = Integer.parseInt(line.split(" ")[3]);
        assertTrue(forked < 64, "stopped below the pids limit of 64, after " + forked);
        assertTrue(line.endsWith("Resource temporarily unavailable"), line);
        assertHostIntact(r);
    }

    @Test
    void memoryBombIsOomKilledAndReportedInTheJobLog() throws Exception {
        Path policy = policy("[job]\nmemory = \"128m\"\n");
        JobResult r = runWithPolicy(
                newJob().script(
                                "echo \"ATTEMPTED memory-bomb\"",
                                "perl -e '$x = \"x\" x (1024 * 1024 * 1024); print \"ESCAPED memory-bomb\\n\"'")
                        .build(),
                policy,
                JobObserver.NONE);
        assertEquals(JobStatus.FAILED, r.status(), describe(r));
        assertEquals(137, r.reportedExitCode().orElseThrow(), "SIGKILL from the OOM killer:\n" + describe(r));
        assertNothingEscaped(r);
        assertTrue(
                r.driverLog().contains("stage build_script hit the job's memory limit (128m, no swap)"),
                "OOM reported as such:\n" + describe(r));
        assertHostIntact(r);
    }

    @Test
    void fillingTheTmpfsGivesEnospcAndNothingReachesTheHostDisk() throws Exception {
        Path policy = policy("[job]\ntmpfs_tmp = \"16m\"\ntmpfs_builds = \"32m\"\n");
        AtomicLong upperKb = new AtomicLong(-1);
        JobObserver observer = new JobObserver() {
            @Override
            public void beforeCleanup(boolean prepared) {
                upperKb.set(containerLayerKb());
            }

            private long containerLayerKb() {
                List<String> ids = DockerCli.run(
                                "ps", "-aq", "--filter", "label=dev.secureexecutor.job-id=" + currentJob)
                        .lines();
                if (ids.isEmpty()) {
                    return -2;
                }
                String upper = DockerCli.run("inspect", "-f", "{{.GraphDriver.Data.UpperDir}}", ids.get(0))
                        .stdout()
                        .trim();
                ProcessBuilder du = new ProcessBuilder("du", "-sk", upper);
                try {
                    Process p = du.start();
                    String out = new String(p.getInputStream().readAllBytes()).trim();
                    p.waitFor();
                    return Long.parseLong(out.split("\\s+")[0]);
                } catch (Exception e) {
                    return -3;
                }
            }
        };
        var job = newJob().script(
                        "if dd if=/dev/zero of=/tmp/fill bs=1M count=64 2>\"$HOME/err\"; then echo 'ESCAPED fill-tmp';"
                                + " else echo \"BLOCKED fill-tmp: $(grep -o 'No space left on device' \"$HOME/err\" | head -1)\"; fi",
                        "if dd if=/dev/zero of=\"$CI_PROJECT_DIR/fill\" bs=1M count=64 2>/dev/null; then echo 'ESCAPED fill-builds';"
                                + " else echo 'BLOCKED fill-builds'; fi",
                        "rm -f /tmp/fill \"$HOME/err\"",
                        "if (echo x > /var/tmp/x) 2>/dev/null; then echo 'ESCAPED write-rootfs'; else echo 'BLOCKED write-rootfs'; fi",
                        "echo \"ATTEMPTED fill\"")
                .build();
        currentJob = job.jobId();
        JobResult r = runWithPolicy(job, policy, observer);
        assertEquals(JobStatus.SUCCESS, r.status(), describe(r));
        assertAttempted(r, "fill");
        assertNothingEscaped(r);
        assertBlocked(r, "fill-tmp: No space left on device");
        assertBlocked(r, "fill-builds");
        assertBlocked(r, "write-rootfs");
        assertTrue(
                upperKb.get() >= 0 && upperKb.get() < 1024,
                "the container's layer on the host disk holds " + upperKb.get()
                        + " KB after the job wrote 48 MB (tmpfs is memory, the root is read-only)");
        assertHostIntact(r);
    }

    private volatile long currentJob;
}
