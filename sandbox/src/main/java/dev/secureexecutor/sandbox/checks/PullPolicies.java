package dev.secureexecutor.sandbox.checks;

import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.policy.ImagePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The pull policies a job gets: what it asks for ({@code image: pull_policy:}, a list in the payload) intersected with
 * the admin's {@code image.allowed_pull_policies}, in the job's order; a job that asks for none gets the policy's
 * {@code image.pull_policy}. As with gitlab-runner's docker executor, the policies are tried in order until one
 * yields the image. A job asking only for policies outside the allowed list is refused (gitlab-runner#37859: a job
 * must not widen what the runner pulls, nor on a {@code never} runner make it pull).
 */
public final class PullPolicies {
    private PullPolicies() {}

    /**
     * @param requested the job's {@code image.pull_policy} (empty when it asks for none)
     * @return the policies to try, in order; never empty
     * @throws DriverFailure a build-failure refusal ({@link DriverFailure.Refusal#IMAGE}) naming the allowed list
     */
    public static List<String> effective(List<String> requested, ImagePolicy policy) throws DriverFailure {
        List<String> allowed = policy.allowedPullPolicies();
        if (requested == null || requested.isEmpty()) {
            return List.of(policy.pullPolicy());
        }
        List<String> effective = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (String asked : requested) {
            String p = asked == null ? "" : asked.trim().toLowerCase(Locale.ROOT);
            if (allowed.contains(p)) {
                if (!effective.contains(p)) {
                    effective.add(p);
                }
            } else {
                refused.add(printable(asked));
            }
        }
        if (effective.isEmpty()) {
            throw DriverFailure.refusal(
                    DriverFailure.Kind.BUILD,
                    DriverFailure.Refusal.IMAGE,
                    "the job's image pull_policy [" + String.join(", ", refused) + "] is not allowed on this runner"
                            + " (allowed: " + String.join(", ", allowed) + "), so it could fetch or reuse images the"
                            + " admin did not mean it to",
                    "remove pull_policy from the job's image: or use one of: " + String.join(", ", allowed));
        }
        return List.copyOf(effective);
    }

    /** The job's text, cut short and limited to printable ASCII: it comes from the pipeline's author. */
    private static String printable(String asked) {
        if (asked == null) {
            return "null";
        }
        String s = asked.length() > 40 ? asked.substring(0, 40) + "..." : asked;
        return s.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
