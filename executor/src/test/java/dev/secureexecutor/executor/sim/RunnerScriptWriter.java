package dev.secureexecutor.executor.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * Writes a stage's script the way the runner does: a fresh {@code <tmp>/script<rand>/} directory (0700) per call,
 * holding {@code script} = the bash wrapper around the ANSI-C escaped body.
 */
final class RunnerScriptWriter {
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunnerScriptWriter() {}

    static Path write(Path tmp, Stage stage, ScriptContext ctx) throws IOException {
        Path dir = freshDirectory(tmp);
        Path script = dir.resolve("script");
        Files.writeString(script, wrap(StageScripts.body(stage, ctx), ctx.debugTrace()), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    /** The wrapper of {@code shells/bash.go}: TERM traps, pipefail/errexit, the body eval'd in a subshell. */
    static String wrap(String body, boolean debugTrace) {
        StringBuilder s = new StringBuilder();
        s.append("#!/usr/bin/env bash\n\n");
        s.append("trap 'exit 1' TERM\n\n");
        if (debugTrace) {
            s.append("set -o xtrace\n");
        }
        s.append("case \"$(set -o)\" in *\"pipefail\"*) set -o pipefail;; esac; set -o errexit\n");
        s.append("set +o noclobber\n");
        s.append("(trap 'exit 1' TERM; eval ").append(BashQuoting.ansiC(body)).append(") < /dev/null\n");
        s.append("exit 0\n");
        return s.toString();
    }

    private static Path freshDirectory(Path tmp) throws IOException {
        var mode = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
        for (int i = 0; i < 100; i++) {
            Path dir = tmp.resolve("script" + Integer.toUnsignedString(RANDOM.nextInt()));
            try {
                return Files.createDirectory(dir, mode);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // try another name, as os.MkdirTemp does
            }
        }
        throw new IOException("could not create a script directory under " + tmp);
    }
}
