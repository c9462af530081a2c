package dev.secureexecutor.executor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.executor.sim.DockerCli;
import dev.secureexecutor.executor.sim.DockerLeftovers;
import dev.secureexecutor.executor.sim.JobObserver;
import dev.secureexecutor.executor.sim.JobResult;
import dev.secureexecutor.executor.sim.JobSpec;
import dev.secureexecutor.executor.sim.JobStatus;
import dev.secureexecutor.executor.sim.StageOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The warm agent (docs/WARM-DRIVER.md) through the runner simulator: it serves the job's stages, answers only its
 * own job's launchers and only the runner's user, ends with cleanup, and a SIGKILLed agent fails the stage it was
 * serving cleanly while cleanup still runs (cold) and leaves nothing. {@link AgentLifetimeIT} covers the runner's
 * end. The agent is opt-in ({@code SECURE_EXECUTOR_AGENT=on} in the runner's environment); the other ITs run cold
 * unless the tier is run with it set.
 */
class AgentIT extends DockerTierTestBase {
    /** Runs a job with the agent on, its token valid at the fake GitLab while it runs. */
    static JobResult runWarm(JobSpec job, JobObserver observer) {
        java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.put("SECURE_EXECUTOR_AGENT", "on");
        gitlab.registerJob(job);
        try {
            return new dev.secureexecutor.executor.sim.RunnerSimulator(
                            settings().withOwnEnvironment(env))
                    .run(job, observer);
        } finally {
            gitlab.unregisterJob(job);
        }
    }

    /** At build_script's start: the job's agent directory and pid, and whatever {@code probe} found. */
    private static class AgentSpy implements JobObserver {
        final AtomicReference<Path> dir = new AtomicReference<>();
        final AtomicReference<Long> pid = new AtomicReference<>(-1L);

        @Override
        public void stageStarted(String stage, long launcherPid) {
            if (stage.equals("build_script")) {
                try {
                    dir.set(Agents.dirFor(Agents.jobResponseFileOf(launcherPid)));
                } catch (IllegalStateException launcherAlreadyJava) { // cold: the launcher exec'd the JVM
                    return;
                }
                pid.set(Agents.pid(dir.get()).orElse(-1L));
                probe(dir.get(), pid.get());
            }
        }

        void probe(Path agentDir, long agentPid) {}
    }

    @Test
    void theAgentServesTheJobAndEndsWithCleanup() throws Exception {
        AgentSpy spy = new AgentSpy();
        JobResult r =
                runWarm(newJob().script("echo \"WARM-$((20 + 1))\"", "exit 3").build(), spy);
        assertEquals(JobStatus.FAILED, r.status(), describe(r));
        assertTrue(r.driverLog().contains("\nWARM-21"), describe(r));
        assertEquals(
                3,
                r.stage("build_script")
                        .orElseThrow()
                        .exitCodeFileLine()
                        .map(Integer::parseInt)
                        .orElse(-1),
                "BUILD_EXIT_CODE_FILE written by the agent: " + describe(r));
        assertTrue(spy.pid.get() > 0, "no agent served build_script: " + spy.dir.get());
        assertTrue(Agents.awaitGone(spy.pid.get(), spy.dir.get(), 5000), "the agent outlived cleanup");
        assertNoSecretLeaked(r);
        assertNoStackTrace(r.driverLog() + r.runnerLog());
    }

    /** The warm path's cancel: SIGTERM to run stops the script's processes in the container and exits soon. */
    @Test
    void cancelThroughTheAgentStopsTheScriptsProcesses() throws Exception {
        AgentSpy spy = new AgentSpy();
        JobSpec job = newJob().script("echo \"WARMCANCEL-$((3 + 4))\"", "sleep 300")
                .afterScript(
                        "if pgrep -f 'sleep 300' >/dev/null; then echo SLEEP-STILL-RUNNING; else echo NO-SLEEP-LEFT; fi")
                .interruption(dev.secureexecutor.executor.sim.Interruption.cancelOnLine("WARMCANCEL-7"))
                .build();
        JobResult r = runWarm(job, spy);
        assertEquals(JobStatus.CANCELED, r.status(), describe(r));
        assertTrue(spy.pid.get() > 0, "no agent served build_script");
        var call = r.stage("build_script").orElseThrow().call();
        assertEquals(
                dev.secureexecutor.executor.sim.CallRecord.KillOutcome.EXITED_AFTER_TERM,
                call.killOutcome().orElseThrow());
        assertTrue(call.termToExit().orElseThrow().toMillis() < 5000, "warm run took too long after SIGTERM");
        assertTrue(r.driverLog().contains("\nNO-SLEEP-LEFT"), describe(r));
        assertNoStackTrace(r.driverLog() + r.runnerLog());
    }

    /** Attack stopped: a process of another job, or of another user, reaching this job's agent and its secrets. */
    @Test
    void anotherJobsLauncherAndAnotherUserCannotReachTheAgent() throws Exception {
        AtomicReference<String> forged = new AtomicReference<>("<not tried>");
        AtomicReference<String> otherUser = new AtomicReference<>("<not tried>");
        AgentSpy spy = new AgentSpy() {
            @Override
            void probe(Path agentDir, long agentPid) {
                // a well-formed request naming another job's JOB_RESPONSE_FILE, written into this agent's FIFO
                forged.set(bash(
                        "exec 3<>\"$1/req\" 4<> <(:); printf 'run\\t%s\\t%s\\t\\t/etc/hostname\\tx\\n' $$"
                                + " /tmp/another-job/response.json >&3; read -r -t 5 -u 4 reply; echo \"reply: $reply\"",
                        agentDir.toString()));
                otherUser.set(bash(
                        "setpriv --reuid 1000 --regid 1000 --clear-groups bash -c"
                                + " 'echo run > \"$0/req\" && echo WROTE || echo DENIED' \"$1\" 2>&1",
                        agentDir.toString()));
            }
        };
        JobResult r = runWarm(
                newJob().script("echo \"ISOLATED-$((1 + 1))\"", "sleep 3").build(), spy);
        assertEquals(JobStatus.SUCCESS, r.status(), describe(r));
        assertTrue(spy.pid.get() > 0, "no agent served build_script");
        assertEquals("reply: no caller belongs to another job", forged.get().trim());
        assertTrue(otherUser.get().contains("DENIED") && !otherUser.get().contains("WROTE"), otherUser.get());
        assertTrue(Agents.awaitGone(spy.pid.get(), spy.dir.get(), 5000), "the agent outlived cleanup");
    }

    @Test
    void killingTheAgentMidStageFailsThatStageCleanlyAndCleanupStillLeavesNothing() throws Exception {
        JobSpec job = newJob().script("echo \"DOOMED-$((1 + 1))\"", "sleep 300", "echo not-reached")
                .build();
        AgentSpy spy = new AgentSpy() {
            @Override
            void probe(Path agentDir, long agentPid) {
                Thread killer = new Thread(() -> killOnceSleeping(job.jobId(), agentPid), "kill-agent");
                killer.setDaemon(true);
                killer.start();
            }
        };
        JobResult r = runWarm(job, spy);
        StageOutcome build = r.stage("build_script").orElseThrow();
        assertEquals(StageOutcome.Result.SYSTEM_FAILURE, build.result(), describe(r));
        assertTrue(
                r.driverLog().contains("the job's agent (pid " + spy.pid.get() + ") ended during stage build_script"),
                describe(r));
        assertFalse(r.driverLog().contains("\nnot-reached"));
        assertEquals(0, r.calls("cleanup").get(0).exitCode(), "cleanup falls back to the cold path: " + r.runnerLog());
        assertFalse(Files.exists(spy.dir.get()), "the dead agent's directory outlived cleanup");
        assertNoSecretLeaked(r);
        assertNoStackTrace(r.driverLog() + r.runnerLog());
    }

    /** Both paths stay tested: with SECURE_EXECUTOR_AGENT=off (the default) no agent starts, cancel works. */
    @Test
    void theColdPathRunsEveryStageWhenTheAgentIsOff() throws Exception {
        java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
        env.put("SECURE_EXECUTOR_AGENT", "off");
        AgentSpy spy = new AgentSpy();
        JobSpec job = newJob().script("echo \"COLD-$((3 + 4))\"", "sleep 300")
                .afterScript("echo after-cold")
                .interruption(dev.secureexecutor.executor.sim.Interruption.cancelOnLine("COLD-7"))
                .build();
        gitlab.registerJob(job);
        JobResult r;
        try {
            r = new dev.secureexecutor.executor.sim.RunnerSimulator(settings().withOwnEnvironment(env)).run(job, spy);
        } finally {
            gitlab.unregisterJob(job);
        }
        assertEquals(JobStatus.CANCELED, r.status(), describe(r));
        assertEquals(-1L, spy.pid.get(), "an agent ran although SECURE_EXECUTOR_AGENT=off");
        assertTrue(spy.dir.get() == null || !Files.exists(spy.dir.get()));
        var call = r.stage("build_script").orElseThrow().call();
        assertTrue(call.termToExit().orElseThrow().toMillis() < 5000, "cold run took too long after SIGTERM");
        assertTrue(r.driverLog().contains("after-cold"), describe(r));
    }

    /** Waits until the stage's {@code sleep 300} runs in the job's container, then SIGKILLs the agent. */
    private static void killOnceSleeping(long jobId, long agentPid) {
        try {
            for (int i = 0; i < 300; i++) {
                for (String container : DockerLeftovers.containers(jobId)) {
                    String id = container.split(" ")[0];
                    if (DockerCli.run("top", id, "-eo", "pid,args").stdout().contains("sleep 300")
                            && Agents.alive(agentPid)) {
                        ProcessHandle.of(agentPid).ifPresent(ProcessHandle::destroyForcibly);
                        return;
                    }
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String bash(String script, String arg) {
        try {
            Process p = new ProcessBuilder("bash", "-c", script, "probe", arg)
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        } catch (java.io.IOException e) {
            return "<" + e + ">";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "<interrupted>";
        }
    }
}
