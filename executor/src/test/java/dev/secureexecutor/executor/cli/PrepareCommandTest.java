package dev.secureexecutor.executor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.secureexecutor.executor.Outcome;
import dev.secureexecutor.executor.engine.FakeJobEngine;
import dev.secureexecutor.executor.job.HostName;
import dev.secureexecutor.executor.job.JobContext;
import dev.secureexecutor.sandbox.ContainerProfile;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.JobIdentity;
import dev.secureexecutor.sandbox.Labels;
import dev.secureexecutor.sandbox.checks.DaemonFacts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * prepare's logic through a fake engine: the order of its refusals (host set-up, then reaping, then the project
 * allowlist, then id_tokens, then creation), that a refused job never gets a container, and the audit lines each
 * path leaves. Attacks stopped: a job reaching a container on a host that lost its seccomp profile, and a job of a
 * project outside the allowlist getting anything created for it.
 */
class PrepareCommandTest {
    private static final DaemonFacts NO_SECCOMP = new DaemonFacts("24.0.7", List.of(), Set.of("runc"), "2");

    @TempDir
    Path dir;

    private Map<String, String> labelsOf(JobIdentity job, long deadline) {
        Map<String, String> labels = new LinkedHashMap<>(job.labels());
        labels.put(Labels.DEADLINE, Long.toString(deadline));
        return labels;
    }

    /** A job of this host whose deadline passed an hour ago: its runner died before cleanup. */
    private JobIdentity expiredJob(StageFixture f, FakeJobEngine engine) throws Exception {
        JobIdentity dead = new JobIdentity(99, "gitlab.example.com", "r", "other/project", HostName.get(f.runnerEnv()));
        engine.withJobResources(
                dead.containerName(), labelsOf(dead, Instant.now().getEpochSecond() - 3600));
        return dead;
    }

    @Test
    void aHostWithoutSeccompIsRefusedBeforeAnythingElseAndNothingIsTouched() throws Exception {
        StageFixture f = new StageFixture(dir);
        FakeJobEngine engine = new FakeJobEngine().withFacts(NO_SECCOMP).withImage(StageFixture.IMAGE);
        JobIdentity dead = expiredJob(f, engine);
        JobContext job = f.job();

        DriverFailure refused = assertThrows(
                DriverFailure.class, () -> new PrepareCommand(job, engine, f.out, f.firewallState()).call());

        assertEquals(DriverFailure.Refusal.HOST_SETUP, StageFixture.refusalOf(refused));
        assertEquals(DriverFailure.Kind.SYSTEM, refused.kind());
        assertTrue(refused.problem().contains("no seccomp profile"), refused.problem());
        assertEquals(List.of("daemonFacts"), engine.verbs(), "nothing after the host check: " + engine.calls());
        assertTrue(engine.resources().containsKey(dead.containerName()), "reaping comes after the host check");
        assertEquals(List.of("refused " + StageFixture.JOB_ID), f.auditEvents());
        assertEquals("host_setup", f.auditLines().get(0).get("check").asText());
        assertEquals("system_failure", f.auditLines().get(0).get("exit").asText());
    }

    @Test
    void anImageOutsideTheAllowlistIsRefusedWithTheHostChecksBeforeReaping() throws Exception {
        StageFixture f = new StageFixture(dir)
                .image(StageFixture.IMAGE)
                .sections("[image]\ndefault = \"vetted/base:1\"\nallowed = [\"vetted/*:*\"]");
        FakeJobEngine engine = new FakeJobEngine().withImage(StageFixture.IMAGE);
        JobContext job = f.job();

        DriverFailure refused = assertThrows(
                DriverFailure.class, () -> new PrepareCommand(job, engine, f.out, f.firewallState()).call());

        assertEquals(DriverFailure.Refusal.IMAGE, StageFixture.refusalOf(refused));
        assertEquals(DriverFailure.Kind.BUILD, refused.kind());
        assertEquals(List.of("daemonFacts"), engine.verbs());
        assertEquals("image", f.auditLines().get(0).get("check").asText());
    }

    @Test
    void expiredJobsAreReapedBeforeTheProjectAllowlistRefusesAndBothAreRecorded() throws Exception {
        StageFixture f = new StageFixture(dir).credentials("allowed_projects = [\"platform/**\"]");
        FakeJobEngine engine = new FakeJobEngine().withImage(StageFixture.IMAGE);
        JobIdentity dead = expiredJob(f, engine);
        JobContext job = f.job();

        DriverFailure refused = assertThrows(
                DriverFailure.class, () -> new PrepareCommand(job, engine, f.out, f.firewallState()).call());

        assertEquals(DriverFailure.Refusal.PROJECT, StageFixture.refusalOf(refused));
        assertEquals(DriverFailure.Kind.BUILD, refused.kind());
        assertFalse(engine.resources().containsKey(dead.containerName()), "the expired job was not reaped");
        assertFalse(engine.resources().containsKey(dead.networkName()), "the expired job's network was not reaped");
        assertEquals(List.of("daemonFacts", "listManaged", "removeJob"), engine.verbs());
        assertEquals(List.of("wiped 99", "refused " + StageFixture.JOB_ID), f.auditEvents());
        JsonNode wiped = f.auditLines().get(0);
        assertEquals("prepare", wiped.get("by").asText());
        assertTrue(wiped.get("verified").asBoolean());
        assertEquals("project", f.auditLines().get(1).get("check").asText());
    }

