package dev.secureexecutor.executor.sim;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What happened in one driver call (one OS process).
 *
 * @param label          e.g. {@code config}, {@code prepare}, {@code run build_script}, {@code cleanup}
 * @param exitCode       the process status; death by signal N shows as 128+N
 * @param termToExit     time from the first SIGTERM to the process's exit, when it was signalled
 * @param killOutcome    what the kill sequence achieved, when one ran
 * @param pipesHeldOpen  stdout/stderr stayed open after exit (a descendant kept them): output may be missing
 */
public record CallRecord(
        String label,
        List<String> argv,
        int exitCode,
        Instant started,
        Duration duration,
        byte[] stdout,
        byte[] stderr,
        List<OutputChunk> chunks,
        Optional<Duration> termToExit,
        Optional<KillOutcome> killOutcome,
        boolean timedOut,
        boolean pipesHeldOpen) {

    public enum KillOutcome {
        EXITED_BEFORE_SIGNAL,
        EXITED_AFTER_TERM,
        EXITED_AFTER_KILL,
        FAILED_TO_KILL
    }

    public CallRecord {
        argv = List.copyOf(argv);
        chunks = List.copyOf(chunks);
    }

    public String stdoutText() {
        return new String(stdout, StandardCharsets.UTF_8);
    }

    public String stderrText() {
        return new String(stderr, StandardCharsets.UTF_8);
    }

    /** stdout then stderr, for assertions that do not care which stream. */
    public String allText() {
        return stdoutText() + stderrText();
    }

    public boolean wasSignalled() {
        return killOutcome.isPresent();
    }

    @Override
    public String toString() {
        return "CallRecord[" + label + " exit=" + exitCode + " in " + duration.toMillis() + "ms"
                + killOutcome.map(k -> " " + k).orElse("") + (timedOut ? " TIMED OUT" : "") + "]";
    }
}
