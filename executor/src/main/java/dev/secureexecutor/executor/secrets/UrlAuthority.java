package dev.secureexecutor.executor.secrets;

import dev.secureexecutor.masking.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The authority part of {@code scheme://[user[:password]@]host[:port]/...}, found by index on the URL's bytes so that
 * a URL carrying credentials never becomes a {@code String}: only the host, or the password as a {@link Secret},
 * is copied out.
 *
 * @param start first byte after {@code ://}
 * @param at the last {@code @} before the end of the authority, or -1
 * @param end first {@code /}, {@code ?} or {@code #} after {@code start}, or the URL's length
 */
public record UrlAuthority(int start, int at, int end) {

    /** Null when the URL has no {@code ://}. */
    public static UrlAuthority find(byte[] url) {
        int start = -1;
        for (int i = 0; i + 2 < url.length; i++) {
            if (url[i] == ':' && url[i + 1] == '/' && url[i + 2] == '/') {
                start = i + 3;
                break;
            }
        }
        if (start < 0) {
            return null;
        }
        int end = start;
        while (end < url.length && url[end] != '/' && url[end] != '?' && url[end] != '#') {
            end++;
        }
        int at = -1;
        for (int i = end - 1; i >= start; i--) {
            if (url[i] == '@') {
                at = i;
                break;
            }
        }
        return new UrlAuthority(start, at, end);
    }

    /** host[:port], past any credentials. */
    public String host(byte[] url) {
        int from = at < 0 ? start : at + 1;
        return new String(url, from, end - from, StandardCharsets.US_ASCII);
    }

    /** The password of the userinfo, or null when there is none (or it is empty). */
    public Secret password(byte[] url) {
        if (at < 0) {
            return null;
        }
        for (int i = start; i < at; i++) {
            if (url[i] == ':') {
                return i + 1 < at
                        ? Secret.ofBytes("repository URL password", Arrays.copyOfRange(url, i + 1, at))
                        : null;
            }
        }
        return null;
    }
}
