package dev.secureexecutor.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.LocalDirectorySSLConfig;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.secureexecutor.sandbox.DriverFailure;
import java.net.URI;
import java.time.Duration;

/**
 * Opens the Docker API. The daemon address comes from the runner's environment ({@code DOCKER_HOST}) or the local
 * socket; nothing is read from the job's variables, so a job cannot point the driver at another daemon. A TCP
 * endpoint without verified TLS is refused before any byte is sent ({@link DockerEndpoint#refusal()}).
 */
public final class DockerConnection {
    public static final String DEFAULT_HOST = DockerEndpoint.DEFAULT_HOST;

    private DockerConnection() {}

    public static DockerClient open(DockerEndpoint endpoint) throws DriverFailure {
        endpoint.requireSafe();
        URI uri = URI.create(endpoint.host());
        LocalDirectorySSLConfig ssl = endpoint.tlsVerify() ? new LocalDirectorySSLConfig(endpoint.certPath()) : null;
        ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(uri)
                .sslConfig(ssl)
                .connectionTimeout(Duration.ofSeconds(10))
                .maxConnections(8)
                .build();
        return DockerClientImpl.getInstance(new LocalDaemonConfig(uri, ssl), http);
    }

    /** The local socket, or another unix socket (tests and tools). */
    public static DockerClient open(String dockerHost) throws DriverFailure {
        return open(new DockerEndpoint(dockerHost, false, null));
    }
}
