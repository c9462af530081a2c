package dev.secureexecutor.executor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.secureexecutor.executor.ExitCodes;
import dev.secureexecutor.executor.Outcome;
import dev.secureexecutor.executor.engine.FakeJobEngine;
import dev.secureexecutor.executor.job.JobContext;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.JobIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cleanup's logic through a fake engine: it removes everything labelled for its job and nothing of another job,
 * verifies that nothing remains (and fails loudly when something does, so no credential-holding tmpfs outlives its
 * job unnoticed), wipes the driver's own file, and records the wipe in the audit log.
 */
class CleanupCommandTest {
    @TempDir
    Path dir;

    @Test
    void removesTheJobsContainerAndNetworkVerifiesNoneRemainAndRecordsTheWipe() throws Exception {
        StageFixture f = new StageFixture(dir);
        JobContext job = f.job();
        JobIdentity neighbour = new JobIdentity(
                StageFixture.JOB_ID + 1,
                job.identity().gitlabHost(),
                "r",
                "g/p",
                job.identity().hostName());
        FakeJobEngine engine = new FakeJobEngine()
                .withJobResources(job.identity().containerName(), job.identity().labels())
                .withJobResources(neighbour.containerName(), neighbour.labels());
        Files.writeString(f.exitCodeFile(), "0\n");

        Outcome outcome = new CleanupCommand(job, engine, f.out).call();

        assertEquals(Outcome.SUCCESS, outcome);
        assertFalse(engine.resources().containsKey(job.identity().containerName()));
        assertFalse(engine.resources().containsKey(job.identity().containerName() + "-net"));
        assertTrue(
                engine.resources().containsKey(neighbour.containerName()), "cleanup removed another job's container");
        assertFalse(Files.exists(f.exitCodeFile()), "the driver's exit code file was not wiped");
        assertTrue(
                f.log().contains("removed 1 container(s), 1 network(s), 0 volume(s); verified none remain"), f.log());
        JsonNode wiped = f.auditLines().get(0);
        assertEquals("wiped", wiped.get("event").asText());
        assertEquals("cleanup", wiped.get("by").asText());
        assertEquals(1, wiped.get("removed").get("containers").asInt());
        assertEquals(1, wiped.get("driver_files_wiped").asInt());
        assertTrue(wiped.get("verified").asBoolean());
    }

    @Test
    void somethingThatStaysBehindFailsTheCleanupAndTheAuditLogSaysUnverified() throws Exception {
        StageFixture f = new StageFixture(dir).env("SYSTEM_FAILURE_EXIT_CODE", "23");
        JobContext job = f.job();
        FakeJobEngine engine = new FakeJobEngine()
                .withJobResources(job.identity().containerName(), job.identity().labels())
                .withStuck(job.identity().containerName());

        DriverFailure failure = assertThrows(DriverFailure.class, () -> new CleanupCommand(job, engine, f.out).call());

        assertEquals(23, ExitCodes.from(job.env()).of(failure));
        assertTrue(failure.problem().contains("left 1 labelled resource(s) behind"), failure.problem());
        JsonNode wiped = f.auditLines().get(0);
        assertFalse(wiped.get("verified").asBoolean());
        assertEquals(1, wiped.get("remaining").asInt());
    }

    @Test
    void aJobThatWasNeverPreparedCleansUpToNothingAndSucceeds() throws Exception {
        StageFixture f = new StageFixture(dir);
        FakeJobEngine engine = new FakeJobEngine();

        assertEquals(Outcome.SUCCESS, new CleanupCommand(f.job(), engine, f.out).call());

        assertTrue(
                f.log().contains("removed 0 container(s), 0 network(s), 0 volume(s); verified none remain"), f.log());
        assertEquals(1, f.auditLines().size());
    }
}
