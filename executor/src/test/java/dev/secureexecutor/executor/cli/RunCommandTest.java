package dev.secureexecutor.executor.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.executor.ExitCodes;
import dev.secureexecutor.executor.Outcome;
import dev.secureexecutor.executor.engine.FakeJobEngine;
import dev.secureexecutor.executor.job.JobContext;
import dev.secureexecutor.executor.secrets.RuntimeMaskStore;
import dev.secureexecutor.sandbox.DriverFailure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * run's logic through a fake engine: the script reaches the engine unchanged as the policy's user in the builds
 * directory, its exit code goes to BUILD_EXIT_CODE_FILE and becomes the stage's outcome, its output is masked, an OOM
 * is reported, and the runner's stop (cancel, timeout) stops the stage's processes before the driver exits.
 */
class RunCommandTest {
    private static final String SCRIPT = "echo building\nexit 3\n";

    @TempDir
    Path dir;

    /** A stop signal the test raises itself, as the JVM would run the shutdown hook on the runner's SIGTERM. */
    private static final class TestSignal implements RunCommand.StopSignal {
        final AtomicReference<Thread> hook = new AtomicReference<>();

        @Override
        public void register(Thread onStop) {
            hook.set(onStop);
        }

        @Override
        public void unregister(Thread onStop) {
            if (onStop.getState() != Thread.State.NEW) {
                throw new IllegalStateException("shutdown in progress");
            }
            hook.set(null);
        }
    }

    private FakeJobEngine preparedEngine(JobContext job) {
        return new FakeJobEngine()
                .withJobResources(job.identity().containerName(), job.identity().labels());
    }

    private Path script(String body) throws Exception {
        return Files.writeString(dir.resolve("script.sh"), body);
    }

    @Test
    void aFailingScriptIsABuildFailureAndItsOwnExitCodeGoesToTheExitCodeFile() throws Exception {
        StageFixture f = new StageFixture(dir).env("BUILD_FAILURE_EXIT_CODE", "17");
        JobContext job = f.job();
        FakeJobEngine engine = preparedEngine(job).withScript((body, out, err) -> {
            out.write(("building with " + StageFixture.TOKEN + "\n").getBytes(StandardCharsets.UTF_8));
            return 3;
        });

        Outcome outcome = new RunCommand(job, engine, f.out, script(SCRIPT), "build_script").call();

        assertInstanceOf(Outcome.BuildFailure.class, outcome);
        assertEquals(17, ExitCodes.from(job.env()).of(outcome), "the runner's BUILD_FAILURE_EXIT_CODE");
        assertEquals("3\n", Files.readString(f.exitCodeFile()));
        // listManaged: the entrypoint prepare recorded on the job container (JobEntrypoint)
        assertEquals(
                List.of(
                        "runScript " + job.identity().containerName() + " 100000:100000 /builds",
                        "oomKilledSince " + job.identity().containerName()),
                engine.calls().subList(1, 3));
        assertTrue(
                engine.calls().get(0).startsWith("listManaged "), engine.calls().toString());
        assertArrayEquals(
                (new String(RuntimeMaskStore.PRELUDE, StandardCharsets.US_ASCII) + SCRIPT)
                        .getBytes(StandardCharsets.UTF_8),
                engine.scripts().get(0),
                "the script must reach the engine unchanged after the add-mask prelude");
        String log = f.log();
        assertTrue(log.contains("building with [MASKED]"), log);
        assertFalse(log.contains(StageFixture.TOKEN), "the job token reached the job log");
    }

    @Test
    void aSucceedingScriptIsSuccessExitZeroAndNoOomCheck() throws Exception {
        StageFixture f = new StageFixture(dir);
        JobContext job = f.job();
        FakeJobEngine engine = preparedEngine(job);
        Files.writeString(f.exitCodeFile(), "stale from an earlier stage\n");

        Outcome outcome = new RunCommand(job, engine, f.out, script("true\n"), "build_script").call();

        assertEquals(Outcome.SUCCESS, outcome);
        assertEquals(0, ExitCodes.from(job.env()).of(outcome));
        assertEquals("0\n", Files.readString(f.exitCodeFile()));
        assertEquals(List.of("listManaged", "runScript"), engine.verbs());
    }

