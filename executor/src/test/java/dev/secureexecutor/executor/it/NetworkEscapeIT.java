package dev.secureexecutor.executor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.executor.sim.DockerCli;
import dev.secureexecutor.executor.sim.JobObserver;
import dev.secureexecutor.executor.sim.JobResult;
import dev.secureexecutor.executor.sim.JobSpec;
import dev.secureexecutor.executor.sim.JobStatus;
import dev.secureexecutor.executor.sim.RunnerSimulator;
import dev.secureexecutor.executor.sim.RunningJob;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The escape battery, network attacks: the Docker API, raw packets, and other jobs' containers are out of reach. */
class NetworkEscapeIT extends EscapeBatteryTestBase {
    /** The job network's gateway (the host side), decoded from /proc/net/route with bash only. */
    private static final String GATEWAY = "gw=$(while read -r ifc dst g _; do if [ \"$dst\" = 00000000 ]; then"
            + " printf '%d.%d.%d.%d' 0x${g:6:2} 0x${g:4:2} 0x${g:2:2} 0x${g:0:2}; fi; done < /proc/net/route)";

    @Test
    void reachTheDockerSocket() throws Exception {
        JobResult r = attack(
                "docker-socket",
                "for s in /var/run/docker.sock /run/docker.sock /run/containerd/containerd.sock; do"
                        + " if [ -e \"$s\" ]; then echo \"ESCAPED socket $s\"; else echo \"BLOCKED socket $s\"; fi; done",
                "found=$(find / -xdev -name '*.sock' -type s 2>/dev/null | head -1 || true)",
                "if [ -n \"$found\" ]; then echo \"ESCAPED socket-search $found\"; else echo 'BLOCKED socket-search'; fi",
                GATEWAY,
                "echo \"GATEWAY: $gw\"",
                "for p in 2375 2376; do if timeout 3 bash -c \"echo > /dev/tcp/$gw/$p\" 2>/dev/null; then"
                        + " echo \"ESCAPED docker-tcp $p\"; else echo \"BLOCKED docker-tcp $p\"; fi; done");
        assertBlocked(r, "socket /var/run/docker.sock");
        assertBlocked(r, "socket /run/docker.sock");
        assertBlocked(r, "socket-search");
        assertTrue(r.driverLog().lines().anyMatch(l -> l.matches("GATEWAY: \\d+\\.\\d+\\.\\d+\\.\\d+")), describe(r));
        assertBlocked(r, "docker-tcp 2375");
        assertBlocked(r, "docker-tcp 2376");
        assertHostIntact(r);
    }

    @Test
    void openARawSocketOrSpoofArp() throws Exception {
        JobResult r = attack(
                "raw-socket",
                "perl -e 'if (socket(my $s, 17, 3, 0x0300)) { print \"ESCAPED packet-socket\\n\" }"
                        + " else { print \"BLOCKED packet-socket: $!\\n\" }'",
                "perl -e 'if (socket(my $s, 2, 3, 1)) { print \"ESCAPED raw-icmp\\n\" } else { print \"BLOCKED raw-icmp: $!\\n\" }'",
                "perl -e 'if (socket(my $s, 2, 3, 255)) { print \"ESCAPED raw-ip\\n\" } else { print \"BLOCKED raw-ip: $!\\n\" }'");
        assertBlocked(r, "packet-socket: Operation not permitted");
        assertBlocked(r, "raw-icmp: Operation not permitted");
        assertBlocked(r, "raw-ip: Operation not permitted");
        assertHostIntact(r);
    }

    /**
     * Job A listens on a port until told to stop; the test proves the listener is up by connecting from the host.
     * Job B, running meanwhile, gets A's address (from docker inspect) and tries to connect: it cannot.
     */
    @Test
    void reachAnotherJobsContainerOverTheNetwork() throws Exception {
        JobSpec listener = newJob().script(
                        "perl -MIO::Socket::INET -e '$| = 1; $s = IO::Socket::INET->new(LocalPort => 8080, Listen => 5,"
                                + " ReuseAddr => 1) or die \"listen: $!\"; alarm 150; while ($c = $s->accept) { $l = <$c>;"
                                + " chomp $l; print \"ACCEPTED $l\\n\"; close $c; exit 0 if $l eq \"stop\" }'")
                .build();
        gitlab.registerJob(listener);
        RunningJob a = new RunnerSimulator(settings()).start(listener, JobObserver.NONE);
        try {
            String ip = awaitContainerIp(listener.jobId());
            awaitListener(ip);
            JobResult b = attack(
                    "other-job",
                    "if timeout 4 bash -c 'echo from-other-job > /dev/tcp/" + ip + "/8080' 2>/dev/null; then"
                            + " echo 'ESCAPED other-job " + ip + "'; else echo 'BLOCKED other-job " + ip + "'; fi");
            assertBlocked(b, "other-job " + ip);
            send(ip, "stop");
            JobResult ra = a.await(Duration.ofMinutes(3));
            assertEquals(JobStatus.SUCCESS, ra.status(), describe(ra));
            assertTrue(line(ra, "ACCEPTED host-probe"), "job A's listener worked:\n" + describe(ra));
            assertFalse(line(ra, "ACCEPTED from-other-job"), "job B reached job A:\n" + describe(ra));
            assertHostIntact(b);
        } finally {
            if (!a.isDone()) {
                a.abort();
                a.await(Duration.ofMinutes(2));
            }
            gitlab.unregisterJob(listener);
        }
    }

    /** The host reaches job containers (only other containers may not): retries until A's listener answers. */
    private static void awaitListener(String ip) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            try {
                send(ip, "host-probe");
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("job A's listener on " + ip + ":8080 did not come up within 60 s");
    }

    private static void send(String ip, String line) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(ip, 8080), 1000);
            s.getOutputStream().write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static String awaitContainerIp(long jobId) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            DockerCli.Result ps = DockerCli.run("ps", "-q", "--filter", "label=dev.secureexecutor.job-id=" + jobId);
            List<String> ids = ps.lines();
            if (!ids.isEmpty()) {
                DockerCli.Result ip = DockerCli.run(
                        "inspect", "-f", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", ids.get(0));
                if (ip.ok() && !ip.stdout().isBlank()) {
                    return ip.stdout().trim();
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + jobId + "'s container did not start within 30 s");
    }
}
