package dev.secureexecutor.executor.it;

import dev.secureexecutor.executor.sim.DockerCli;
import dev.secureexecutor.executor.sim.LauncherLocator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Precondition of every Docker-tier test: a Docker engine that answers, the job image, and the built driver. A
 * missing piece FAILS the test class with a message saying how to fix it; it never skips.
 */
public final class DockerTier implements BeforeAllCallback {
    static final String DEFAULT_IMAGE = "secure-executor/job-bookworm:1";
    private static final String FIX = "run scripts/setup.sh";

    @Override
    public void beforeAll(ExtensionContext context) {
        String problem = context.getRoot()
                .getStore(ExtensionContext.Namespace.create(DockerTier.class))
                .getOrComputeIfAbsent("problem", k -> findProblem(), String.class);
        if (!problem.isEmpty()) {
            throw new AssertionError(problem);
        }
    }

    private static String findProblem() {
        DockerCli.Result info = DockerCli.run("info", "--format", "{{.ServerVersion}}");
        if (!info.ok() || info.stdout().isBlank()) {
            return "Docker tier needs a running Docker engine: " + FIX + " (docker info said: "
                    + (info.stderr().isBlank()
                            ? "exit " + info.exitCode()
                            : info.stderr().trim()) + ")";
        }
        if (!DockerCli.run("image", "inspect", DEFAULT_IMAGE).ok()) {
            return "Docker tier needs the job image " + DEFAULT_IMAGE + " (built locally, never pulled): " + FIX;
        }
        Path launcher = LauncherLocator.launcher();
        if (!Files.isExecutable(launcher)) {
            return "Docker tier needs the driver launcher " + launcher + ": " + FIX;
        }
        Path jar = LauncherLocator.repositoryRoot().resolve("executor/target/secure-executor.jar");
        if (!Files.isRegularFile(jar)) {
            return "Docker tier needs the driver jar " + jar + ": " + FIX + " (or mvn -DskipTests package)";
        }
        return "";
    }
}