    @Test
    void anOomKillIsReportedInTheJobLogWithTheLimit() throws Exception {
        StageFixture f = new StageFixture(dir);
        JobContext job = f.job();
        FakeJobEngine engine = preparedEngine(job).withOom().withScript((body, out, err) -> 137);

        new RunCommand(job, engine, f.out, script("big\n"), "build_script").call();

        assertTrue(f.log().contains("stage build_script hit the job's memory limit (2g, no swap)"), f.log());
    }

    @Test
    void withSecretFilesEachStageScriptStartsWithTheFilePathsAndNeverTheValues() throws Exception {
        StageFixture f = new StageFixture(dir).credentials("secret_files = true");
        JobContext job = f.job();
        FakeJobEngine engine = preparedEngine(job);

        new RunCommand(job, engine, f.out, script("cat \"$CI_JOB_TOKEN_FILE\"\n"), "build_script").call();

        String sent = new String(engine.scripts().get(0), StandardCharsets.UTF_8);
        assertTrue(sent.startsWith("export CI_JOB_TOKEN_FILE="), sent);
        assertTrue(sent.endsWith("cat \"$CI_JOB_TOKEN_FILE\"\n"), sent);
        assertFalse(sent.contains(StageFixture.TOKEN), "a secret value was prepended to the script");
    }

    @Test
    void aMissingContainerIsASystemFailureAndNoExitCodeIsWritten() throws Exception {
        StageFixture f = new StageFixture(dir);
        JobContext job = f.job();

        DriverFailure failure = assertThrows(
                DriverFailure.class,
                () -> new RunCommand(job, new FakeJobEngine(), f.out, script("true\n"), "build_script").call());

        assertEquals(DriverFailure.Kind.SYSTEM, failure.kind());
        assertFalse(Files.exists(f.exitCodeFile()), "an exit code file claims the script ran");
    }

    @Test
    void whenTheRunnerStopsTheStageItsProcessesAreStoppedBeforeTheDriverExits() throws Exception {
        StageFixture f = new StageFixture(dir);
        JobContext job = f.job();
        FakeJobEngine engine = preparedEngine(job);
        engine.withScript((body, out, err) -> {
            out.write("working\n".getBytes(StandardCharsets.UTF_8));
            while (!engine.stopped()) { // until the sweep kills bash, as SIGKILL would end the exec
                Thread.sleep(5);
            }
            return 143;
        });
        TestSignal signal = new TestSignal();
        RunCommand run = new RunCommand(job, engine, f.out, script("sleep 600\n"), "build_script", signal);

        CompletableFuture<Outcome> running = CompletableFuture.supplyAsync(() -> {
            try {
                return run.call();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        while (!engine.verbs().contains("runScript")) {
            Thread.sleep(5);
        }
        signal.hook.get().start(); // the runner's SIGTERM
        Outcome outcome = running.get(30, TimeUnit.SECONDS);

        assertInstanceOf(Outcome.BuildFailure.class, outcome);
        assertTrue(
                engine.calls()
                        .contains("stopProcesses " + job.identity().containerName() + " 100000:100000 "
                                + RunCommand.STOP_GRACE_SECONDS + "s"),
                engine.calls().toString());
        assertEquals("143\n", Files.readString(f.exitCodeFile()));
        assertTrue(f.log().contains("the runner stopped stage build_script; stopping its processes"), f.log());
        assertTrue(
                engine.resources().containsKey(job.identity().containerName()),
                "the container must survive a stop: after_script still runs in it");
    }

    @Test
    void aStopArrivingAfterTheStageFinishedDoesNotTouchTheNextStagesProcesses() throws Exception {
        StageFixture f = new StageFixture(dir);
        JobContext job = f.job();
        FakeJobEngine engine = preparedEngine(job);
        TestSignal signal = new TestSignal();
        AtomicReference<Thread> hook = new AtomicReference<>();
        RunCommand.StopSignal keeping = new RunCommand.StopSignal() {
            @Override
            public void register(Thread onStop) {
                hook.set(onStop);
                signal.register(onStop);
            }

            @Override
            public void unregister(Thread onStop) {
                signal.unregister(onStop);
            }
        };

        new RunCommand(job, engine, f.out, script("true\n"), "build_script", keeping).call();
        assertEquals(null, signal.hook.get(), "the stop handler outlived its stage");
        hook.get().start();
        hook.get().join(10_000);

        assertFalse(engine.stopped(), "a late stop swept processes: " + engine.calls());
    }
}
