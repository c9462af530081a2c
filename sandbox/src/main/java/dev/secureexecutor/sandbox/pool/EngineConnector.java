package dev.secureexecutor.sandbox.pool;

import com.github.dockerjava.api.DockerClient;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.docker.DockerConnection;
import dev.secureexecutor.sandbox.policy.EngineSpec;
import java.net.URI;

/**
 * Opens the Docker API of one engine of the pool: its unix socket, or TCP with the pool's mutual TLS. The single
 * place a stage's {@link DockerClient} for a pooled engine is made.
 */
public final class EngineConnector {
    private EngineConnector() {}

    public static DockerClient open(EngineSpec engine) throws DriverFailure {
        URI uri = URI.create(engine.endpoint());
        if (!engine.isTcp()) {
            return DockerConnection.open(uri, null);
        }
        EngineCredentials credentials = EngineCredentials.load(engine);
        return DockerConnection.open(uri, new EngineTls(credentials));
    }
}
