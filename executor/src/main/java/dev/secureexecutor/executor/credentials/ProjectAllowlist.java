package dev.secureexecutor.executor.credentials;

import dev.secureexecutor.executor.job.JobPayload;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.checks.Check;
import dev.secureexecutor.sandbox.checks.FailGate;
import dev.secureexecutor.sandbox.checks.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The runner-side project allowlist, the counterpart of GitLab's job-token allowlist: only projects whose path
 * matches one of the policy's globs may run here. The path comes from the trusted payload ({@code job_info.
 * project_full_path} and {@code CI_PROJECT_PATH}; every one present must match), never from {@code CUSTOM_ENV_*}.
 * In a glob, {@code *} matches within one path segment and {@code **} across segments; GitLab paths are
 * case-insensitive, so matching is too.
 */
public final class ProjectAllowlist implements Check<JobPayload> {
    public static final String KEY = "credentials.allowed_projects";
    private static final FailGate GATE = new FailGate(DriverFailure.Kind.BUILD, DriverFailure.Refusal.PROJECT, "");

    private final List<String> globs;

    public ProjectAllowlist(List<String> globs) {
        this.globs = List.copyOf(globs);
    }

    /** Returns the decision for the audit log; throws a build failure for a project outside the list. */
    public String check(JobPayload payload) throws DriverFailure {
        List<Finding> found = judge(payload);
        GATE.refuseAny(found);
        return found.get(0).reason();
    }

    /** A PASS whose reason is the decision for the audit log, or a FAIL naming the project and the fix. */
    @Override
    public List<Finding> judge(JobPayload payload) {
        if (globs.isEmpty()) {
            return List.of(Finding.pass(KEY, "project allowlist: not configured (every project may run)"));
        }
        List<String> paths = new ArrayList<>();
        if (payload.jobInfo().projectFullPath() != null
                && !payload.jobInfo().projectFullPath().isBlank()) {
            paths.add(payload.jobInfo().projectFullPath());
        }
        payload.variables().stream()
                .filter(v -> "CI_PROJECT_PATH".equals(v.key()) && v.value() != null && !v.masked())
                .forEach(v ->
                        paths.add(v.value().withBytes(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8))));
        if (paths.isEmpty()) {
            return List.of(Finding.fail(
                    KEY,
                    "this runner only runs allowed projects, and the job names no project"
                            + " (no CI_PROJECT_PATH in its payload)",
                    "run the job from a project on the runner's allowlist"));
        }
        for (String path : paths) {
            if (globs.stream().noneMatch(g -> matches(g, path))) {
                return List.of(Finding.fail(
                        KEY,
                        "project " + path + " is not allowed to run on this runner (allowed: "
                                + String.join(", ", globs) + ")",
                        "use a runner meant for this project, or ask the runner"
                                + " admin to add it to [credentials] allowed_projects"));
            }
        }
        return List.of(Finding.pass(KEY, "project allowlist: " + paths.get(0) + " allowed"));
    }

    static boolean matches(String glob, String path) {
        return match(glob.toLowerCase(Locale.ROOT), 0, path.toLowerCase(Locale.ROOT), 0);
    }

    private static boolean match(String g, int gi, String s, int si) {
        while (gi < g.length()) {
            char c = g.charAt(gi);
            if (c == '*') {
                boolean deep = gi + 1 < g.length() && g.charAt(gi + 1) == '*';
                int next = deep ? gi + 2 : gi + 1;
                if (deep && next < g.length() && g.charAt(next) == '/') {
                    // "**/" also matches no segment at all
                    if (match(g, next + 1, s, si)) {
                        return true;
                    }
                }
                for (int k = si; k <= s.length(); k++) {
                    if (match(g, next, s, k)) {
                        return true;
                    }
                    if (k < s.length() && !deep && s.charAt(k) == '/') {
                        return false;
                    }
                }
                return false;
            }
            if (si >= s.length() || (c != '?' && c != s.charAt(si)) || (c == '?' && s.charAt(si) == '/')) {
                return false;
            }
            gi++;
            si++;
        }
        return si == s.length();
    }
}
