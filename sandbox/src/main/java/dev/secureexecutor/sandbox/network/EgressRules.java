package dev.secureexecutor.sandbox.network;

import dev.secureexecutor.sandbox.policy.JobAddressPool;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders the nftables rule set for job networks: one table, {@code inet secure_executor}, with its own base chains
 * on the input and forward hooks. It never touches Docker's tables: an nftables {@code reject} in any base chain is
 * final, while an {@code accept} here only lets the packet go on to Docker's own chains. Every rule first matches
 * packets from a job bridge ({@value JobAddressPool#BRIDGE_PREFIX}{@code *}), so traffic of other containers and of
 * the host is never affected. Refused TCP gets a reset, anything else ICMP admin-prohibited: nothing hangs.
 */
public final class EgressRules {
    public static final String TABLE = "inet secure_executor";

    private EgressRules() {}

    /** The {@code nft -f} input: replaces the table atomically (add, delete, define in one transaction). */
    public static String render(FirewallSpec spec) {
        String jobs = "\"" + JobAddressPool.BRIDGE_PREFIX + "*\"";
        List<String> reachable = spec.reachable().stream()
                .flatMap(r -> r.elements().stream())
                .distinct()
                .toList();
        List<String> toHost = spec.reachable().stream()
                .filter(r -> r.endpoint().prefix() == 32)
                .flatMap(r ->
                        r.addresses().stream().map(a -> a + " . " + r.endpoint().ports()))
                .distinct()
                .toList();
        StringBuilder s = new StringBuilder();
        s.append("add table ")
                .append(TABLE)
                .append("\ndelete table ")
                .append(TABLE)
                .append("\n");
        s.append("table ").append(TABLE).append(" {\n");
        set(s, "job_pool", "ipv4_addr", true, List.of(spec.pool().cidr()));
        set(s, "same_job", "ipv4_addr . ipv4_addr", true, sameJob(spec.pool()));
        set(s, "blocked", "ipv4_addr", true, blocked(spec.blockMetadata()));
        set(
                s,
                "docker_api",
                "inet_service",
                false,
                FirewallSpec.dockerApiPorts().stream().map(String::valueOf).toList());
        set(s, "dns", "ipv4_addr", false, spec.resolvers());
        set(s, "egress", "ipv4_addr . inet_service", true, reachable);
        set(s, "to_host", "ipv4_addr . inet_service", true, toHost);
        s.append("\tchain input {\n\t\ttype filter hook input priority filter - 5; policy accept;\n")
                .append("\t\tiifname != ")
                .append(jobs)
                .append(" return\n")
                .append("\t\tct state established,related accept\n")
                .append("\t\tmeta nfproto ipv4 tcp dport @docker_api jump refuse\n")
                .append("\t\tip daddr . tcp dport @to_host accept\n")
                .append("\t\tip daddr @dns meta l4proto { tcp, udp } th dport 53 accept\n")
                .append("\t\tjump refuse\n\t}\n");
        s.append("\tchain forward {\n\t\ttype filter hook forward priority filter - 5; policy accept;\n")
                .append("\t\tiifname != ")
                .append(jobs)
                .append(" return\n")
                .append("\t\tct state established,related accept\n")
                .append("\t\tmeta nfproto != ipv4 jump refuse\n")
                .append("\t\tip saddr . ip daddr @same_job accept\n")
                .append("\t\tip saddr != @job_pool jump refuse\n")
                .append("\t\toifname ")
                .append(jobs)
                .append(" jump refuse\n")
                .append("\t\toifname \"docker0\" jump refuse\n")
                .append("\t\toifname \"br-*\" jump refuse\n")
                .append("\t\tip daddr @job_pool jump refuse\n")
                .append("\t\tip daddr @blocked jump refuse\n")
                .append("\t\ttcp dport @docker_api jump refuse\n")
                .append("\t\tip daddr @dns meta l4proto { tcp, udp } th dport 53 accept\n")
                .append("\t\tip daddr . tcp dport @egress accept\n")
                .append(spec.egress().equals("open") ? "\t\taccept\n" : "\t\tjump refuse\n")
                .append("\t}\n");
        s.append("\tchain refuse {\n\t\tmeta l4proto tcp reject with tcp reset\n")
                .append("\t\treject with icmpx type admin-prohibited\n\t}\n}\n");
        return s.toString();
    }

    /** Always refused destinations: this network, loopback, link-local (metadata), multicast and reserved. */
    static List<String> blocked(boolean blockMetadata) {
        List<String> b = new ArrayList<>(List.of("0.0.0.0/8", "127.0.0.0/8"));
        if (blockMetadata) {
            b.add("169.254.0.0/16");
        }
        b.add("224.0.0.0/3");
        return b;
    }

    /** Each job /24 with itself: traffic between containers of one job (its services) stays on its bridge. */
    static List<String> sameJob(JobAddressPool pool) {
        List<String> pairs = new ArrayList<>(JobAddressPool.SUBNETS);
        for (int i = 0; i < JobAddressPool.SUBNETS; i++) {
            pairs.add(pool.subnet(i) + " . " + pool.subnet(i));
        }
        return pairs;
    }

    private static void set(StringBuilder s, String name, String type, boolean interval, List<String> elements) {
        s.append("\tset ").append(name).append(" {\n\t\ttype ").append(type).append("\n");
        if (interval) {
            s.append("\t\tflags interval\n");
        }
        if (!elements.isEmpty()) {
            s.append("\t\telements = { ")
                    .append(elements.stream().collect(Collectors.joining(", ")))
                    .append(" }\n");
        }
        s.append("\t}\n");
    }
}
