package dev.secureexecutor.executor.it;

import com.github.dockerjava.api.DockerClient;
import dev.secureexecutor.executor.sim.DockerCli;
import dev.secureexecutor.executor.sim.TestPki;
import dev.secureexecutor.sandbox.docker.DockerConnection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second Docker engine on this machine standing in for a remote one: its own network namespace joined to the host
 * by a veth pair (host 10.223.N.1, engine 10.223.N.2), its own dockerd (data root, exec root, unix socket, pidfile,
 * bridge and subnets, an empty daemon.json) listening with {@code --tlsverify} on the namespace's address with a
 * server certificate of the test's CA. The job image is copied from the main engine (docker-java save, load).
 * {@link #close()} removes all of it; the main engine and its docker0 are never touched.
 */
final class SecondEngine implements AutoCloseable {
    private final String tag = HexFormat.of().formatHex(SecureRandom.getSeed(2));
    private final int subnet = 1 + new SecureRandom().nextInt(250);
    private final String ns = "se-rt" + tag;
    private final Path root;
    private Process dockerd;

    private SecondEngine(Path root) {
        this.root = root;
    }

    static SecondEngine start(TestPki pki) throws IOException, InterruptedException {
        SecondEngine e = new SecondEngine(Files.createTempDirectory("se-remote-"));
        try {
            e.network();
            pki.writeCa(e.root.resolve("ca.pem"));
            pki.server("engine-" + e.tag, List.of(e.address()), List.of())
                    .write(e.root.resolve("server.pem"), e.root.resolve("server-key.pem"));
            Files.writeString(e.root.resolve("daemon.json"), "{}\n");
            e.startDaemon();
            e.copyImage(DockerTier.DEFAULT_IMAGE);
            return e;
        } catch (IOException | InterruptedException | RuntimeException | AssertionError failure) {
            e.close();
            throw failure;
        }
    }

    /** The engine's address in its namespace, reachable from the host over the veth pair. */
    String address() {
        return "10.223." + subnet + ".2";
    }

    String endpoint() {
        return "tcp://" + address() + ":2376";
    }

    String socket() {
        return "unix://" + root.resolve("docker.sock");
    }

    Path dataRoot() {
        return root.resolve("data");
    }

    /** Its own docker CLI call, for the test's checks. */
    DockerCli.Result docker(String... args) {
        List<String> all = new ArrayList<>(List.of("-H", socket()));
        all.addAll(List.of(args));
        return DockerCli.run(all.toArray(new String[0]));
    }

    /** Every container, network and volume labelled for the job on this engine. */
    List<String> leftovers(long jobId) {
        List<String> found = new ArrayList<>();
        String label = "label=dev.secureexecutor.job-id=" + jobId;
        found.addAll(docker("ps", "-aq", "--filter", label).lines());
        found.addAll(docker("network", "ls", "-q", "--filter", label).lines());
        found.addAll(docker("volume", "ls", "-q", "--filter", label).lines());
        return found;
    }

    /** SIGKILL: the engine dies as a crashed host's would (its containers' shims keep running until restart). */
    void kill() throws InterruptedException {
        dockerd.destroyForcibly();
        dockerd.waitFor(20, TimeUnit.SECONDS);
    }

    boolean isRunning() {
        return dockerd != null && dockerd.isAlive();
    }

    void startDaemon() throws IOException, InterruptedException {
        Files.deleteIfExists(root.resolve("docker.pid"));
        dockerd = new ProcessBuilder(
                        "nsenter",
                        "--net=/run/netns/" + ns,
                        "dockerd",
                        "--config-file",
                        root.resolve("daemon.json").toString(),
                        "--data-root",
                        dataRoot().toString(),
                        "--exec-root",
                        root.resolve("exec").toString(),
                        "--pidfile",
                        root.resolve("docker.pid").toString(),
                        "-H",
                        socket(),
                        "-H",
                        endpoint(),
                        "--tlsverify",
                        "--tlscacert",
                        root.resolve("ca.pem").toString(),
                        "--tlscert",
                        root.resolve("server.pem").toString(),
                        "--tlskey",
                        root.resolve("server-key.pem").toString(),
                        "--bridge",
                        ns + "b",
                        "--default-address-pool",
                        "base=10.225.0.0/16,size=24")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        root.resolve("dockerd.log").toFile()))
                .start();
        for (int i = 0; i < 120; i++) {
            if (!dockerd.isAlive()) {
                dockerd.waitFor();
                throw new AssertionError("the second dockerd exited: " + tail());
            }
            if (docker("info", "--format", "{{.ServerVersion}}").ok()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the second dockerd did not answer in 30 s: " + tail());
    }

    private void copyImage(String image) throws IOException {
        try (DockerClient main = DockerConnection.open(DockerConnection.DEFAULT_HOST);
                DockerClient second = DockerConnection.open(socket());
                InputStream tar = main.saveImageCmd(image).exec()) {
            second.loadImageCmd(tar).exec();
        } catch (dev.secureexecutor.sandbox.DriverFailure f) {
            throw new IOException(f.problem());
        }
        if (!docker("image", "inspect", image).ok()) {
            throw new AssertionError("the job image did not load into the second engine");
        }
    }

    private void network() throws IOException, InterruptedException {
        String host = ns + "h";
        String peer = ns + "n";
        sh("ip", "netns", "add", ns);
        sh("ip", "link", "add", host, "type", "veth", "peer", "name", peer);
        sh("ip", "link", "set", peer, "netns", ns);
        sh("ip", "addr", "add", "10.223." + subnet + ".1/30", "dev", host);
        sh("ip", "link", "set", host, "up");
        in("ip", "addr", "add", address() + "/30", "dev", peer);
        in("ip", "link", "set", peer, "up");
        in("ip", "link", "set", "lo", "up");
        in("ip", "route", "add", "default", "via", "10.223." + subnet + ".1");
        in("ip", "link", "add", ns + "b", "type", "bridge");
        in("ip", "addr", "add", "10.224." + subnet + ".1/24", "dev", ns + "b");
        in("ip", "link", "set", ns + "b", "up");
    }

    private void in(String... command) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        all.addAll(List.of(command));
        sh(all.toArray(new String[0]));
    }

    private static void sh(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + out);
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(root.resolve("dockerd.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 12), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** Stops dockerd, then removes its leftover processes (shims of killed runs), mounts, namespace, veth and files. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (dockerd != null && dockerd.isAlive()) {
            dockerd.destroy();
            if (!dockerd.waitFor(30, TimeUnit.SECONDS)) {
                dockerd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        String marker = root.toString();
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .forEach(p -> {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                });
        List<String> mounts = Files.readAllLines(Path.of("/proc/mounts")).stream()
                .map(l -> l.split(" ")[1])
                .filter(m -> m.startsWith(marker))
                .sorted(Comparator.reverseOrder())
                .toList();
        for (String m : mounts) {
            new ProcessBuilder("umount", "-l", m).start().waitFor(10, TimeUnit.SECONDS);
        }
        new ProcessBuilder("ip", "netns", "del", ns).start().waitFor(10, TimeUnit.SECONDS);
        new ProcessBuilder("ip", "link", "del", ns + "h")
                .redirectErrorStream(true)
                .start()
                .waitFor(10, TimeUnit.SECONDS);
        new ProcessBuilder("rm", "-rf", "--one-file-system", marker).start().waitFor(60, TimeUnit.SECONDS);
    }
}