    @Test
    void aMalformedIdTokenIsRefusedAfterTheAllowlistAcceptedTheProjectAndBeforeAnythingIsCreated() throws Exception {
        StageFixture f = new StageFixture(dir)
                .credentials("allowed_projects = [\"group/*\"]")
                .maskedVariable("VAULT_ID_TOKEN", "eyJhbGciOiJub25lIn0.not-a-jwt");
        FakeJobEngine engine = new FakeJobEngine().withImage(StageFixture.IMAGE);
        JobContext job = f.job();

        DriverFailure refused = assertThrows(
                DriverFailure.class, () -> new PrepareCommand(job, engine, f.out, f.firewallState()).call());

        assertEquals(DriverFailure.Refusal.ID_TOKEN, StageFixture.refusalOf(refused));
        assertTrue(refused.problem().contains("VAULT_ID_TOKEN"), refused.problem());
        assertFalse(
                engine.verbs().contains("startContainer")
                        || engine.verbs().contains("createJobNetwork")
                        || engine.verbs().contains("ensureImage"),
                engine.calls().toString());
        JsonNode line = f.auditLines().get(0);
        assertEquals("id_token", line.get("check").asText());
        assertTrue(
                line.get("decisions").get(0).asText().contains("group/project"),
                "the allowlist decision taken before the refusal is recorded: " + line);
        assertFalse(Files.readString(f.auditLog()).contains("not-a-jwt"), "the token reached the audit log");
    }

    @Test
    void anAcceptedJobGetsItsOwnNetworkAndContainerInThatOrderAndAStartedLine() throws Exception {
        StageFixture f = new StageFixture(dir);
        FakeJobEngine engine = new FakeJobEngine().withImage(StageFixture.IMAGE);
        JobContext job = f.job();

        Outcome outcome = new PrepareCommand(job, engine, f.out, f.firewallState()).call();

        assertEquals(Outcome.SUCCESS, outcome);
        assertEquals(
                List.of("daemonFacts", "listManaged", "removeJob", "ensureImage", "createJobNetwork", "startContainer"),
                engine.verbs());
        FakeJobEngine.Resource container = engine.resources().get(job.identity().containerName());
        assertEquals(job.identity().networkName(), container.spec().network());
        assertTrue(
                container.spec().image().startsWith("sha256:"),
                "created from the resolved image ID: " + container.spec().image());
        assertTrue(
                container
                        .labels()
                        .entrySet()
                        .containsAll(job.identity().labels().entrySet()),
                "the container is not labelled for its job, so cleanup could not find it");
        long deadline = Long.parseLong(container.labels().get(Labels.DEADLINE));
        assertTrue(deadline >= Instant.now().getEpochSecond() + 600, "deadline not past the job's timeout");
        assertFalse(container.spec().profile().environment().toString().contains(StageFixture.TOKEN));
        assertEquals(List.of("started " + StageFixture.JOB_ID), f.auditEvents());
        JsonNode started = f.auditLines().get(0);
        assertEquals(StageFixture.IMAGE, started.get("image").asText());
        assertEquals("sha256:" + "ab".repeat(32), started.get("image_id").asText());
        assertTrue(
                f.log().contains("runs in its own container " + job.identity().containerName()), f.log());
    }

    @Test
    void aLeftoverOfAnEarlierAttemptOfTheSameJobIsRemovedSoTheJobNeverReusesAContainer() throws Exception {
        StageFixture f = new StageFixture(dir);
        FakeJobEngine engine = new FakeJobEngine().withImage(StageFixture.IMAGE);
        JobContext job = f.job();
        engine.withJobResources(
                job.identity().containerName(),
                labelsOf(job.identity(), Instant.now().getEpochSecond() + 3600));

        assertEquals(Outcome.SUCCESS, new PrepareCommand(job, engine, f.out, f.firewallState()).call());

        assertTrue(f.log().contains("removed 1 container(s) and 1 network(s) left by an earlier attempt"), f.log());
        assertEquals(List.of("started " + StageFixture.JOB_ID), f.auditEvents(), "a leftover is not a reaped job");
    }

    @Test
    void withSecretFilesTheCredentialsGoIntoTheContainersSecretsTmpfsOnlyAfterItStarted() throws Exception {
        StageFixture f = new StageFixture(dir).credentials("secret_files = true");
        FakeJobEngine engine = new FakeJobEngine().withImage(StageFixture.IMAGE);
        JobContext job = f.job();

        new PrepareCommand(job, engine, f.out, f.firewallState()).call();

        List<String> verbs = engine.verbs();
        assertEquals(
                "writeSecretFiles", verbs.get(verbs.size() - 1), engine.calls().toString());
        assertTrue(engine.calls().get(verbs.size() - 1).contains(ContainerProfile.SECRETS_DIR));
        assertEquals(StageFixture.TOKEN, engine.secretFiles().get("CI_JOB_TOKEN"));
        assertFalse(Files.readString(f.auditLog()).contains(StageFixture.TOKEN), "the token is in the audit log");
        assertFalse(f.log().contains(StageFixture.TOKEN), "the token is in the job log");
    }
}
