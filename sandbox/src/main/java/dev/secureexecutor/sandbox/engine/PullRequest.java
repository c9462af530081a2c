package dev.secureexecutor.sandbox.engine;

import java.util.List;
import java.util.function.Consumer;

/**
 * How to fetch a job's image: the effective pull policies in order, the job's login for the image's registry
 * ({@code null}: anonymous), whether a cached copy must be re-authorised by a pull (a private image), and where pull
 * progress lines go.
 */
public record PullRequest(
        List<String> pullPolicies, RegistryLogin login, boolean verifyAccess, Consumer<String> progress) {
    public PullRequest {
        pullPolicies = List.copyOf(pullPolicies);
        progress = progress == null ? line -> {} : progress;
    }

    /**
     * A registry login for one pull. The engine library takes the password as a {@code String}; it is never printed
     * ({@link #toString()} hides it), written, or passed as an argument.
     */
    public record RegistryLogin(String registry, String username, String password) {
        @Override
        public String toString() {
            return "RegistryLogin[" + registry + ", " + username + ", password hidden]";
        }
    }
}
