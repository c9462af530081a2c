package dev.secureexecutor.executor.sim;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * One read from a driver call's stdout or stderr pipe, with when it arrived: the basis of the live-streaming check.
 *
 * @param sinceStart time from the call's start to this chunk's arrival
 */
public record OutputChunk(Stream stream, Duration sinceStart, Instant arrival, byte[] bytes) {

    public enum Stream {
        STDOUT,
        STDERR
    }

    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "OutputChunk[" + stream + " +" + sinceStart.toMillis() + "ms, " + bytes.length + " bytes]";
    }
}
