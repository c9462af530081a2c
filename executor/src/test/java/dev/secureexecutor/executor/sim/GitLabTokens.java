package dev.secureexecutor.executor.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fake GitLab's view of job tokens: which are valid now (one per running job, each for its project) and which
 * authenticated successfully, so a passing get_sources proves the token reached the container.
 */
final class GitLabTokens {
    /** One authentication attempt that carried credentials. */
    record Attempt(String username, String tokenPrefix, String path, boolean accepted) {}

    private final Map<String, String> projectByToken = new ConcurrentHashMap<>();
    private final Map<String, Integer> successes = new ConcurrentHashMap<>();
    private final List<Attempt> attempts = new ArrayList<>();

    void register(String token, String projectPath) {
        projectByToken.put(token, projectPath);
    }

    void unregister(String token) {
        projectByToken.remove(token);
    }

    /** Checks {@code gitlab-ci-token:<token>} against {@code projectPath}; records the outcome. */
    boolean authenticate(Optional<BasicCredentials> credentials, String projectPath, String requestPath) {
        if (credentials.isEmpty()) {
            return false;
        }
        BasicCredentials c = credentials.get();
        boolean ok = "gitlab-ci-token".equals(c.username()) && projectPath.equals(projectByToken.get(c.password()));
        synchronized (attempts) {
            attempts.add(new Attempt(c.username(), prefix(c.password()), requestPath, ok));
        }
        if (ok) {
            successes.merge(c.password(), 1, Integer::sum);
        }
        return ok;
    }

    Set<String> authenticatedTokens() {
        return Set.copyOf(successes.keySet());
    }

    int successesFor(String token) {
        return successes.getOrDefault(token, 0);
    }

    /** Rejected attempts that carried credentials (never includes full secrets). */
    List<Attempt> rejected() {
        synchronized (attempts) {
            return attempts.stream().filter(a -> !a.accepted()).toList();
        }
    }

    private static String prefix(String secret) {
        return secret.length() <= 8 ? "***" : secret.substring(0, 8) + "...";
    }
}
