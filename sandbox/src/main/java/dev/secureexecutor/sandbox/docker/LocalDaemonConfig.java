package dev.secureexecutor.sandbox.docker;

import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.AuthConfigurations;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.LocalDirectorySSLConfig;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.core.SSLConfig;
import java.net.URI;

/**
 * The driver's Docker client configuration, built explicitly. docker-java's default builder also merges
 * {@code ~/.docker-java.properties}, system properties and the runner user's {@code ~/.docker/config.json}
 * (registry credentials the driver never needs); this one knows only the daemon address, so nothing from the
 * user's files or a job's variables can redirect or authenticate the driver.
 */
final class LocalDaemonConfig implements DockerClientConfig {
    private final URI host;
    private final LocalDirectorySSLConfig ssl;

    /** @param ssl client certificates for a TCP daemon with TLS; {@code null} for the local socket */
    LocalDaemonConfig(URI host, LocalDirectorySSLConfig ssl) {
        this.host = host;
        this.ssl = ssl;
    }

    @Override
    public URI getDockerHost() {
        return host;
    }

    @Override
    public RemoteApiVersion getApiVersion() {
        return RemoteApiVersion.unknown();
    }

    @Override
    public String getRegistryUsername() {
        return null;
    }

    @Override
    public String getRegistryPassword() {
        return null;
    }

    @Override
    public String getRegistryEmail() {
        return null;
    }

    @Override
    public String getRegistryUrl() {
        return null;
    }

    @Override
    public AuthConfig effectiveAuthConfig(String imageName) {
        return null;
    }

    @Override
    public AuthConfigurations getAuthConfigurations() {
        return new AuthConfigurations();
    }

    @Override
    @SuppressWarnings("deprecation") // DockerClientConfig still declares docker-java's deprecated SSLConfig here
    public SSLConfig getSSLConfig() {
        return ssl;
    }
}
