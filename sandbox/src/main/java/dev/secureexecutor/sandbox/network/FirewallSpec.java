package dev.secureexecutor.sandbox.network;

import dev.secureexecutor.sandbox.policy.Endpoint;
import dev.secureexecutor.sandbox.policy.JobAddressPool;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the kernel rules are built from, with every name already resolved to IPv4 addresses (by {@code firewall
 * apply}, as root, when it installs them).
 *
 * @param pool the job address pool
 * @param egress {@code gitlab-only}, {@code allowlist} or {@code open}
 * @param blockMetadata whether 169.254.0.0/16 is blocked
 * @param resolvers the host's DNS resolvers jobs may reach on port 53 (empty: no DNS)
 * @param gitlab the job's GitLab endpoints, as written, with their addresses
 * @param allow the policy's allow entries (used only with {@code egress = "allowlist"}), with their addresses
 */
public record FirewallSpec(
        JobAddressPool pool,
        String egress,
        boolean blockMetadata,
        List<String> resolvers,
        List<Resolved> gitlab,
        List<Resolved> allow) {

    /** An endpoint and the addresses (or the one CIDR) it stands for, each as {@code addr[/len] . ports}. */
    public record Resolved(Endpoint endpoint, List<String> addresses) {
        /** Resolves a name through the host's resolver; an address or CIDR stands for itself. */
        public static Resolved of(Endpoint e) throws UnknownHostException {
            if (e.isAddress()) {
                return new Resolved(e, List.of(e.host() + (e.prefix() == 32 ? "" : "/" + e.prefix())));
            }
            Set<String> v4 = new LinkedHashSet<>();
            for (InetAddress a : InetAddress.getAllByName(e.host())) {
                if (a instanceof Inet4Address) {
                    v4.add(a.getHostAddress());
                }
            }
            if (v4.isEmpty()) {
                throw new UnknownHostException(e.host() + " has no IPv4 address");
            }
            return new Resolved(e, List.copyOf(v4));
        }

        /** Set elements {@code addr . ports} for nftables. */
        List<String> elements() {
            return addresses.stream().map(a -> a + " . " + endpoint.ports()).toList();
        }
    }

    public FirewallSpec {
        resolvers = List.copyOf(resolvers);
        gitlab = List.copyOf(gitlab);
        allow = List.copyOf(allow);
    }

    /** The endpoints jobs may reach over TCP: the GitLab ones always, the allow entries under "allowlist". */
    List<Resolved> reachable() {
        List<Resolved> all = new ArrayList<>(gitlab);
        if (egress.equals("allowlist")) {
            all.addAll(allow);
        }
        return all;
    }

    /** Docker's API ports, refused to jobs on any address whatever the allow entries say. */
    static List<Integer> dockerApiPorts() {
        return Arrays.asList(2375, 2376);
    }
}
