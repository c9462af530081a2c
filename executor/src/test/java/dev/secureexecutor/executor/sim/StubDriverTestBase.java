package dev.secureexecutor.executor.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's tests without Docker: one fake GitLab per class serving {@code group/project} on loopback, and
 * jobs run through {@link RunnerSimulator} against {@link StubDriver} in a fresh directory per test ({@link #dir}:
 * the stub's builds, call log and environment dumps).
 */
abstract class StubDriverTestBase {
    static FakeGitLab gitlab;
    static String sha;

    @TempDir
    Path dir;

    @BeforeAll
    static void startGitLab() throws IOException {
        gitlab = FakeGitLab.start("127.0.0.1");
        sha = gitlab.addProject("group/project");
    }

    @AfterAll
    static void stopGitLab() throws IOException {
        gitlab.close();
    }

    static JobSpec.Builder job(long id) {
        return JobSpec.builder(id, gitlab.url()).commit("main", sha);
    }

    /** Runs {@code job} with its token valid at the fake GitLab; {@code stubEnv} sets the stub's knobs. */
    JobResult run(JobSpec job, Map<String, String> stubEnv) throws IOException {
        StubDriver stub = StubDriver.create(dir);
        gitlab.registerJob(job);
        try {
            return new RunnerSimulator(stub.settings(stubEnv)).run(job);
        } finally {
            gitlab.unregisterJob(job);
        }
    }
}
