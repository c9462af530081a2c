package dev.secureexecutor.sandbox.hostcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How the daemon is exposed: a world-reachable socket or a TCP listener without TLS is root for anyone. */
class DaemonSettingsInspectorTest {
    private static final DaemonSettingsInspector.SocketInfo GOOD =
            new DaemonSettingsInspector.SocketInfo("/var/run/docker.sock", "rw-rw----", "root", "docker");

    private static Finding.Status status(List<Finding> found, String check) {
        return found.stream().filter(f -> f.check().equals(check)).findFirst().orElseThrow().status();
    }

    @Test
    void groupOnlySocketAndNoTcpListenerPass() {
        List<Finding> found = DaemonSettingsInspector.inspect(GOOD, "", List.of(List.of("dockerd")));
        assertEquals(Finding.Status.PASS, status(found, "daemon.socket"));
        assertEquals(Finding.Status.PASS, status(found, "daemon.tcp-without-tls"));
    }

    @Test
    void worldWritableSocketFails() {
        var open = new DaemonSettingsInspector.SocketInfo("/var/run/docker.sock", "rw-rw-rw-", "root", "docker");
        assertEquals(Finding.Status.FAIL, status(DaemonSettingsInspector.inspect(open, "", List.of()), "daemon.socket"));
    }

    @Test
    void tcpListenerWithoutTlsFailsFromDaemonJsonOrCommandLine() {
        assertEquals(Finding.Status.FAIL, status(DaemonSettingsInspector.inspect(GOOD,
                "{\"hosts\": [\"unix:///var/run/docker.sock\", \"tcp://0.0.0.0:2375\"]}", List.of()),
                "daemon.tcp-without-tls"));
        assertEquals(Finding.Status.FAIL, status(DaemonSettingsInspector.inspect(GOOD, "",
                List.of(List.of("/usr/sbin/dockerd", "-H", "tcp://0.0.0.0:2375"))), "daemon.tcp-without-tls"));
        assertEquals(Finding.Status.PASS, status(DaemonSettingsInspector.inspect(GOOD, "",
                List.of(List.of("/usr/sbin/dockerd", "--tlsverify", "-H", "tcp://0.0.0.0:2376"))),
                "daemon.tcp-without-tls"));
    }

    @Test
    void invalidDaemonJsonFails() {
        assertEquals(Finding.Status.FAIL, status(DaemonSettingsInspector.inspect(GOOD, "{nope", List.of()),
                "daemon.json"));
    }
}
