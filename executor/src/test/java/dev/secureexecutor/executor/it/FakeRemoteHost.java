package dev.secureexecutor.executor.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Machines one hop beyond the host, all on this machine: a network namespace joined to the host by a veth pair,
 * holding {@code 198.19.N.2} and the link-local {@value #METADATA} (a stand-in for a cloud metadata service; the real
 * 169.254.169.254 is never touched), with a host route to the latter into the veth only. Deleting the namespace
 * removes the pair and the route. Listeners run in the namespace ({@link NetnsListener}).
 */
final class FakeRemoteHost implements AutoCloseable {
    static final String METADATA = "169.254.170.2";

    private final String ns;
    private final String address;
    private Process listener;

    private FakeRemoteHost(String ns, String address) {
        this.ns = ns;
        this.address = address;
    }

    /** Creates the namespace and starts listeners on {@code METADATA:80} and {@code address():port} for each port. */
    static FakeRemoteHost start(int... ports) throws IOException, InterruptedException {
        long pid = ProcessHandle.current().pid();
        int n = (int) (pid % 250) + 1;
        String ns = "se-remote-" + pid;
        String host = "senb" + pid % 100000 + "h";
        String peer = "senb" + pid % 100000 + "n";
        FakeRemoteHost remote = new FakeRemoteHost(ns, "198.19." + n + ".2");
        ip("netns", "add", ns);
        try {
            ip("link", "add", host, "type", "veth", "peer", "name", peer);
            ip("link", "set", peer, "netns", ns);
            ip("addr", "add", "198.19." + n + ".1/24", "dev", host);
            ip("link", "set", host, "up");
            ip("-n", ns, "addr", "add", remote.address + "/24", "dev", peer);
            ip("-n", ns, "addr", "add", METADATA + "/32", "dev", peer);
            ip("-n", ns, "link", "set", peer, "up");
            ip("-n", ns, "link", "set", "lo", "up");
            ip("-n", ns, "route", "add", "default", "via", "198.19." + n + ".1");
            ip("route", "add", METADATA + "/32", "via", remote.address, "dev", host);
            List<String> endpoints = new ArrayList<>(List.of(METADATA + ":80"));
            for (int p : ports) {
                endpoints.add(remote.address + ":" + p);
            }
            remote.startListener(endpoints);
            return remote;
        } catch (IOException | InterruptedException | RuntimeException e) {
            remote.close();
            throw e;
        }
    }

    String address() {
        return address;
    }

    /** What a client on the host reads from {@code host:port} (proves the listener is reachable from the host). */
    static String readFrom(String host, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 2000);
            s.setSoTimeout(2000);
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }

    private void startListener(List<String> endpoints) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                "ip",
                "netns",
                "exec",
                ns,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                Path.of(NetnsListener.class
                                .getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .getPath())
                        .toString(),
                NetnsListener.class.getName()));
        command.addAll(endpoints);
        listener = new ProcessBuilder(command).redirectErrorStream(true).start();
        String first =
                new BufferedReader(new InputStreamReader(listener.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (!"LISTENING".equals(first)) {
            throw new IllegalStateException("the listener in namespace " + ns + " did not start: " + first);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (listener != null) {
            listener.getOutputStream().close();
            listener.destroy();
            listener.waitFor(10, TimeUnit.SECONDS);
        }
        ip("netns", "del", ns);
    }

    private static void ip(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("ip " + String.join(" ", args) + " failed: " + out.trim());
        }
    }
}
