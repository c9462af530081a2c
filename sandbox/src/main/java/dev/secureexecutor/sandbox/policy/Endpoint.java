package dev.secureexecutor.sandbox.policy;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One place a job may connect to, as an admin writes it in {@code [network] gitlab} or {@code allow}: a URL
 * ({@code https://gitlab.example.com}, port from the scheme when absent), {@code host:port}, {@code a.b.c.d/nn:port}
 * or a port range {@code lo-hi}. Hosts are DNS names or strict dotted quads ({@link Ipv4}); IPv6 is refused (job
 * networks are IPv4 only).
 *
 * @param host a lower-case DNS name or dotted quad
 * @param prefix the CIDR prefix length, 32 for a single address or a name
 * @param portLow first TCP port
 * @param portHigh last TCP port (equal to {@code portLow} for one port)
 */
public record Endpoint(String host, int prefix, int portLow, int portHigh) {
    private static final Pattern HOST_PORT =
            Pattern.compile("([a-z0-9.-]+)(?:/(\\d{1,2}))?:(\\d{1,5})(?:-(\\d{1,5}))?");
    private static final Pattern NAME =
            Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

    /** Parses {@code text}; the message of the exception says what is wrong and is safe to show. */
    public static Endpoint parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.contains("://")) {
            return fromUrl(t);
        }
        if (t.startsWith("[") || t.chars().filter(c -> c == ':').count() > 1) {
            throw new IllegalArgumentException("'" + text + "' is IPv6: job networks are IPv4 only");
        }
        Matcher m = HOST_PORT.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not host:port, cidr:port or a URL");
        }
        int low = port(m.group(3), text);
        int high = m.group(4) == null ? low : port(m.group(4), text);
        if (high < low) {
            throw new IllegalArgumentException("'" + text + "' has a port range that ends before it starts");
        }
        int prefix = m.group(2) == null ? 32 : Integer.parseInt(m.group(2));
        return checked(m.group(1), prefix, low, high, text);
    }

    private static Endpoint fromUrl(String t) {
        URI uri;
        try {
            uri = URI.create(t);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + t + "' is not a URL");
        }
        String scheme = uri.getScheme();
        if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new IllegalArgumentException("'" + t + "' is not an http(s) URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("a URL with user information is refused (it could hold a secret)");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return checked(uri.getHost(), 32, port, port, t);
    }

    private static Endpoint checked(String host, int prefix, int low, int high, String text) {
        boolean numeric = Ipv4.looksNumeric(host);
        if (numeric && Ipv4.parse(host).isEmpty()) {
            throw new IllegalArgumentException("'" + text + "': write addresses as four decimal parts (a.b.c.d)");
        }
        if (!numeric && !NAME.matcher(host).matches()) {
            throw new IllegalArgumentException("'" + text + "' has no valid host name");
        }
        if (prefix != 32 && (!numeric || prefix < 1 || prefix > 32)) {
            throw new IllegalArgumentException("'" + text + "': a /prefix needs an address and a length of 1 to 32");
        }
        if (numeric && prefix < 32 && (Ipv4.parse(host).get() & ~mask(prefix) & 0xffffffffL) != 0) {
            throw new IllegalArgumentException("'" + text + "' has host bits set after /" + prefix);
        }
        return new Endpoint(host, prefix, low, high);
    }

    private static int port(String digits, String text) {
        int p = Integer.parseInt(digits);
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException("'" + text + "' has a port outside 1-65535");
        }
        return p;
    }

    static long mask(int prefix) {
        return prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
    }

    public boolean isAddress() {
        return Ipv4.parse(host).isPresent();
    }

    /** True for one port on one address or name. */
    public boolean isSingle() {
        return prefix == 32;
    }

    public boolean covers(String otherHost, int port) {
        return isSingle() && host.equals(otherHost.toLowerCase(Locale.ROOT)) && port >= portLow && port <= portHigh;
    }

    public String ports() {
        return portLow == portHigh ? Integer.toString(portLow) : portLow + "-" + portHigh;
    }

    @Override
    public String toString() {
        return host + (prefix == 32 ? "" : "/" + prefix) + ":" + ports();
    }
}
