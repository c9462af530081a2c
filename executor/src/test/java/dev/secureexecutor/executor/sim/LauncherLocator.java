package dev.secureexecutor.executor.sim;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the repository root and {@code bin/secure-executor}: the {@code secure-executor.root} system property (set by
 * failsafe), else the first directory upwards from the working directory that holds the launcher.
 */
public final class LauncherLocator {
    static final String ROOT_PROPERTY = "secure-executor.root";
    private static final String LAUNCHER = "bin/secure-executor";

    private LauncherLocator() {}

    public static Path repositoryRoot() {
        String property = System.getProperty(ROOT_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve(LAUNCHER))) {
                return d;
            }
        }
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("executor/pom.xml"))) {
                return d;
            }
        }
        return dir;
    }

    /** The launcher path; it may not exist yet (callers that need it check and fail with a clear message). */
    public static Path launcher() {
        return repositoryRoot().resolve(LAUNCHER);
    }
}
