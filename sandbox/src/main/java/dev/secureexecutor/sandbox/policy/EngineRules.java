package dev.secureexecutor.sandbox.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the policy's {@code [[engines]]} array: every key known and well-typed, unique names, a {@code tcp://}
 * endpoint with all three certificate paths (TCP without mutual TLS is refused), a {@code unix://} endpoint with
 * none. File modes are checked where the files are used ({@code prepare}, {@code audit}), not here.
 */
final class EngineRules {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Map<String, KeyRule> KEYS = keys();

    private EngineRules() {}

    private static Map<String, KeyRule> keys() {
        Map<String, KeyRule> k = new LinkedHashMap<>();
        k.put("name", KeyRules.string());
        k.put("endpoint", KeyRules.string());
        k.put("ca", KeyRules.hostPathOrEmpty());
        k.put("cert", KeyRules.hostPathOrEmpty());
        k.put("key", KeyRules.hostPathOrEmpty());
        k.put("capacity", KeyRules.integer(1, 1000));
        k.put("labels", KeyRules.stringList());
        return k;
    }

    static void check(JsonNode engines, List<Violation> found) {
        if (!engines.isArray()) {
            found.add(new Violation(
                    "engines", "is not an array of tables", "write each engine as an [[engines]]" + " table"));
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < engines.size(); i++) {
            String at = "engines[" + i + "]";
            JsonNode e = engines.get(i);
            if (!e.isObject()) {
                found.add(new Violation(at, "is not a table", "write it as an [[engines]] table"));
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = e.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                KeyRule rule = KEYS.get(f.getKey());
                if (rule == null) {
                    found.add(new Violation(
                            at + "." + f.getKey(),
                            "unknown key",
                            "remove it; an engine knows " + String.join(", ", KEYS.keySet())));
                } else {
                    found.addAll(rule.check(at + "." + f.getKey(), f.getValue()));
                }
            }
            String name = e.path("name").asText("");
            if (!NAME.matcher(name).matches()) {
                found.add(new Violation(
                        at + ".name",
                        "'" + name + "' is missing or not a short name",
                        "name the engine with lower-case letters, digits and '-' (at most 40)"));
            } else if (!names.add(name)) {
                found.add(new Violation(
                        at + ".name", "'" + name + "' names two engines", "give each engine its" + " own name"));
            }
            endpoint(at, e, found);
        }
    }

    private static void endpoint(String at, JsonNode e, List<Violation> found) {
        String endpoint = e.path("endpoint").asText("");
        boolean certs = has(e, "ca") || has(e, "cert") || has(e, "key");
        if (endpoint.startsWith("unix:///")) {
            if (certs) {
                found.add(new Violation(at, "a unix:// engine takes no ca, cert or key", "remove them"));
            }
            return;
        }
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException ex) {
            uri = null;
        }
        if (uri == null || !"tcp".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() <= 0) {
            found.add(new Violation(
                    at + ".endpoint",
                    "'" + endpoint + "' is not tcp://host:port or unix:///path",
                    "write the engine's address as tcp://host:2376"));
        } else if (!(has(e, "ca") && has(e, "cert") && has(e, "key"))) {
            found.add(new Violation(
                    at,
                    "a TCP engine without ca, cert and key would be reached without mutual"
                            + " TLS: stage scripts holding the job token would cross the network in clear, and anyone who"
                            + " reaches the port is root on that host",
                    "set ca, cert and key (dockerd --tlsverify with"
                            + " --tlscacert, --tlscert, --tlskey on the engine)"));
        }
    }

    private static boolean has(JsonNode e, String key) {
        return !e.path(key).asText("").isBlank();
    }
}
