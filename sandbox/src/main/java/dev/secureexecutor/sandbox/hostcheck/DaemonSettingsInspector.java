package dev.secureexecutor.sandbox.hostcheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks how the Docker daemon is exposed on this host: the socket's permissions, TCP listeners without TLS in
 * {@code /etc/docker/daemon.json} or on {@code dockerd}'s command line, and the daemon-wide hardening defaults.
 */
public final class DaemonSettingsInspector {
    /** The socket as found on disk; {@code permissions} like {@code rw-rw----}, empty when absent. */
    public record SocketInfo(String path, String permissions, String owner, String group) {}

    private DaemonSettingsInspector() {}

    /** Reads the live host: the socket, daemon.json (may be absent) and every dockerd's command line in /proc. */
    public static List<Finding> inspectHost(Path socket, Path daemonJson) {
        String json = "";
        try {
            json = Files.readString(daemonJson);
        } catch (IOException absent) {
            // no daemon.json: defaults apply
        }
        return inspect(socketInfo(socket), json, dockerdArgs());
    }

    public static List<Finding> inspect(SocketInfo socket, String daemonJson, List<List<String>> dockerdArgs) {
        List<Finding> found = new ArrayList<>();
        found.add(socket(socket));
        JsonNode json = parse(daemonJson);
        if (json == null) {
            found.add(Finding.fail("daemon.json", "/etc/docker/daemon.json is not valid JSON", "fix it; dockerd"
                    + " refuses to start with it"));
            json = new ObjectMapper().createObjectNode();
        }
        boolean tls = json.path("tlsverify").asBoolean(false);
        List<String> hosts = new ArrayList<>();
        json.path("hosts").forEach(h -> hosts.add(h.asText()));
        for (List<String> args : dockerdArgs) {
            boolean argTls = args.contains("--tlsverify") || args.stream().anyMatch(a -> a.startsWith("--tlsverify=t"));
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                String value = a.startsWith("--host=") ? a.substring(7) : a.startsWith("-H=") ? a.substring(3)
                        : (a.equals("-H") || a.equals("--host")) && i + 1 < args.size() ? args.get(i + 1) : null;
                if (value != null && !argTls) {
                    hosts.add(value);
                }
            }
        }
        List<String> plain = hosts.stream().filter(h -> h.startsWith("tcp://")).toList();
        if (!plain.isEmpty() && !tls) {
            found.add(Finding.fail("daemon.tcp-without-tls", "dockerd listens on " + String.join(", ", plain)
                    + " without TLS: anyone who reaches the port is root on this host and can read every job",
                    "remove the tcp:// listener or add --tlsverify with client certificates"));
        } else {
            found.add(Finding.pass("daemon.tcp-without-tls", "dockerd has no TCP listener without TLS"));
        }
        if (json.path("icc").isBoolean() && json.path("icc").asBoolean()) {
            found.add(Finding.warn("daemon.icc", "inter-container traffic is on for the default bridge (jobs use"
                    + " their own networks, but other containers do not)", "set \"icc\": false in daemon.json"));
        }
        return found;
    }

    private static Finding socket(SocketInfo s) {
        if (s.permissions().isEmpty()) {
            return Finding.warn("daemon.socket", "no Docker socket at " + s.path(), "start dockerd, or check"
                    + " DOCKER_HOST");
        }
        if (s.permissions().length() == 9 && (s.permissions().charAt(7) == 'w' || s.permissions().charAt(6) == 'r')) {
            return Finding.fail("daemon.socket", s.path() + " is accessible to every local user ("
                    + s.permissions() + "): any of them is root on this host", "chmod 660 " + s.path()
                    + " (owner root, group docker)");
        }
        return Finding.pass("daemon.socket", s.path() + " is " + s.permissions() + " " + s.owner() + ":" + s.group()
                + " (only root and group " + s.group() + " reach it; members of that group are root-equivalent)");
    }

    static SocketInfo socketInfo(Path socket) {
        try {
            PosixFileAttributes a = Files.readAttributes(socket, PosixFileAttributes.class);
            java.util.Set<PosixFilePermission> p = a.permissions();
            return new SocketInfo(socket.toString(), PosixFilePermissions.toString(p), a.owner().getName(),
                    a.group().getName());
        } catch (IOException | UnsupportedOperationException e) {
            return new SocketInfo(socket.toString(), "", "", "");
        }
    }

    private static List<List<String>> dockerdArgs() {
        List<List<String>> all = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().matches("\\d+")).forEach(p -> {
                try {
                    byte[] raw = Files.readAllBytes(p.resolve("cmdline"));
                    List<String> args = List.of(new String(raw, StandardCharsets.UTF_8).split("\0"));
                    if (!args.isEmpty() && args.get(0).endsWith("dockerd")) {
                        all.add(args);
                    }
                } catch (IOException gone) {
                    // the process ended
                }
            });
        } catch (IOException e) {
            return all;
        }
        return all;
    }

    private static JsonNode parse(String json) {
        if (json.isBlank()) {
            return new ObjectMapper().createObjectNode();
        }
        try {
            return new ObjectMapper().readTree(json);
        } catch (IOException e) {
            return null;
        }
    }
}
