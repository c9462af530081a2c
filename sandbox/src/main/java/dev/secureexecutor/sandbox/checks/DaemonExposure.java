package dev.secureexecutor.sandbox.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * How the Docker daemon is exposed on this host, as plain facts: the socket as found on disk,
 * {@code /etc/docker/daemon.json} (empty when absent) and every running {@code dockerd}'s command line.
 *
 * @param socket the API socket
 * @param daemonJson the text of daemon.json; "" when there is none
 * @param dockerdArgs the command line of each running dockerd
 */
public record DaemonExposure(SocketInfo socket, String daemonJson, List<List<String>> dockerdArgs) {
    /** The socket as found on disk; {@code permissions} like {@code rw-rw----}, empty when absent. */
    public record SocketInfo(String path, String permissions, String owner, String group) {}

    public DaemonExposure {
        daemonJson = daemonJson == null ? "" : daemonJson;
        dockerdArgs = dockerdArgs == null ? List.of() : List.copyOf(dockerdArgs);
    }

    /** Reads the live host: the socket, daemon.json (may be absent) and every dockerd's command line in /proc. */
    public static DaemonExposure read(Path socket, Path daemonJson) {
        String json = "";
        try {
            json = Files.readString(daemonJson);
        } catch (IOException absent) {
            // no daemon.json: defaults apply
        }
        return new DaemonExposure(socketInfo(socket), json, runningDockerds());
    }

    /** daemon.json parsed; an empty object when there is none, {@code null} when it is not valid JSON. */
    public JsonNode daemonJsonTree() {
        if (daemonJson.isBlank()) {
            return new ObjectMapper().createObjectNode();
        }
        try {
            return new ObjectMapper().readTree(daemonJson);
        } catch (IOException e) {
            return null;
        }
    }

    static SocketInfo socketInfo(Path socket) {
        try {
            PosixFileAttributes a = Files.readAttributes(socket, PosixFileAttributes.class);
            return new SocketInfo(
                    socket.toString(),
                    PosixFilePermissions.toString(a.permissions()),
                    a.owner().getName(),
                    a.group().getName());
        } catch (IOException | UnsupportedOperationException e) {
            return new SocketInfo(socket.toString(), "", "", "");
        }
    }

    private static List<List<String>> runningDockerds() {
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
}
