package dev.secureexecutor.sandbox.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.checks.Finding;
import dev.secureexecutor.sandbox.policy.Capabilities;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Stage scripts hold the job token: a daemon reached over TCP without TLS would carry it in clear. */
class DockerEndpointTest {
    @Test
    void plainTcpDaemonIsRefusedBeforeAnyConnection() {
        DockerEndpoint tcp = DockerEndpoint.of("tcp://192.0.2.10:2375", null, null);
        assertTrue(tcp.refusal().orElseThrow().contains("without TLS"));
        DriverFailure f = assertThrows(DriverFailure.class, () -> DockerConnection.open(tcp));
        assertEquals(DriverFailure.Kind.SYSTEM, f.kind());
        assertEquals(Optional.of(DriverFailure.Refusal.DOCKER_ENDPOINT), f.refusal(), "a refusal, for the audit log");
        Finding audited = new DockerEndpointCheck().judge(tcp).get(0);
        assertEquals(Finding.Status.FAIL, audited.status(), "audit reports the same judgement");
        assertEquals(tcp.refusal().orElseThrow(), audited.reason());
    }

    @Test
    void tlsVerifyWithoutCertificatesIsStillRefused() {
        assertTrue(
                DockerEndpoint.of("tcp://192.0.2.10:2376", "1", null).refusal().isPresent());
        assertTrue(DockerEndpoint.of("tcp://192.0.2.10:2376", "0", "/certs")
                .refusal()
                .isPresent());
    }

    @Test
    void localSocketAndVerifiedTlsAreAccepted() {
        assertEquals(Optional.empty(), DockerEndpoint.of(null, null, null).refusal());
        assertEquals(
                Optional.empty(),
                DockerEndpoint.of("tcp://192.0.2.10:2376", "1", "/certs").refusal());
        assertEquals(
                Finding.Status.PASS,
                new DockerEndpointCheck().judge(DockerEndpoint.local()).get(0).status());
    }

    @Test
    void capabilityAllowlistIsShortAndEveryOtherCapabilityHasAReason() {
        assertEquals(2, Capabilities.ALLOWED.size());
        assertTrue(Capabilities.refusal("cap_sys_admin").orElseThrow().contains("SYS_ADMIN"));
        assertTrue(Capabilities.refusal("AUDIT_WRITE").orElseThrow().contains("not on the allowlist"));
        assertEquals(Optional.empty(), Capabilities.refusal("net_bind_service"));
    }
}
