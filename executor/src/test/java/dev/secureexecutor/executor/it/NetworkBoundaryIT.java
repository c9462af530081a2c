package dev.secureexecutor.executor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.executor.sim.JobObserver;
import dev.secureexecutor.executor.sim.JobResult;
import dev.secureexecutor.executor.sim.JobSpec;
import dev.secureexecutor.executor.sim.JobStatus;
import dev.secureexecutor.sandbox.network.FirewallState;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The host boundary of a job's network, from real jobs under {@code egress = "allowlist"}: the host's own addresses
 * (eth0, the job bridge's gateway, docker0), a stand-in metadata service on a link-local address one hop beyond the
 * host, and a neighbour of the allowlisted port are refused at once (TCP reset), also when the address is spelled in
 * decimal, octal or hex; the fake GitLab on the host (the clone) and the allowlisted port are reached. Every
 * listener is first proven reachable from the host. Without the rules, prepare refuses and audit FAILs.
 */
class NetworkBoundaryIT extends HardeningTestBase {
    private static final int ALLOWED = 8081;
    private static final int NEIGHBOUR = 8082;

    private static FakeRemoteHost remote;
    private static ServerSocket hostListener;
    private static Path policy;

    @BeforeAll
    static void startListenersAndInstallTheAllowlist() throws Exception {
        remote = FakeRemoteHost.start(ALLOWED, NEIGHBOUR);
        hostListener = new ServerSocket(0);
        Thread t = new Thread(() -> NetnsListener.serve(hostListener, "host"), "host-listener");
        t.setDaemon(true);
        t.start();
        Path dir = Files.createTempDirectory("network-boundary");
        policy = PolicyFiles.write(
                dir, "[network]\negress = \"allowlist\"\nallow = [\"" + remote.address() + ":" + ALLOWED + "\"]\n", "");
        HostFirewall.apply(policy);
    }

    @AfterAll
    static void restoreTheDefaultRules() throws Exception {
        HostFirewall.apply(HostFirewall.defaultPolicy());
        if (hostListener != null) {
            hostListener.close();
        }
        if (remote != null) {
            remote.close();
        }
    }

    @Test
    void jobReachesItsGitLabAndTheAllowedPortButNotTheHostMetadataOrNeighbours() throws Exception {
        String eth0 = ipv4("eth0");
        String docker0 = ipv4("docker0");
        int port = hostListener.getLocalPort();
        int gitlabPort = gitlab.url().getPort();
        for (String[] target : List.of(
                new String[] {eth0, "" + port},
                new String[] {docker0, "" + port},
                new String[] {FakeRemoteHost.METADATA, "80"},
                new String[] {remote.address(), "" + ALLOWED},
                new String[] {remote.address(), "" + NEIGHBOUR})) {
            assertTrue(
                    FakeRemoteHost.readFrom(target[0], Integer.parseInt(target[1]))
                            .startsWith("LISTENER"),
                    "the listener on " + target[0] + ":" + target[1] + " answers the host");
        }
        List<String> script = new ArrayList<>(List.of(
                "probe() { if timeout 5 bash -c \"exec 3<>/dev/tcp/$2/$3\" 2>/dev/null; then echo \"OPEN $1\";"
                        + " elif [ $? = 124 ]; then echo \"HUNG $1\"; else echo \"REFUSED $1\"; fi; }",
                "gw=$(awk '$2 == \"00000000\" { print $3 }' /proc/net/route)",
                "gw=$(printf '%d.%d.%d.%d' 0x${gw:6:2} 0x${gw:4:2} 0x${gw:2:2} 0x${gw:0:2}); echo \"GATEWAY $gw\"",
                "gwdec=$(IFS=. read -r a b c d <<< \"$gw\"; echo $(( (a << 24) + (b << 16) + (c << 8) + d )))",
                "probe gateway $gw " + port,
                "probe gateway-decimal $gwdec " + port,
                "probe docker-api $gw 2375",
                "probe allowed-decimal " + decimal(remote.address()) + " " + ALLOWED,
                "probe gitlab-hex " + hex(eth0) + " " + gitlabPort));
        List<String> refused = new ArrayList<>(List.of("gateway", "gateway-decimal", "docker-api"));
        probe(script, refused, "host-eth0", eth0, port);
        probe(script, refused, "docker0", docker0, port);
        probe(script, refused, "metadata", FakeRemoteHost.METADATA, 80);
        probe(script, refused, "neighbour", remote.address(), NEIGHBOUR);
        script.add("probe allowed " + remote.address() + " " + ALLOWED);
        script.add("echo \"ATTEMPTED network-boundary\"");
        JobResult r =
                runWithPolicy(newJob().script(script.toArray(String[]::new)).build(), policy, JobObserver.NONE);
        assertEquals(
                JobStatus.SUCCESS, r.status(), "the clone from the fake GitLab on the host worked\n" + describe(r));
        String log = r.driverLog();
        assertTrue(
                log.contains("egress allowlist (nftables): only its GitLab"),
                "the isolation line says the" + " egress:\n" + log);
        for (String name : refused) {
            assertTrue(log.contains("REFUSED " + name + "\n"), name + " is refused at once (reset):\n" + log);
        }
        for (String name : List.of("allowed", "allowed-decimal", "gitlab-hex")) {
            assertTrue(log.contains("OPEN " + name + "\n"), name + " is reachable:\n" + log);
        }
        assertFalse(log.lines().anyMatch(l -> l.startsWith("HUNG ")), "nothing refused hangs:\n" + log);
        assertHostIntact(r);
    }

    @Test
    void withoutTheRulesPrepareRefusesAndAuditFails() throws Exception {
        List<String> extra =
                FirewallState.read(FirewallState.DEFAULT_PATH).orElseThrow().gitlabExtra();
        HostFirewall.run("remove", policy);
        try {
            JobSpec job = newJob().script("echo must-not-run").build();
            JobResult r = runWithPolicy(job, policy, JobObserver.NONE);
            assertEquals(JobStatus.SYSTEM_FAILURE, r.status(), describe(r));
            assertTrue(r.jobLog().contains("no egress rules for job networks are installed"), describe(r));
            assertFalse(r.jobLog().contains("must-not-run\n"), describe(r));
            RecordedRefusals.assertRecorded(
                    PolicyFiles.auditLog(policy.getParent()),
                    job.jobId(),
                    r.prepareAttempts(),
                    "host_setup",
                    "system_failure",
                    "no egress rules",
                    job.token());
            PolicyFiles.DriverRun audit = PolicyFiles.launch(policy, "audit");
            assertEquals(1, audit.exitCode(), audit.output());
            assertTrue(audit.output().contains("FAIL   network.rules"), audit.output());
            assertTrue(audit.output().contains("firewall apply"), "audit says the fix:\n" + audit.output());
        } finally {
            List<String> args = new ArrayList<>();
            extra.forEach(g -> args.addAll(List.of("--gitlab", g)));
            HostFirewall.apply(policy, args.toArray(String[]::new));
        }
        run(new String[] {"nft", "delete", "table", "inet", "secure_executor"});
        try {
            PolicyFiles.DriverRun audit = PolicyFiles.launch(policy, "audit");
            assertEquals(1, audit.exitCode(), audit.output());
            assertTrue(audit.output().contains("the kernel has no table inet secure_executor"), audit.output());
        } finally {
            HostFirewall.apply(policy);
        }
        PolicyFiles.DriverRun audit = PolicyFiles.launch(policy, "audit");
        assertTrue(audit.output().contains("PASS   network.rules"), audit.output());
    }

    /** Adds probes of {@code host:port} as written and in decimal, octal and hex; all must be refused. */
    private static void probe(List<String> script, List<String> refused, String name, String host, int port) {
        script.add("probe " + name + " " + host + " " + port);
        script.add("probe " + name + "-decimal " + decimal(host) + " " + port);
        script.add("probe " + name + "-octal " + octal(host) + " " + port);
        script.add("probe " + name + "-hex " + hex(host) + " " + port);
        refused.addAll(List.of(name, name + "-decimal", name + "-octal", name + "-hex"));
    }

    static String decimal(String dotted) {
        long v = 0;
        for (String part : dotted.split("\\.")) {
            v = (v << 8) | Integer.parseInt(part);
        }
        return Long.toString(v);
    }

    static String octal(String dotted) {
        return String.join(
                ".",
                java.util.Arrays.stream(dotted.split("\\."))
                        .map(p -> "0" + Integer.toOctalString(Integer.parseInt(p)))
                        .toList());
    }

    static String hex(String dotted) {
        return String.join(
                ".",
                java.util.Arrays.stream(dotted.split("\\."))
                        .map(p -> "0x" + Integer.toHexString(Integer.parseInt(p)))
                        .toList());
    }

    private static String ipv4(String nic) throws IOException {
        for (InetAddress a : Collections.list(NetworkInterface.getByName(nic).getInetAddresses())) {
            if (a instanceof Inet4Address) {
                return a.getHostAddress();
            }
        }
        throw new AssertionError(nic + " has no IPv4 address");
    }

    private static void run(String[] command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
    }
}
