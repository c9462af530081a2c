package dev.secureexecutor.sandbox.checks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * gitlab-runner's {@code config.toml} as plain facts: where it is and its text, or why it could not be read.
 *
 * @param source the path, as the admin named it
 * @param text the file's content; empty when it could not be read
 * @param readError why it could not be read (an exception's class name); "" when it was read
 */
public record RunnerConfigFile(String source, Optional<String> text, String readError) {
    public static RunnerConfigFile of(String source, String text) {
        return new RunnerConfigFile(source, Optional.of(text), "");
    }

    public static RunnerConfigFile read(Path path) {
        try {
            return of(path.toString(), Files.readString(path));
        } catch (IOException e) {
            return new RunnerConfigFile(
                    path.toString(), Optional.empty(), e.getClass().getSimpleName());
        }
    }
}
