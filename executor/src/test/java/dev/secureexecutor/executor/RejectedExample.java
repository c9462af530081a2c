package dev.secureexecutor.executor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A policy in {@code config-examples/rejected/}: its first line says at which stage it is refused and for what
 * reason, as {@code # refused: <stage>: <reason>}; the reason is a phrase the driver's error must contain.
 */
public record RejectedExample(Path file, String stage, String reason) {
    private static final Pattern HEADER = Pattern.compile("# refused: (config|prepare): (.+)");

    /** The repository's config-examples/ directory. */
    public static Path examplesDir() {
        return ConfigExamplesTest.examples();
    }

    public static List<RejectedExample> all() {
        Path dir = examplesDir().resolve("rejected");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("policy-[a-z0-9-]+\\.toml"))
                    .sorted()
                    .map(RejectedExample::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RejectedExample read(Path file) {
        try {
            String first = Files.readAllLines(file).get(0);
            Matcher m = HEADER.matcher(first);
            if (!m.matches()) {
                throw new IllegalStateException(file + " must start with '# refused: <config|prepare>: <reason>'");
            }
            return new RejectedExample(file, m.group(1), m.group(2).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return file.getFileName().toString();
    }

    @Override
    public String toString() {
        return name();
    }
}
