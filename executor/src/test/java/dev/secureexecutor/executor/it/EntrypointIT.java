package dev.secureexecutor.executor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.executor.sim.DockerCli;
import dev.secureexecutor.executor.sim.JobResult;
import dev.secureexecutor.executor.sim.JobSpec;
import dev.secureexecutor.executor.sim.JobStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The image's ENTRYPOINT and {@code image: entrypoint:} as gitlab-runner's docker executor runs them: the entrypoint
 * wraps each stage's shell (so an {@code exec "$@"} entrypoint prepares the stage's environment), {@code [""]} clears
 * it, an explicit one replaces it; the job container's own process stays the keep-alive.
 */
class EntrypointIT extends DockerTierTestBase {
    static final String IMAGE =
            "secure-executor-test/entrypoint:" + ProcessHandle.current().pid();
    private static final String BUILDER =
            "secure-executor-test-ep-build-" + ProcessHandle.current().pid();

    @BeforeAll
    static void buildImageWithEntrypoint() throws Exception {
        Path dir = Files.createTempDirectory("ep-image");
        try {
            Path ep = script(dir, "ep.sh", "export EP_MARK=image-entrypoint\nexec \"$@\"\n");
            Path other = script(dir, "other.sh", "export EP_MARK=explicit:$#\nexec \"$@\"\n");
            must(DockerCli.run("create", "--name", BUILDER, DockerTier.DEFAULT_IMAGE, "true"));
            must(DockerCli.run("cp", ep.toString(), BUILDER + ":/usr/local/bin/ep.sh"));
            must(DockerCli.run("cp", other.toString(), BUILDER + ":/usr/local/bin/other.sh"));
            must(DockerCli.run(
                    "commit",
                    "--change",
                    "ENTRYPOINT [\"/usr/local/bin/ep.sh\"]",
                    "--change",
                    "CMD []",
                    BUILDER,
                    IMAGE));
        } finally {
            DockerCli.run("rm", "-f", BUILDER);
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    @AfterAll
    static void removeImage() {
        DockerCli.run("rmi", "-f", IMAGE);
    }

    private static Path script(Path dir, String name, String body) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, "#!/bin/bash\n" + body);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        return f;
    }

    private static void must(DockerCli.Result r) {
        assertTrue(r.ok(), r.stderr());
    }

    @Test
    void theImagesEntrypointWrapsEveryStageAndTheKeepAliveStays() {
        JobSpec job = newJob().image(IMAGE).script("echo \"mark=$EP_MARK\"").build();
        StringBuilder keeper = new StringBuilder();
        JobResult r = run(job, new dev.secureexecutor.executor.sim.JobObserver() {
            @Override
            public void beforeCleanup(boolean prepared) {
                String id = DockerCli.run("ps", "-aq", "--filter", "label=dev.secureexecutor.job-id=" + job.jobId())
                        .stdout()
                        .trim();
                keeper.append(DockerCli.run("inspect", "--format", "{{.Path}} {{json .Args}}", id)
                        .stdout()
                        .trim());
            }
        });
        assertEquals(JobStatus.SUCCESS, r.status(), describe(r));
        assertTrue(r.jobLog().contains("mark=image-entrypoint"), r.jobLog());
        assertEquals("sleep [\"infinity\"]", keeper.toString(), "the container's own process is the keep-alive");
        assertNoSecretLeaked(r);
    }

    @Test
    void anEmptyEntrypointClearsTheImages() {
        JobSpec job = newJob().image(IMAGE)
                .imageEntrypoint("")
                .script("echo \"mark=[$EP_MARK]\"")
                .build();
        JobResult r = run(job);
        assertEquals(JobStatus.SUCCESS, r.status(), describe(r));
        assertTrue(r.jobLog().contains("mark=[]"), r.jobLog());
    }

    @Test
    void anExplicitEntrypointReplacesTheImagesAndGetsTheShellAsArguments() {
        JobSpec job = newJob().image(IMAGE)
                .imageEntrypoint("/usr/local/bin/other.sh")
                .script("echo \"mark=$EP_MARK\"")
                .build();
        JobResult r = run(job);
        assertEquals(JobStatus.SUCCESS, r.status(), describe(r));
        // bash -c <reader> secure-executor-stage <length>: five arguments after the entrypoint
        assertTrue(r.jobLog().contains("mark=explicit:5"), r.jobLog());
    }
}
