package dev.secureexecutor.sandbox.checks;

import static dev.secureexecutor.sandbox.checks.Facts.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gitlab-runner binary is mounted into every job: a directory or a socket there would expose the host. */
class RunnerBinaryCheckTest {
    @TempDir
    Path dir;

    @Test
    void anExecutableFilePassesAndNothingSetIsNotJudged() throws Exception {
        Path binary = Files.writeString(dir.resolve("gitlab-runner"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertEquals(
                Finding.Status.PASS,
                only(new RunnerBinaryCheck().judge(binary.toString())).status());
        assertEquals(List.of(), new RunnerBinaryCheck().judge(""));
    }

    @Test
    void aDirectoryOrAMissingOrNonExecutableFileFails() throws Exception {
        Path plain = Files.writeString(dir.resolve("gitlab-runner"), "data");
        Finding f = only(new RunnerBinaryCheck().judge(dir.toString()));
        assertEquals(Finding.Status.FAIL, f.status());
        assertTrue(f.reason().contains("is not an executable file on this host"), f.reason());
        assertEquals(
                Finding.Status.FAIL,
                only(new RunnerBinaryCheck().judge(plain.toString())).status());
        assertEquals(
                Finding.Status.FAIL,
                only(new RunnerBinaryCheck().judge(dir + "/absent/gitlab-runner"))
                        .status());
    }
}
