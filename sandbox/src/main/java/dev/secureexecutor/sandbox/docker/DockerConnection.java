package dev.secureexecutor.sandbox.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.net.URI;
import java.time.Duration;

/**
 * Opens the Docker API. The daemon address comes from the runner's environment ({@code DOCKER_HOST}) or the local
 * socket; nothing is read from the job's variables, so a job cannot point the driver at another daemon.
 */
public final class DockerConnection {
    public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

    private DockerConnection() {}

    public static DockerClient open(String dockerHost) {
        String host = dockerHost == null || dockerHost.isBlank() ? DEFAULT_HOST : dockerHost;
        URI uri = URI.create(host);
        ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(uri)
                .connectionTimeout(Duration.ofSeconds(10))
                .maxConnections(8)
                .build();
        return DockerClientImpl.getInstance(new LocalDaemonConfig(uri), http);
    }
}
