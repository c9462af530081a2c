package dev.secureexecutor.executor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.executor.sim.DockerCli;
import dev.secureexecutor.executor.sim.JobObserver;
import dev.secureexecutor.executor.sim.JobResult;
import dev.secureexecutor.executor.sim.JobSpec;
import dev.secureexecutor.executor.sim.JobStatus;
import dev.secureexecutor.executor.sim.JobVariable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A private registry (TLS from a test CA, htpasswd auth): a job with {@code credentials[]} pulls its image; a job
 * without them does not get the copy now cached on the host, even asking for {@code pull_policy: never}
 * (gitlab-runner#37859); the credential is nowhere on disk, in {@code docker inspect}, in {@code ps} or in the log.
 */
class RegistryIT extends DockerTierTestBase {
    private static final String USER = "ci-puller";
    private static final String PASSWORD = "RegPw-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
    private static TestRegistry registry;
    private static String image;
    private static Path policyDir;

    @BeforeAll
    static void startRegistryAndPushAPrivateImage() throws Exception {
        registry = TestRegistry.start(USER, PASSWORD);
        image = registry.host + "/ci/private-job:" + ProcessHandle.current().pid();
        String builder =
                "secure-executor-test-registry-" + ProcessHandle.current().pid();
        // an image of its own (one small layer on the job image), so the shared job image gets no repo digest
        assertTrue(DockerCli.run("create", "--name", builder, DockerTier.DEFAULT_IMAGE, "true")
                .ok());
        try {
            assertTrue(DockerCli.run("commit", "--change", "LABEL test=registry", builder, image)
                    .ok());
        } finally {
            DockerCli.run("rm", "-f", builder);
        }
        registry.push(image, USER, PASSWORD);
        assertTrue(DockerCli.run("rmi", image).ok(), "the pushed image leaves the host: the job must pull it");
        policyDir = Files.createTempDirectory("registry-it");
        PolicyFiles.write(
                policyDir,
                "[image]\npull_policy = \"if-not-present\"\n"
                        + "allowed_pull_policies = [\"if-not-present\", \"never\"]\n",
                "");
    }

    @AfterAll
    static void stopRegistry() throws Exception {
        if (image != null) {
            DockerCli.run("rmi", "-f", image);
        }
        if (registry != null) {
            registry.close();
        }
    }

    private JobResult runWith(JobSpec job, JobObserver observer) {
        gitlab.registerJob(job);
        try {
            return PolicyFiles.simulator(policyDir.resolve("policy.toml")).run(job, observer);
        } finally {
            gitlab.unregisterJob(job);
        }
    }

    @Test
    void aJobWithCredentialsPullsAndAJobWithoutCannotUseTheCachedCopy() throws Exception {
        List<String> needles = ForensicSearch.needles(List.of(PASSWORD));
        StringBuilder seen = new StringBuilder();
        JobSpec withCredentials = newJob().image(image)
                .registryCredential(registry.host, USER, PASSWORD)
                .variable(JobVariable.masked("PRIVATE_REGISTRY_PASSWORD", PASSWORD))
                .script("echo private-image-ran")
                .build();
        JobResult pulled = runWith(withCredentials, new JobObserver() {
            @Override
            public void beforeCleanup(boolean prepared) {
                String id = DockerCli.run(
                                "ps", "-aq", "--filter", "label=dev.secureexecutor.job-id=" + withCredentials.jobId())
                        .stdout()
                        .trim();
                seen.append(DockerCli.run("inspect", id).stdout());
                seen.append(DockerCli.run("image", "inspect", image).stdout());
                try {
                    seen.append(ForensicSearch.processArguments());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        assertEquals(JobStatus.SUCCESS, pulled.status(), describe(pulled));
        assertTrue(pulled.jobLog().contains("private-image-ran"), pulled.jobLog());
        assertTrue(pulled.jobLog().contains("pulled " + image + ": "), "a pull summary line:\n" + pulled.jobLog());
        assertNoSecretLeaked(pulled);
        assertEquals(List.of(), ForensicSearch.textHits(seen.toString(), needles), "docker inspect or ps");
        assertTrue(DockerCli.run("image", "inspect", image).ok(), "the private image is now cached on the host");

        JobSpec without = newJob().image(image)
                .pullPolicy("never")
                .script("echo should-not-run")
                .build();
        JobResult refused = runWith(without, JobObserver.NONE);
        assertEquals(JobStatus.FAILED, refused.status(), describe(refused));
        String out = refused.calls("prepare").get(0).allText();
        assertTrue(out.contains("is private") && out.contains("a cached copy is not handed to the job"), out);
        assertFalse(refused.jobLog().contains("should-not-run"), refused.jobLog());
        assertNoStackTrace(out);
        RecordedRefusals.assertRecorded(
                PolicyFiles.auditLog(policyDir), without.jobId(), 1, "image", "build_failure", "is private", PASSWORD);

        assertFalse(pulled.jobLog().contains(PASSWORD) || refused.jobLog().contains(PASSWORD));
        assertEquals(List.of(), ForensicSearch.hostHits(needles), "the registry password on the host's disk");
    }
}
