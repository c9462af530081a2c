package dev.secureexecutor.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.checks.DaemonFacts;
import java.util.Set;

/** Asks the daemon about itself ({@code docker info}, one call) for the checks that judge it as plain data. */
public final class ReadDaemonFactsStep {
    private final DockerClient docker;

    public ReadDaemonFactsStep(DockerClient docker) {
        this.docker = docker;
    }

    public DaemonFacts call() throws DriverFailure {
        Info info;
        try {
            info = docker.infoCmd().exec();
        } catch (RuntimeException e) {
            throw DriverFailure.system(
                    "cannot ask the Docker daemon for its settings ("
                            + e.getClass().getSimpleName() + ")",
                    "start dockerd (scripts/setup.sh does) and make its socket reachable by gitlab-runner",
                    e);
        }
        return new DaemonFacts(
                info.getServerVersion(),
                info.getSecurityOptions(),
                info.getRuntimes() == null ? Set.of() : info.getRuntimes().keySet(),
                info.getCGroupVersion());
    }
}
