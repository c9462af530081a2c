package dev.secureexecutor.sandbox.checks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * dockerd must not listen on TCP without TLS, in daemon.json ({@code hosts}, {@code tlsverify}) or on its command
 * line ({@code -H}, {@code --host}, {@code --tlsverify}); anyone who reaches such a port is root on this host. A
 * daemon.json that is not valid JSON is a FAIL of its own: it cannot be judged, and dockerd refuses to start with it.
 */
public final class TcpListenerCheck implements Check<DaemonExposure> {
    public static final String KEY = "daemon.tcp-without-tls";
    public static final String JSON_KEY = "daemon.json";

    @Override
    public List<Finding> judge(DaemonExposure facts) {
        List<Finding> found = new ArrayList<>();
        JsonNode json = facts.daemonJsonTree();
        if (json == null) {
            found.add(Finding.fail(
                    JSON_KEY,
                    "/etc/docker/daemon.json is not valid JSON",
                    "fix it; dockerd refuses" + " to start with it"));
        }
        boolean tls = json != null && json.path("tlsverify").asBoolean(false);
        List<String> hosts = new ArrayList<>();
        if (json != null) {
            json.path("hosts").forEach(h -> hosts.add(h.asText()));
        }
        for (List<String> args : facts.dockerdArgs()) {
            boolean argTls = args.contains("--tlsverify") || args.stream().anyMatch(a -> a.startsWith("--tlsverify=t"));
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                String value = a.startsWith("--host=")
                        ? a.substring(7)
                        : a.startsWith("-H=")
                                ? a.substring(3)
                                : (a.equals("-H") || a.equals("--host")) && i + 1 < args.size()
                                        ? args.get(i + 1)
                                        : null;
                if (value != null && !argTls) {
                    hosts.add(value);
                }
            }
        }
        List<String> plain = hosts.stream().filter(h -> h.startsWith("tcp://")).toList();
        if (!plain.isEmpty() && !tls) {
            found.add(Finding.fail(
                    KEY,
                    "dockerd listens on " + String.join(", ", plain) + " without TLS: anyone who"
                            + " reaches the port is root on this host and can read every job",
                    "remove the tcp:// listener" + " or add --tlsverify with client certificates"));
        } else {
            found.add(Finding.pass(KEY, "dockerd has no TCP listener without TLS"));
        }
        return found;
    }
}
