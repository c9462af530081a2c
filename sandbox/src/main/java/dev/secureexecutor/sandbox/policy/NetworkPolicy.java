package dev.secureexecutor.sandbox.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What a job's network may reach ({@code [network]}). The rules are enforced in the kernel (nftables) for every job
 * network carved from {@link #pool}; {@code secure-executor firewall apply} (root) installs them from this section,
 * and {@code prepare} refuses jobs while the installed rules do not match it.
 *
 * @param egress {@code gitlab-only} (the job's GitLab endpoints and DNS), {@code allowlist} (plus {@link #allow}) or
 *     {@code open} (anything but what is always blocked)
 * @param gitlab GitLab-side endpoints jobs always reach ({@code https://gitlab.example.com}, {@code
 *     registry.example.com:5050}); the URLs of gitlab-runner's config.toml are added when the rules are installed
 * @param allow {@code host:port} or {@code cidr:port} (a port or {@code lo-hi}), TCP, for {@code egress = "allowlist"}
 * @param blockMetadata block {@code 169.254.0.0/16} (cloud metadata services); only {@code false} with an audit WARN
 * @param dns let jobs reach the host's resolvers (from {@code /etc/resolv.conf}) on port 53, which Docker's
 *     embedded DNS forwards to from the job's network namespace
 * @param pool the IPv4 /16 every job network's /24 is carved from
 */
public record NetworkPolicy(
        @JsonProperty("egress") String egress,
        @JsonProperty("gitlab") List<String> gitlab,
        @JsonProperty("allow") List<String> allow,
        @JsonProperty("block_metadata") Boolean blockMetadata,
        @JsonProperty("dns") Boolean dns,
        @JsonProperty("pool") String pool) {

    public static final String DEFAULT_POOL = "10.213.0.0/16";

    public NetworkPolicy {
        egress = egress == null || egress.isBlank() ? "gitlab-only" : egress;
        gitlab = gitlab == null ? List.of() : List.copyOf(gitlab);
        allow = allow == null ? List.of() : List.copyOf(allow);
        blockMetadata = blockMetadata == null || blockMetadata;
        dns = dns == null || dns;
        pool = pool == null || pool.isBlank() ? DEFAULT_POOL : pool;
    }

    static NetworkPolicy defaults() {
        return new NetworkPolicy(null, null, null, null, null, null);
    }
}
