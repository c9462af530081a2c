package dev.secureexecutor.sandbox.policy;

import java.util.Optional;

/**
 * The IPv4 /16 every job network is carved from, one /24 per job (256 concurrent jobs per host). A job network's
 * subnet and its bridge's name come from the same index, so the kernel rules can key on both: traffic from a bridge
 * named {@value #BRIDGE_PREFIX}{@code *} is a job's, an address in the pool is a job's. Docker's default pools
 * (172.17-31.0.0/16, 192.168.0.0/16 in /20s) are left alone, so jobs of other code and other containers never get
 * an address in it.
 */
public final class JobAddressPool {
    /** Job bridges are named {@code sej-<index>}; nothing else on a host may use the prefix. */
    public static final String BRIDGE_PREFIX = "sej-";

    public static final int SUBNETS = 256;

    private final long base;
    private final String cidr;

    private JobAddressPool(long base, String cidr) {
        this.base = base;
        this.cidr = cidr;
    }

    /** Parses {@code a.b.0.0/16}; the exception message says what is wrong. */
    public static JobAddressPool parse(String cidr) {
        String[] parts = cidr.trim().split("/", -1);
        Optional<Long> address = parts.length == 2 && parts[1].equals("16") ? Ipv4.parse(parts[0]) : Optional.empty();
        if (address.isEmpty() || (address.get() & 0xffff) != 0) {
            throw new IllegalArgumentException("'" + cidr + "' is not an IPv4 /16 such as \"10.213.0.0/16\"");
        }
        long a = address.get();
        boolean privateRange = (a >>> 24) == 10
                || (a >>> 20) == (172L << 4 | 1)
                || (a >>> 16) == (192L << 8 | 168)
                || (a >>> 22) == (100L << 2 | 1);
        if (!privateRange) {
            throw new IllegalArgumentException("'" + cidr + "' is not in a private range (10/8, 172.16/12, 192.168/16,"
                    + " 100.64/10): job traffic would be confused with public addresses");
        }
        if (((a >>> 16) >= (172L << 8 | 17) && (a >>> 16) <= (172L << 8 | 31)) || (a >>> 16) == (192L << 8 | 168)) {
            throw new IllegalArgumentException("'" + cidr + "' overlaps Docker's default address pools: other"
                    + " containers could get addresses in it");
        }
        return new JobAddressPool(a, Ipv4.format(a) + "/16");
    }

    public String cidr() {
        return cidr;
    }

    /** The /24 of job network {@code index} (0-255). */
    public String subnet(int index) {
        return Ipv4.format(base + ((long) index << 8)) + "/24";
    }

    public String gateway(int index) {
        return Ipv4.format(base + ((long) index << 8) + 1);
    }

    public String bridgeName(int index) {
        return BRIDGE_PREFIX + index;
    }

    /** The index of {@code subnet} when it is one of this pool's /24s. */
    public Optional<Integer> indexOf(String subnet) {
        String[] parts = subnet.split("/", -1);
        if (parts.length != 2 || !parts[1].equals("24")) {
            return Optional.empty();
        }
        return Ipv4.parse(parts[0]).filter(a -> (a & 0xffff00ffL) == base).map(a -> (int) ((a >>> 8) & 255));
    }
}
