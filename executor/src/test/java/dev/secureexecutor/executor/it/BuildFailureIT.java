package dev.secureexecutor.executor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.executor.sim.JobResult;
import dev.secureexecutor.executor.sim.JobStatus;
import dev.secureexecutor.executor.sim.StageOutcome;
import org.junit.jupiter.api.Test;

/** (b) A script failing with {@code exit 3}: run exits 1, BUILD_EXIT_CODE_FILE says 3, the job fails with 3. */
class BuildFailureIT extends DockerTierTestBase {

    @Test
    void scriptExitCodeReachesTheRunnerThroughBuildExitCodeFile() {
        JobResult r = run(newJob().script("echo about-to-fail", "exit 3", "echo not-reached")
                .afterScript("echo \"after_script sees $CI_JOB_STATUS\"")
                .build());
        assertEquals(JobStatus.FAILED, r.status(), describe(r));
        assertEquals(3, r.reportedExitCode().orElseThrow(), describe(r));
        StageOutcome build = r.stage("build_script").orElseThrow();
        assertEquals(StageOutcome.Result.BUILD_FAILURE, build.result());
        assertEquals(1, build.exitCode(), "run exits BUILD_FAILURE_EXIT_CODE");
        assertEquals(
                "3",
                build.exitCodeFileLine().orElse("<no BUILD_EXIT_CODE_FILE>").trim());
        assertTrue(r.driverLog().contains("about-to-fail"));
        assertFalse(r.driverLog().contains("\nnot-reached"));
        assertTrue(r.driverLog().contains("after_script sees failed"), describe(r));
        assertTrue(r.stage("cleanup_file_variables").isPresent());
        assertNoSecretLeaked(r);
        assertNoStackTrace(r.driverLog() + r.runnerLog());
    }

    @Test
    void aFailingCommandInsideAPipelineFailsTheJob() {
        JobResult r = run(newJob().script("false | cat", "echo not-reached").build());
        assertEquals(JobStatus.FAILED, r.status(), describe(r));
        assertEquals(1, r.reportedExitCode().orElseThrow(), "pipefail: false's status");
        assertFalse(r.driverLog().contains("\nnot-reached"));
    }
}
