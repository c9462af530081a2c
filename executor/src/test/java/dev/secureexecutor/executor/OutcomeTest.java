package dev.secureexecutor.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.secureexecutor.executor.env.RunnerEnv;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every outcome a command returns maps to one exit status, in ExitCodes only. */
class OutcomeTest {
    private static final ExitCodes RUNNER =
            ExitCodes.from(new RunnerEnv(Map.of("BUILD_FAILURE_EXIT_CODE", "17", "SYSTEM_FAILURE_EXIT_CODE", "23")));

    @Test
    void stageOutcomesUseTheRunnersCodes() {
        assertEquals(0, RUNNER.of(Outcome.SUCCESS));
        assertEquals(17, RUNNER.of(new Outcome.BuildFailure("script exited with 3")));
        assertEquals(23, RUNNER.of(new Outcome.SystemFailure("daemon gone")));
    }

    @Test
    void aReportWithProblemsExitsOneWhateverTheRunnersCodesAreAsDocumentedForAudit() {
        assertEquals(1, RUNNER.of(new Outcome.ReportProblems("a FAIL")));
        assertEquals(1, new ExitCodes(1, 2).of(new Outcome.ReportProblems("a malformed line")));
    }
}
