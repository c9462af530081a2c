package dev.secureexecutor.executor.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.executor.logging.LogLevels;
import dev.secureexecutor.executor.logging.MaskedLoggerProvider;
import dev.secureexecutor.masking.Masker;
import dev.secureexecutor.masking.Secret;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's log lines reach the job log (stderr of prepare and run), so a line that quotes a job secret, in its
 * message, an argument or an exception, must come out masked like every other byte.
 */
class DriverLogMaskingTest {
    private static final String TOKEN = "job-token-7f3a9c1e5b2d4f60a8c7";

    @AfterEach
    void quiet() {
        LogLevels.configure(false);
    }

    private static String logThrough(Masker masker, Runnable logging) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        DriverOutput output = DriverOutput.installOver(masker, out, err);
        logging.run();
        output.finish();
        assertEquals(0, out.size(), "log lines never go to stdout (config's stdout is a protocol)");
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void logLineLeakingTheJobTokenIsMasked() {
        assertTrue(
                LoggerFactory.getILoggerFactory().getClass().getName().startsWith(MaskedLoggerProvider.class.getName()),
                "SLF4J is bound to the masking sink, not another binding");
        Masker masker =
                Masker.builder().secret(Secret.of("CI_JOB_TOKEN", TOKEN)).build();
        Logger log = LoggerFactory.getLogger("dev.secureexecutor.executor.main.Main");
        String text = logThrough(masker, () -> {
            log.warn("cloning with token {}", TOKEN);
            log.error("request failed", new IllegalStateException("401 for " + TOKEN));
        });
        assertFalse(text.contains(TOKEN), text);
        assertTrue(text.contains("secure-executor: WARNING: Main: cloning with token [MASKED]"), text);
        assertTrue(
                text.contains("secure-executor: ERROR: Main: request failed (java.lang.IllegalStateException: 401"
                        + " for [MASKED])"),
                text);
    }

    @Test
    void debugLinesOnlyInDebugModeAndDockerJavaOnlyFromWarn() {
        Masker masker = Masker.rulesOnly();
        Logger main = LoggerFactory.getLogger("dev.secureexecutor.executor.main.Main");
        Logger docker = LoggerFactory.getLogger("com.github.dockerjava.core.DefaultDockerClientConfig");
        assertEquals("", logThrough(masker, () -> main.debug("prepare took {} ms", 12)));
        LogLevels.configure(true);
        assertTrue(logThrough(masker, () -> main.debug("prepare took {} ms", 12))
                .contains("secure-executor: DEBUG: Main: prepare took 12 ms"));
        assertFalse(docker.isInfoEnabled(), "docker-java stays at WARN in debug mode too");
        assertTrue(logThrough(masker, () -> docker.warn("x")).contains("WARNING: DefaultDockerClientConfig: x"));
    }
}
