package dev.secureexecutor.executor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.executor.sim.DockerCli;
import dev.secureexecutor.executor.sim.JobObserver;
import dev.secureexecutor.executor.sim.JobResult;
import dev.secureexecutor.executor.sim.JobStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host boundary outside the network, from real jobs: a job user that is a host account is refused, a short
 * image ID cannot slip past an image allowlist, and a symlink planted at BUILD_EXIT_CODE_FILE is never written
 * through (neither by run's exit code nor by cleanup's wipe).
 */
class HostBoundaryIT extends HardeningTestBase {
    @TempDir
    Path dir;

    @Test
    void jobUserThatIsAHostAccountIsRefused() throws Exception {
        String account = Files.readAllLines(Path.of("/etc/passwd")).stream()
                .map(l -> l.split(":"))
                .filter(f -> !f[2].equals("0") && !f[2].equals("65534"))
                .findFirst()
                .orElseThrow()[2];
        Path policy = PolicyFiles.write(dir, "[job]\nuser = \"" + account + ":" + account + "\"\n", "");
        JobResult r = runWithPolicy(newJob().script("echo must-not-run").build(), policy, JobObserver.NONE);
        assertEquals(JobStatus.SYSTEM_FAILURE, r.status(), describe(r));
        assertTrue(r.stages().isEmpty(), "no stage ran:\n" + describe(r));
        assertTrue(r.jobLog().contains("is an account of this host"), describe(r));
    }

    @Test
    void shortImageIdUnderAnAllowlistIsRefused() throws Exception {
        String id = DockerCli.run("image", "inspect", "-f", "{{.Id}}", DockerTier.DEFAULT_IMAGE)
                .stdout()
                .trim();
        Path policy = PolicyFiles.write(dir, "[image]\nallowed = [\"*:latest\", \"secure-executor/*:*\"]\n", "");
        String shortId = id.substring("sha256:".length(), "sha256:".length() + 12);
        JobResult r = runWithPolicy(
                newJob().image(shortId).script("echo must-not-run").build(), policy, JobObserver.NONE);
        assertEquals(JobStatus.FAILED, r.status(), describe(r));
        assertTrue(r.stages().isEmpty(), "no stage ran:\n" + describe(r));
        assertTrue(r.jobLog().contains("is an image ID or ID prefix"), describe(r));
    }

    @Test
    void symlinkPlantedAtBuildExitCodeFileIsNeverWrittenThrough() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim"), "precious\n");
        JobObserver planter = new JobObserver() {
            @Override
            public void stageStarted(String stage, long pid) {
                if (stage.equals("build_script")) {
                    sleep(2500); // the driver has removed the old file and runs the script (sleep 6)
                    plant(exitCodeFile(pid), victim);
                }
            }

            @Override
            public void beforeCleanup(boolean prepared) {
                plant(lastExitCodeFile, victim);
            }
        };
        JobResult r = runWithPolicy(newJob().script("sleep 6", "exit 3").build(), null, planter);
        assertEquals(JobStatus.FAILED, r.status(), describe(r));
        assertEquals(Optional.of(3), r.reportedExitCode(), describe(r));
        assertEquals("precious\n", Files.readString(victim), "neither run nor cleanup wrote through the symlink");
        assertTrue(lastExitCodeFile != null, "the planter found BUILD_EXIT_CODE_FILE");
    }

    private static volatile Path lastExitCodeFile;

    /** BUILD_EXIT_CODE_FILE of the run_exec process {@code pid} (the test runs as root: it may read environ). */
    private static Path exitCodeFile(long pid) {
        try {
            for (String var : Files.readString(Path.of("/proc/" + pid + "/environ"), StandardCharsets.UTF_8)
                    .split("\0")) {
                if (var.startsWith("BUILD_EXIT_CODE_FILE=")) {
                    lastExitCodeFile = Path.of(var.substring(var.indexOf('=') + 1));
                    return lastExitCodeFile;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("run_exec " + pid + " has no BUILD_EXIT_CODE_FILE");
    }

    private static void plant(Path file, Path target) {
        try {
            Files.deleteIfExists(file);
            Files.createSymbolicLink(file, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
