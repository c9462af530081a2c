package dev.secureexecutor.sandbox.policy;

import java.util.Locale;

/** Parses sizes as Docker writes them: {@code 512m}, {@code 2g}, {@code 1024k}, {@code 4096}. */
public final class ByteSize {
    private ByteSize() {}

    public static long parse(String text) {
        String s = text.trim().toLowerCase(Locale.ROOT);
        if (s.endsWith("b")) {
            s = s.substring(0, s.length() - 1);
        }
        long unit = 1;
        if (!s.isEmpty()) {
            switch (s.charAt(s.length() - 1)) {
                case 'k' -> unit = 1L << 10;
                case 'm' -> unit = 1L << 20;
                case 'g' -> unit = 1L << 30;
                case 't' -> unit = 1L << 40;
                default -> unit = 1;
            }
        }
        String digits = unit == 1 ? s : s.substring(0, s.length() - 1);
        try {
            long value = Long.parseLong(digits.trim());
            if (value <= 0) {
                throw new IllegalArgumentException("size must be positive: '" + text + "'");
            }
            return Math.multiplyExact(value, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("not a size: '" + text + "' (write e.g. 512m or 2g)", e);
        }
    }
}
