package dev.secureexecutor.executor.sim;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Cuts one output stream into lines for marker detection: ANSI escape sequences and carriage returns are removed so a
 * marker matches however the line was coloured. Not thread-safe: one instance per stream, fed by its reader thread.
 */
final class LineSplitter {
    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;?]*[A-Za-z]");
    private static final int MAX_LINE = 64 * 1024;

    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private final Consumer<String> onLine;

    LineSplitter(Consumer<String> onLine) {
        this.onLine = onLine;
    }

    void accept(byte[] bytes) {
        for (byte b : bytes) {
            if (b == '\n') {
                emit();
            } else if (current.size() < MAX_LINE) {
                current.write(b);
            }
        }
    }

    /** Emits a trailing line that has no newline yet (at end of stream). */
    void finish() {
        if (current.size() > 0) {
            emit();
        }
    }

    static String clean(String raw) {
        return ANSI.matcher(raw).replaceAll("").replace("\r", "");
    }

    private void emit() {
        String line = clean(current.toString(StandardCharsets.UTF_8));
        current.reset();
        onLine.accept(line);
    }
}
