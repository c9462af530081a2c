package dev.secureexecutor.executor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.executor.sim.CallRecord;
import dev.secureexecutor.executor.sim.ConfigOutput;
import dev.secureexecutor.executor.sim.JobResult;
import dev.secureexecutor.executor.sim.JobSpec;
import dev.secureexecutor.executor.sim.JobStatus;
import dev.secureexecutor.executor.sim.JobVariable;
import java.util.List;
import org.junit.jupiter.api.Test;

/** (a) A whole job through the real launcher: clone from the fake GitLab, build, print, succeed. */
class CloneAndBuildIT extends DockerTierTestBase {

    @Test
    void jobClonesBuildsAndSucceedsUsingItsOwnToken() {
        JobSpec job = newJob().image(DockerTier.DEFAULT_IMAGE)
                .script(
                        "./build.sh",
                        "echo \"JOB-$CI_JOB_ID-DONE\"",
                        "git log --oneline -1 | cut -c1-7",
                        "cat \"$MY_CONFIG\"")
                .afterScript("echo \"after_script sees $CI_JOB_STATUS\"")
                .variable(JobVariable.fileVariable("MY_CONFIG", "config-file-line\n"))
                .build();
        JobResult r = run(job);

        assertEquals(JobStatus.SUCCESS, r.status(), describe(r));
        assertEquals(
                List.of("prepare_script", "get_sources", "build_script", "after_script", "cleanup_file_variables"),
                r.stageNames());
        assertTrue(r.driverLog().contains("BUILD-RESULT: sample-project ok"), describe(r));
        assertTrue(r.driverLog().contains("\nJOB-" + job.jobId() + "-DONE"), describe(r));
        assertTrue(r.driverLog().contains(sha.substring(0, 7)), "checked out the job's commit");
        assertTrue(r.driverLog().contains("config-file-line"), "file variable written in the container");
        assertTrue(r.driverLog().contains("after_script sees success"));
        assertTrue(
                gitlab.authenticatedTokens().contains(job.token()),
                "the fake GitLab saw this job's token: the clone authenticated from inside the container");
        assertNoSecretLeaked(r);
        assertNoStackTrace(r.driverLog() + r.runnerLog());
        assertEquals(1, r.calls("cleanup").size());
        assertEquals(0, r.calls("cleanup").get(0).exitCode(), "cleanup: " + r.runnerLog());
    }

    @Test
    void everyStageNameTheRunnerUsesIsAccepted() {
        JobResult r = run(newJob().withCache()
                .withArtifacts()
                .script("mkdir -p out .cache", "echo built > out/x")
                .step("release", "echo \"releasing-$((2 * 21))\"")
                .afterScript("echo after")
                .build());
        assertEquals(JobStatus.SUCCESS, r.status(), describe(r));
        assertEquals(
                List.of(
                        "prepare_script",
                        "get_sources",
                        "restore_cache",
                        "build_script",
                        "step_release",
                        "after_script",
                        "archive_cache",
                        "upload_artifacts_on_success",
                        "cleanup_file_variables"),
                r.stageNames());
        assertTrue(r.driverLog().contains("\nreleasing-42"), describe(r));
        assertTrue(r.driverLog().contains("Missing gitlab-runner."), "helper stages ran their script");
    }

    @Test
    void configPrintsTheRunnersJsonAndNothingElseOnStdout() {
        JobResult r = run(newJob().script("true").build());
        assertEquals(JobStatus.SUCCESS, r.status(), describe(r));
        ConfigOutput config = r.config().orElseThrow();
        assertFalse(config.buildsDir().isEmpty());
        assertFalse(config.cacheDir().isEmpty());
        assertFalse(config.buildsDirShared());
        assertEquals("bash", config.shell().orElse(""));
        assertTrue(config.driverName().isPresent() && config.driverVersion().isPresent(), "driver{name,version}");
        assertTrue(config.hostname().isPresent(), "hostname");
        CallRecord call = r.calls("config").get(0);
        assertEquals(0, call.exitCode());
        assertTrue(
                call.stdoutText().trim().startsWith("{")
                        && call.stdoutText().trim().endsWith("}"),
                "stdout is exactly one JSON document: " + call.stdoutText());
    }

    @Test
    void outputStreamsLiveWhileTheScriptRuns() {
        JobResult r =
                run(newJob().script("echo tick-1", "sleep 3", "echo tick-2").build());
        assertEquals(JobStatus.SUCCESS, r.status(), describe(r));
        CallRecord build = r.stage("build_script").orElseThrow().call();
        long first = arrival(build, "tick-1");
        long second = arrival(build, "tick-2");
        assertTrue(
                second - first >= 2000,
                "tick-1 arrived only " + (second - first) + " ms before tick-2: "
                        + "output is buffered instead of streamed");
    }

    @Test
    void largeAndUnicodeOutputArrivesIntactAndInOrder() {
        JobResult r = run(newJob().script(
                        "seq 1 200000 | tail -n 3",
                        "seq 1 100000 >/dev/stderr",
                        "echo 'ünïcödé ✓ — ok'",
                        "printf 'no-newline-at-end'")
                .build());
        assertEquals(JobStatus.SUCCESS, r.status(), describe(r));
        String log = r.stage("build_script").orElseThrow().call().allText();
        assertTrue(log.contains("199999\n200000\n"), "stdout intact");
        assertTrue(log.contains("99999\n100000\n"), "100000 stderr lines intact");
        assertTrue(r.driverLog().contains("ünïcödé ✓ — ok"), "UTF-8 intact");
        assertTrue(r.driverLog().contains("no-newline-at-end"), "a last line without newline is not lost");
    }

    static long arrival(CallRecord call, String text) {
        return call.chunks().stream()
                .filter(c -> c.text().contains(text + "\n"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(text + " never arrived"))
                .sinceStart()
                .toMillis();
    }
}
