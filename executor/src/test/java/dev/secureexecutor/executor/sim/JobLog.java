package dev.secureexecutor.executor.sim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A transcript in arrival order: the job log (prepare/run stdout and stderr, config's stderr, the runner's own
 * messages) or, as a separate instance, the runner log (cleanup's output). Driver output is also kept apart from the
 * runner's messages so tests can assert on exactly what the driver wrote.
 */
final class JobLog {
    private final ByteArrayOutputStream transcript = new ByteArrayOutputStream();
    private final ByteArrayOutputStream driverOnly = new ByteArrayOutputStream();

    /** A line the runner itself writes, e.g. "Using Custom executor with driver ...". */
    synchronized void runnerMessage(String line) {
        transcript.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    synchronized void driverOutput(OutputChunk chunk) {
        transcript.writeBytes(chunk.bytes());
        driverOnly.writeBytes(chunk.bytes());
    }

    /** Everything, as a person reading the job log in GitLab would see it (before the runner's own masking). */
    synchronized String text() {
        return transcript.toString(StandardCharsets.UTF_8);
    }

    /** Only the bytes the driver processes wrote. */
    synchronized String driverText() {
        return driverOnly.toString(StandardCharsets.UTF_8);
    }
}
