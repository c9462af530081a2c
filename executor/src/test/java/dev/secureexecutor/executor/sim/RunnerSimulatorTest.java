package dev.secureexecutor.executor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The simulator's lifecycle against {@link StubDriver}, a bash driver that runs scripts on the host: stage order,
 * environment, process setup, output routing and the success path, all without Docker. Failure, retry and
 * interruption paths are in {@link RunnerSimulatorFailureTest}.
 */
class RunnerSimulatorTest extends StubDriverTestBase {
    @Test
    void successfulJobRunsTheStagesInTheRunnersOrder() throws IOException {
        JobSpec job = job(1).script("./build.sh")
                .afterScript("echo \"after: $CI_JOB_STATUS\"")
                .withCache()
                .withArtifacts()
                .variable(JobVariable.fileVariable("MY_FILE", "secret-file-content\n"))
                .build();
        JobResult r = run(job, Map.of());
        assertEquals(JobStatus.SUCCESS, r.status(), r.summary() + "\n" + r.jobLog());
        assertEquals(
                List.of(
                        "prepare_script",
                        "get_sources",
                        "restore_cache",
                        "build_script",
                        "after_script",
                        "archive_cache",
                        "upload_artifacts_on_success",
                        "cleanup_file_variables"),
                r.stageNames());
        assertEquals(
                List.of("config", "prepare"),
                r.calls().subList(0, 2).stream().map(CallRecord::label).toList());
        assertEquals("cleanup", r.calls().get(r.calls().size() - 1).label());
        assertTrue(r.jobLog().contains("BUILD-RESULT: sample-project ok"), r.jobLog());
        assertTrue(r.jobLog().contains("after: success"), r.jobLog());
        assertTrue(r.jobLog().contains("Running on "), r.jobLog());
        assertTrue(r.jobLog().contains("via stub-host..."), r.jobLog());
        assertTrue(r.jobLog().contains("Using Custom executor with driver stub 0.1..."));
        assertTrue(gitlab.authenticatedTokens().contains(job.token), "get_sources cloned with the job token");
        assertTrue(r.tmpDirs().stream().noneMatch(Files::exists), "<tmp> removed");
        Path tmpProject = dir.resolve("builds/group/project.tmp");
        assertFalse(Files.exists(tmpProject.resolve(".gitlab-runner.ext.conf")), "ext conf removed");
        assertFalse(Files.exists(tmpProject.resolve("MY_FILE")), "file variable removed");
    }

    @Test
    void configStdoutIsParsedAndOnlyItsStderrJoinsTheJobLogWhileCleanupGoesToTheRunnerLog() throws IOException {
        JobResult r = run(job(2).build(), Map.of());
        assertTrue(r.jobLog().contains("stub config on stderr"));
        assertFalse(r.jobLog().contains("builds_dir"), "config's stdout is not job log");
        assertEquals(dir.resolve("builds").toString(), r.config().orElseThrow().buildsDir());
        assertTrue(r.jobLog().contains("stub prepare attempt 1 exits 0"));
        assertTrue(r.runnerLog().contains("stub cleanup"));
        assertFalse(r.jobLog().contains("stub cleanup"));
    }

    @Test
    void everyCallIsItsOwnProcessGroupInTmpWithStdinFromDevNull() throws IOException {
        JobResult r = run(job(3).build(), Map.of());
        List<String> calls = StubDriver.create(dir).calls();
        assertEquals(r.calls().size(), calls.size());
        Path tmp = r.tmpDirs().get(0);
        for (String line : calls) {
            String pid = field(line, "pid");
            assertEquals(pid, field(line, "pgid"), "setsid: pid == pgid in " + line);
            assertEquals(tmp.toString(), field(line, "cwd"));
            assertEquals("/dev/null", field(line, "stdin"));
        }
        assertTrue(calls.get(2).matches("run " + tmp + "/script\\d+/script prepare_script .*"), calls.get(2));
        assertTrue(calls.get(3).startsWith("run " + tmp + "/script"), calls.get(3));
        assertTrue(calls.get(3).contains(" get_sources "));
    }

    @Test
    void environmentFollowsTheRunnersRules() throws IOException {
        JobSpec job = job(4).image("img:9")
                .variable(JobVariable.fileVariable("CERT", "pem\ncontent"))
                .build();
        run(job, Map.of());
        StubDriver stub = StubDriver.create(dir);
        Map<String, String> config = stub.environmentOfCall(1);
        Map<String, String> prepare = stub.environmentOfCall(2);
        assertEquals("", config.get("CUSTOM_ENV_CI_PROJECT_DIR"));
        assertFalse(config.containsKey("STUB_JOB_ENV"), "job_env only reaches later calls");
        assertEquals("from-config", prepare.get("STUB_JOB_ENV"));
        assertEquals(dir.resolve("builds/group/project").toString(), prepare.get("CUSTOM_ENV_CI_PROJECT_DIR"));
        assertEquals(job.token, prepare.get("CUSTOM_ENV_CI_JOB_TOKEN"));
        assertEquals("img:9", prepare.get("CUSTOM_ENV_CI_JOB_IMAGE"));
        assertEquals("pem\ncontent", prepare.get("CUSTOM_ENV_CERT"));
        assertEquals("", prepare.get("CUSTOM_ENV_CI_JOB_SERVICES"));
        assertTrue(prepare.get("JOB_RESPONSE_FILE").endsWith("/response.json"));
        assertEquals(prepare.get("TMPDIR") + "/build_exit_code", prepare.get("BUILD_EXIT_CODE_FILE"));
    }

    @Test
    void outputChunksAreTimestampedAsTheyArrive() throws IOException {
        JobResult r = run(job(5).script("echo tick-1", "sleep 2", "echo tick-2").build(), Map.of());
        CallRecord build = r.stage("build_script").orElseThrow().call();
        long first = arrival(build, "tick-1");
        long second = arrival(build, "tick-2");
        assertTrue(second - first >= 1500, "tick-1 streamed live, " + (second - first) + " ms before tick-2");
    }

    @Test
    void variablesWrittenToGitlabEnvReachLaterStages() throws IOException {
        JobResult r = run(
                job(6).script("echo \"FROM_ENV=carried-$((20 + 1))\" >> \"$GITLAB_ENV\"")
                        .afterScript("echo \"after sees $FROM_ENV\"")
                        .build(),
                Map.of());
        assertEquals(JobStatus.SUCCESS, r.status(), r.summary());
        assertTrue(r.jobLog().contains("after sees carried-21"), r.jobLog());
    }

    static long arrival(CallRecord call, String text) {
        return call.chunks().stream()
                .filter(c -> c.text().contains(text + "\n"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(text + " never arrived"))
                .sinceStart()
                .toMillis();
    }

    private static String field(String line, String name) {
        for (String part : line.split(" ")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + " in " + line);
    }
}
