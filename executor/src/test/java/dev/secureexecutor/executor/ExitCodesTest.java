package dev.secureexecutor.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.secureexecutor.executor.env.RunnerEnv;
import dev.secureexecutor.sandbox.DriverFailure;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExitCodesTest {
    @Test
    void codesComeFromTheRunnersEnvironment() {
        ExitCodes codes = ExitCodes.from(
                new RunnerEnv(Map.of("BUILD_FAILURE_EXIT_CODE", "17", "SYSTEM_FAILURE_EXIT_CODE", "23")));
        assertEquals(17, codes.of(DriverFailure.build("job asked for x", "don't")));
        assertEquals(23, codes.of(DriverFailure.system("daemon down", "start it")));
    }

    @Test
    void withoutTheRunnerTheDocumentedDefaultsApply() {
        ExitCodes codes = ExitCodes.from(new RunnerEnv(Map.of("BUILD_FAILURE_EXIT_CODE", "junk")));
        assertEquals(new ExitCodes(1, 2), codes);
    }
}
