package dev.secureexecutor.sandbox.docker;

import dev.secureexecutor.sandbox.checks.Check;
import dev.secureexecutor.sandbox.checks.Finding;
import java.util.List;

/**
 * The Docker API must be a local socket or TCP with verified TLS ({@link DockerEndpoint#refusal()} is the one
 * judge; every verb refuses a bad endpoint before connecting, {@code audit} reports it here).
 */
public final class DockerEndpointCheck implements Check<DockerEndpoint> {
    public static final String KEY = "daemon.endpoint";

    @Override
    public List<Finding> judge(DockerEndpoint endpoint) {
        return List.of(endpoint.refusal()
                .map(why -> Finding.fail(
                        KEY, why, "use the local socket, or TLS with DOCKER_TLS_VERIFY=1 and" + " DOCKER_CERT_PATH"))
                .orElseGet(() -> Finding.pass(
                        KEY,
                        "the driver reaches Docker at " + endpoint.host()
                                + (endpoint.isTcp() ? " with verified TLS" : ""))));
    }
}
