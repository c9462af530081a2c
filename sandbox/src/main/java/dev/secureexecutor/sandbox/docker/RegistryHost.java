package dev.secureexecutor.sandbox.docker;

import java.util.Locale;

/**
 * The registry an image reference is pulled from, as Docker resolves it: the first path component when it looks like
 * a host ({@code .} or {@code :} in it, or {@code localhost}), else Docker Hub ({@code docker.io}). Credential URLs
 * ({@code https://registry.example.com/v2/}, {@code index.docker.io/v1/}) reduce to the same form.
 */
public final class RegistryHost {
    public static final String DOCKER_HUB = "docker.io";

    private RegistryHost() {}

    public static String ofImage(String image) {
        int slash = image.indexOf('/');
        if (slash < 0) {
            return DOCKER_HUB;
        }
        String first = image.substring(0, slash);
        boolean host = first.contains(".") || first.contains(":") || first.equals("localhost");
        return host ? normalize(first) : DOCKER_HUB;
    }

    /** {@code host[:port]} of a registry named in a credential or a policy, lower-cased; Docker Hub's aliases unified. */
    public static String normalize(String url) {
        String s = url.trim().toLowerCase(Locale.ROOT);
        int scheme = s.indexOf("://");
        if (scheme >= 0) {
            s = s.substring(scheme + 3);
        }
        int slash = s.indexOf('/');
        if (slash >= 0) {
            s = s.substring(0, slash);
        }
        return switch (s) {
            case "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com", "docker.io" -> DOCKER_HUB;
            default -> s;
        };
    }
}
