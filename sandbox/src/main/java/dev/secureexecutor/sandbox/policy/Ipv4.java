package dev.secureexecutor.sandbox.policy;

import java.util.Optional;

/**
 * Strict dotted-quad IPv4 text: four decimal parts 0-255 without leading zeros. Octal, hex, decimal-integer and
 * short spellings ({@code 0177.0.0.1}, {@code 0x7f.1}, {@code 2130706433}) are never read as addresses, so a policy
 * means exactly what it shows; the kernel rules match the packets' addresses whatever spelling a job used.
 */
public final class Ipv4 {
    private Ipv4() {}

    /** The address as an unsigned 32-bit value in a long, or empty when {@code text} is not a strict dotted quad. */
    public static Optional<Long> parse(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        long value = 0;
        for (String p : parts) {
            if (p.isEmpty()
                    || p.length() > 3
                    || !p.chars().allMatch(Character::isDigit)
                    || (p.length() > 1 && p.charAt(0) == '0')) {
                return Optional.empty();
            }
            int octet = Integer.parseInt(p);
            if (octet > 255) {
                return Optional.empty();
            }
            value = (value << 8) | octet;
        }
        return Optional.of(value);
    }

    public static String format(long value) {
        return ((value >>> 24) & 255) + "." + ((value >>> 16) & 255) + "." + ((value >>> 8) & 255) + "."
                + (value & 255);
    }

    /**
     * True when a resolver could read {@code text} as an IPv4 address in some spelling: its last label is all digits
     * (no top-level domain is), or a label is hex ({@code 0x7f}). Such text must be a strict dotted quad.
     */
    public static boolean looksNumeric(String text) {
        String[] labels = text.split("\\.", -1);
        String last = labels[labels.length - 1];
        return (!last.isEmpty() && last.chars().allMatch(Character::isDigit))
                || java.util.Arrays.stream(labels).anyMatch(l -> l.matches("0[xX][0-9a-fA-F]*"));
    }
}
