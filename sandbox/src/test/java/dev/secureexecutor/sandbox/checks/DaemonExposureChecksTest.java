package dev.secureexecutor.sandbox.checks;

import static dev.secureexecutor.sandbox.checks.Facts.only;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.secureexecutor.sandbox.checks.Finding.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the daemon is exposed: a world-reachable socket or a TCP listener without TLS is root for anyone. */
class DaemonExposureChecksTest {
    private static final DaemonExposure.SocketInfo GOOD =
            new DaemonExposure.SocketInfo("/var/run/docker.sock", "rw-rw----", "root", "docker");

    private static DaemonExposure exposure(String json, List<List<String>> args) {
        return new DaemonExposure(GOOD, json, args);
    }

    @Test
    void socketCheckPassesAGroupOnlySocketAndFailsAWorldWritableOne() {
        assertEquals(
                Status.PASS,
                only(new SocketPermissionsCheck().judge(exposure("", List.of())))
                        .status());
        var open = new DaemonExposure.SocketInfo("/var/run/docker.sock", "rw-rw-rw-", "root", "docker");
        assertEquals(
                Status.FAIL,
                only(new SocketPermissionsCheck().judge(new DaemonExposure(open, "", List.of())))
                        .status());
        var absent = new DaemonExposure.SocketInfo("/var/run/docker.sock", "", "", "");
        assertEquals(
                Status.WARN,
                only(new SocketPermissionsCheck().judge(new DaemonExposure(absent, "", null)))
                        .status());
    }

    @Test
    void tcpListenerWithoutTlsFailsFromDaemonJsonOrCommandLine() {
        TcpListenerCheck check = new TcpListenerCheck();
        assertEquals(
                Status.PASS,
                only(check.judge(exposure("", List.of(List.of("dockerd"))))).status());
        assertEquals(
                Status.FAIL,
                only(check.judge(exposure(
                                "{\"hosts\": [\"unix:///var/run/docker.sock\", \"tcp://0.0.0.0:2375\"]}", List.of())))
                        .status());
        assertEquals(
                Status.FAIL,
                only(check.judge(exposure("", List.of(List.of("/usr/sbin/dockerd", "-H", "tcp://0.0.0.0:2375")))))
                        .status());
        assertEquals(
                Status.PASS,
                only(check.judge(exposure(
                                "", List.of(List.of("/usr/sbin/dockerd", "--tlsverify", "-H", "tcp://0.0.0.0:2376")))))
                        .status());
    }

    @Test
    void invalidDaemonJsonFails() {
        assertEquals(
                Status.FAIL,
                Facts.status(new TcpListenerCheck().judge(exposure("{nope", List.of())), TcpListenerCheck.JSON_KEY));
    }

    @Test
    void iccOnTheDefaultBridgeWarns() {
        assertEquals(
                Status.WARN,
                only(new IccCheck().judge(exposure("{\"icc\": true}", List.of())))
                        .status());
        assertEquals(List.of(), new IccCheck().judge(exposure("{\"icc\": false}", List.of())));
    }
}
