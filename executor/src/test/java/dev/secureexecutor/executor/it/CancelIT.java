package dev.secureexecutor.executor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.executor.sim.CallRecord;
import dev.secureexecutor.executor.sim.DockerCli;
import dev.secureexecutor.executor.sim.DockerLeftovers;
import dev.secureexecutor.executor.sim.Interruption;
import dev.secureexecutor.executor.sim.JobObserver;
import dev.secureexecutor.executor.sim.JobResult;
import dev.secureexecutor.executor.sim.JobSpec;
import dev.secureexecutor.executor.sim.JobStatus;
import dev.secureexecutor.executor.sim.StageOutcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * (c) Cancel and abort mid-script: the run process ends within a few seconds of SIGTERM, the script's processes are
 * gone from the container, and cleanup leaves nothing, even when it runs while the killed run is still alive.
 */
class CancelIT extends DockerTierTestBase {
    private static final Duration FEW_SECONDS = Duration.ofSeconds(5);

    /** Captures {@code docker top} of the job's container right after build_script ended, before cleanup. */
    private static final class ProcessesAfterBuild implements JobObserver {
        private final long jobId;
        final AtomicReference<String> top = new AtomicReference<>("<not captured>");

        ProcessesAfterBuild(long jobId) {
            this.jobId = jobId;
        }

        @Override
        public void stageFinished(StageOutcome outcome) {
            if (outcome.stage().equals("build_script")) {
                List<String> containers = DockerLeftovers.containers(jobId);
                if (containers.size() != 1) {
                    top.set("<expected one container, found " + containers + ">");
                    return;
                }
                DockerCli.Result r = DockerCli.run("top", containers.get(0).split(" ")[0], "-eo", "pid,args");
                top.set(
                        r.ok()
                                ? r.stdout()
                                : "<docker top failed: " + r.stderr().trim() + ">");
            }
        }
    }

    @Test
    void cancelStopsTheScriptsProcessesAndStillRunsAfterScript() {
        JobSpec job = newJob().script("echo \"READY-$((40 + 2))\"", "sleep 300", "echo not-reached")
                .afterScript(
                        "echo \"after_script sees $CI_JOB_STATUS\"",
                        "if pgrep -f 'sleep 300' >/dev/null; then echo SLEEP-STILL-RUNNING; else echo NO-SLEEP-LEFT; fi")
                .interruption(Interruption.cancelOnLine("READY-42"))
                .build();
        ProcessesAfterBuild observer = new ProcessesAfterBuild(job.jobId());
        JobResult r = run(job, observer);

        assertEquals(JobStatus.CANCELED, r.status(), describe(r));
        StageOutcome build = r.stage("build_script").orElseThrow();
        assertEquals(StageOutcome.Result.CANCELED, build.result());
        assertExitedSoonAfterTerm(build.call());
        assertFalse(
                observer.top.get().contains("sleep 300"),
                "the script's sleep survived in the container:\n" + observer.top.get());
        assertFalse(observer.top.get().startsWith("<"), observer.top.get());
        assertTrue(r.driverLog().contains("after_script sees canceled"), describe(r));
        assertTrue(r.driverLog().contains("\nNO-SLEEP-LEFT"), describe(r));
        assertFalse(r.driverLog().contains("\nnot-reached"));
        assertTrue(r.stage("cleanup_file_variables").isPresent());
        assertNoSecretLeaked(r);
        assertNoStackTrace(r.driverLog() + r.runnerLog());
    }

    @Test
    void cancelStopsAScriptThatIgnoresSigterm() {
        JobSpec job = newJob().script("trap '' TERM", "echo \"STUBBORN-$((40 + 2))\"", "sleep 300", "echo not-reached")
                .afterScript(
                        "if pgrep -f 'sleep 300' >/dev/null; then echo SLEEP-STILL-RUNNING; else echo NO-SLEEP-LEFT; fi")
                .interruption(Interruption.cancelOnLine("STUBBORN-42"))
                .build();
        JobResult r = run(job);
        assertEquals(JobStatus.CANCELED, r.status(), describe(r));
        // the driver must escalate inside the container itself: the runner's SIGKILL would orphan the processes
        assertExitedSoonAfterTerm(r.stage("build_script").orElseThrow().call(), Duration.ofSeconds(9));
        assertTrue(r.driverLog().contains("\nNO-SLEEP-LEFT"), describe(r));
    }

    @Test
    void abortWithCleanupWhileTheKilledRunIsStillAliveLeavesNothing() {
        JobSpec job = newJob().script("echo \"ABORT-$((1 + 1))\"", "sleep 300")
                .afterScript("echo after")
                .interruption(Interruption.abortOnLine("ABORT-2").withCleanupWhileRunning())
                .build();
        JobResult r = run(job);

        assertEquals(JobStatus.CANCELED, r.status(), describe(r));
        StageOutcome build = r.stage("build_script").orElseThrow();
        assertEquals(StageOutcome.Result.ABORTED, build.result());
        assertTrue(
                build.call().killOutcome().orElseThrow() != CallRecord.KillOutcome.FAILED_TO_KILL,
                "run survived SIGKILL");
        CallRecord cleanup = r.calls("cleanup").get(0);
        assertEquals(0, cleanup.exitCode(), "cleanup must succeed while the aborted run is alive: " + r.runnerLog());
        assertFalse(r.stage("after_script").isPresent(), "no run_exec after an abort");
        assertNoStackTrace(r.driverLog() + r.runnerLog());
    }

    @Test
    void abortDuringAStageWaitsForTheKilledRunThenCleansUp() {
        JobSpec job = newJob().script("echo \"ABORT-$((2 + 1))\"", "sleep 300")
                .interruption(Interruption.abortOnLine("ABORT-3"))
                .build();
        JobResult r = run(job);
        assertEquals(JobStatus.CANCELED, r.status(), describe(r));
        assertExitedSoonAfterTerm(r.stage("build_script").orElseThrow().call());
        assertEquals(0, r.calls("cleanup").get(0).exitCode(), r.runnerLog());
    }

    private static void assertExitedSoonAfterTerm(CallRecord call) {
        assertExitedSoonAfterTerm(call, FEW_SECONDS);
    }

    private static void assertExitedSoonAfterTerm(CallRecord call, Duration limit) {
        assertEquals(
                CallRecord.KillOutcome.EXITED_AFTER_TERM,
                call.killOutcome().orElseThrow(),
                "run_exec had to be SIGKILLed: it ignored SIGTERM for the whole graceful period");
        Duration took = call.termToExit().orElseThrow();
        assertTrue(took.compareTo(limit) < 0, "run_exec took " + took.toMillis() + " ms to exit after SIGTERM");
    }
}
