package dev.secureexecutor.sandbox.docker;

import dev.secureexecutor.sandbox.DriverFailure;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the Docker API is, from the runner's environment ({@code DOCKER_HOST}, {@code DOCKER_TLS_VERIFY},
 * {@code DOCKER_CERT_PATH}), never from a job's variables. A TCP daemon without TLS is refused: stage scripts, which
 * hold the job token, travel over this connection, and anyone on the network could also drive the daemon (root).
 */
public record DockerEndpoint(String host, boolean tlsVerify, String certPath) {
    public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

    public DockerEndpoint {
        host = host == null || host.isBlank() ? DEFAULT_HOST : host.trim();
        certPath = certPath == null ? "" : certPath;
    }

    public static DockerEndpoint of(String host, String tlsVerify, String certPath) {
        boolean tls = tlsVerify != null
                && !tlsVerify.isBlank()
                && !tlsVerify.equals("0")
                && !tlsVerify.equalsIgnoreCase("false");
        return new DockerEndpoint(host, tls, certPath);
    }

    public static DockerEndpoint local() {
        return new DockerEndpoint(null, false, null);
    }

    public boolean isTcp() {
        String h = host.toLowerCase(Locale.ROOT);
        return h.startsWith("tcp://") || h.startsWith("http://") || h.startsWith("https://");
    }

    /** Why this endpoint is refused; empty when it is a local socket or TCP with verified TLS. */
    public Optional<String> refusal() {
        if (isTcp() && (!tlsVerify || certPath.isEmpty())) {
            return Optional.of("the Docker daemon is reached over TCP without TLS (DOCKER_HOST=" + host + "): stage"
                    + " scripts holding the job token would cross the network in clear, and anyone who reaches that"
                    + " port is root on the daemon's host");
        }
        if (!isTcp() && !host.startsWith("unix://")) {
            return Optional.of("DOCKER_HOST=" + host + " uses a transport this driver does not support");
        }
        return Optional.empty();
    }

    public void requireSafe() throws DriverFailure {
        Optional<String> why = refusal();
        if (why.isPresent()) {
            throw DriverFailure.refusal(
                    DriverFailure.Kind.SYSTEM,
                    DriverFailure.Refusal.DOCKER_ENDPOINT,
                    why.get(),
                    "use the local socket (unset DOCKER_HOST), or set DOCKER_TLS_VERIFY=1"
                            + " and DOCKER_CERT_PATH in the runner's environment"
                            + " for a daemon listening with --tlsverify");
        }
    }
}
