package dev.secureexecutor.sandbox.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code [network]} section's keys ({@link NetworkPolicy}) and the check between them. */
final class NetworkKeys {
    private NetworkKeys() {}

    static Map<String, KeyRule> rules() {
        Map<String, KeyRule> k = new LinkedHashMap<>();
        k.put("egress", KeyRules.oneOf("gitlab-only", "allowlist", "open"));
        k.put("gitlab", endpoints());
        k.put("allow", endpoints());
        k.put("block_metadata", KeyRules.bool());
        k.put("dns", KeyRules.bool());
        k.put("pool", pool());
        return k;
    }

    /** {@code allow} entries mean something only under {@code egress = "allowlist"}. */
    static void crossCheck(JsonNode network, List<Violation> found) {
        String egress = network.path("egress").asText("gitlab-only");
        if (network.path("allow").size() > 0 && !egress.equals("allowlist")) {
            found.add(new Violation(
                    "network.allow",
                    "allow entries are ignored under egress = \"" + egress + "\"",
                    "set network.egress = \"allowlist\", or remove network.allow"));
        }
    }

    private static KeyRule endpoints() {
        return (key, v) -> {
            if (!v.isArray()) {
                return List.of(KeyRules.type(key, v, "a list of \"host:port\", \"cidr:port\" or URLs"));
            }
            List<Violation> found = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                try {
                    Endpoint e = Endpoint.parse(v.get(i).asText(""));
                    if (e.portLow() <= 2376 && e.portHigh() >= 2375) {
                        found.add(new Violation(
                                key + "[" + i + "]",
                                "'" + e + "' includes Docker's API ports 2375-2376," + " which jobs never reach",
                                "remove those ports from the entry"));
                    }
                } catch (IllegalArgumentException bad) {
                    found.add(new Violation(
                            key + "[" + i + "]",
                            bad.getMessage(),
                            "write e.g. \"registry.example.com:443\", \"192.0.2.0/24:8080-8090\" or"
                                    + " \"https://gitlab.example.com\""));
                }
            }
            return found;
        };
    }

    private static KeyRule pool() {
        return (key, v) -> {
            try {
                JobAddressPool.parse(v.asText(""));
                return List.of();
            } catch (IllegalArgumentException bad) {
                return List.of(new Violation(
                        key,
                        bad.getMessage(),
                        "set " + key + " to a private IPv4 /16 unused on" + " this host, e.g. \""
                                + NetworkPolicy.DEFAULT_POOL + "\""));
            }
        };
    }
}
