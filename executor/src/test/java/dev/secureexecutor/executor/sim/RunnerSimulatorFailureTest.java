package dev.secureexecutor.executor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.executor.sim.CallRecord.KillOutcome;
import dev.secureexecutor.executor.sim.StageOutcome.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Failure, retry, cancel, abort and timeout paths of the simulator, against {@link StubDriver} (no Docker). */
class RunnerSimulatorFailureTest extends StubDriverTestBase {
    @Test
    void buildFailureReportsTheCodeFromBuildExitCodeFile() throws IOException {
        JobResult r = run(
                job(11).script("echo before", "exit 3", "echo never")
                        .afterScript("echo \"after: $CI_JOB_STATUS\"")
                        .build(),
                Map.of());
        assertEquals(JobStatus.FAILED, r.status(), r.summary());
        assertEquals(3, r.reportedExitCode().orElseThrow());
        StageOutcome build = r.stage("build_script").orElseThrow();
        assertEquals(Result.BUILD_FAILURE, build.result());
        assertEquals(1, build.exitCode());
        assertEquals("3", build.exitCodeFileLine().orElseThrow());
        assertFalse(r.jobLog().contains("never\n"));
        assertTrue(r.jobLog().contains("after: failed"), r.jobLog());
        assertEquals("cleanup_file_variables", r.stageNames().get(r.stageNames().size() - 1));
    }

    @Test
    void systemFailureInPrepareIsRetriedThreeTimesEachWithCleanupAndANewTmp() throws IOException {
        JobResult r = run(job(12).build(), Map.of("STUB_PREPARE_EXITS", "2 2 2"));
        assertEquals(JobStatus.SYSTEM_FAILURE, r.status());
        assertEquals(3, r.prepareAttempts());
        assertEquals(
                List.of("config", "prepare", "cleanup", "config", "prepare", "cleanup", "config", "prepare", "cleanup"),
                r.calls().stream().map(CallRecord::label).toList());
        assertEquals(3, r.tmpDirs().stream().distinct().count());
        assertTrue(r.tmpDirs().stream().noneMatch(Files::exists));
        assertTrue(r.stages().isEmpty());
    }

    @Test
    void prepareRecoversOnALaterAttempt() throws IOException {
        JobResult r = run(job(13).build(), Map.of("STUB_PREPARE_EXITS", "2 0"));
        assertEquals(JobStatus.SUCCESS, r.status(), r.summary());
        assertEquals(2, r.prepareAttempts());
    }

    @Test
    void buildErrorInPrepareIsNotRetried() throws IOException {
        JobResult r = run(job(14).build(), Map.of("STUB_PREPARE_EXITS", "1"));
        assertEquals(JobStatus.FAILED, r.status());
        assertEquals(1, r.prepareAttempts());
        assertEquals(
                List.of("config", "prepare", "cleanup"),
                r.calls().stream().map(CallRecord::label).toList());
    }

    @Test
    void invalidConfigJsonIsRetriedWithoutCallingPrepare() throws IOException {
        JobResult r = run(job(15).build(), Map.of("STUB_CONFIG_GARBAGE", "1"));
        assertEquals(JobStatus.SYSTEM_FAILURE, r.status());
        assertEquals(3, r.prepareAttempts());
        assertTrue(r.calls("prepare").isEmpty());
        assertEquals(3, r.calls("cleanup").size());
        assertTrue(r.reason().startsWith("error while parsing JSON output"), r.reason());
    }

    @Test
    void cancelKillsTheScriptGroupThenRunsAfterScriptAsCanceled() throws IOException {
        JobResult r = run(
                job(16).script("echo \"READY-$((40 + 2))\"", "sleep 313", "echo never")
                        .afterScript("echo \"after: $CI_JOB_STATUS\"", "pgrep -f 'sleep 313' || echo NO-SLEEP-LEFT")
                        .interruption(Interruption.cancelOnLine("READY-42"))
                        .build(),
                Map.of());
        assertEquals(JobStatus.CANCELED, r.status(), r.summary());
        StageOutcome build = r.stage("build_script").orElseThrow();
        assertEquals(Result.CANCELED, build.result());
        assertEquals(KillOutcome.EXITED_AFTER_TERM, build.call().killOutcome().orElseThrow());
        assertTrue(build.call().termToExit().orElseThrow().compareTo(Duration.ofSeconds(3)) < 0);
        assertTrue(r.jobLog().contains("after: canceled"), r.jobLog());
        assertTrue(r.jobLog().contains("\nNO-SLEEP-LEFT\n"), r.jobLog());
        assertTrue(r.stage("cleanup_file_variables").isPresent());
    }

    @Test
    void abortCanStartCleanupWhileTheKilledRunIsStillAlive() throws IOException {
        JobResult r = run(
                job(17).script("echo \"ABORT-$((1 + 1))\"", "sleep 4")
                        .afterScript("echo after")
                        .interruption(Interruption.abortOnLine("ABORT-2").withCleanupWhileRunning())
                        .build(),
                Map.of("STUB_RUN_IGNORE_TERM", "1"));
        assertEquals(JobStatus.CANCELED, r.status(), r.summary());
        StageOutcome build = r.stage("build_script").orElseThrow();
        assertEquals(Result.ABORTED, build.result());
        assertEquals(KillOutcome.EXITED_AFTER_KILL, build.call().killOutcome().orElseThrow());
        CallRecord cleanup = r.calls("cleanup").get(0);
        assertTrue(
                cleanup.started()
                        .isBefore(build.call().started().plus(build.call().duration())),
                "cleanup started before the killed run_exec ended");
        assertFalse(r.stage("after_script").isPresent(), "no run_exec after an abort");
        assertFalse(r.stage("cleanup_file_variables").isPresent(), "skipped after an abort");
    }

    @Test
    void jobTimeoutAbortsTheRunningStage() throws IOException {
        JobResult r = run(job(18).timeoutSeconds(6).script("sleep 30").build(), Map.of());
        assertEquals(JobStatus.FAILED, r.status(), r.summary());
        assertTrue(r.reason().contains("timeout"), r.reason());
        assertEquals(Result.ABORTED, r.stage("build_script").orElseThrow().result());
        assertEquals(1, r.calls("cleanup").size());
    }
}
