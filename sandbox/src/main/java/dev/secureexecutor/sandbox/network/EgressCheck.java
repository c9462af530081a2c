package dev.secureexecutor.sandbox.network;

import dev.secureexecutor.sandbox.policy.Endpoint;
import dev.secureexecutor.sandbox.policy.JobAddressPool;
import dev.secureexecutor.sandbox.policy.NetworkPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * Whether the egress rules a job needs are in place, from what the driver can see without root: the state file
 * {@code firewall apply} wrote with the rules ({@link FirewallState}). It must exist, come from this boot, match
 * the policy's {@code [network]} section, and let jobs reach this job's GitLab. Each problem is one line.
 */
public final class EgressCheck {
    /** What to tell the admin: the rules are installed by root, from the policy. */
    public static final String FIX = "as root, run `secure-executor firewall apply` (scripts/setup.sh and the"
            + " package's postinst do) with the same policy; `secure-executor audit` checks the kernel's rules";

    private final NetworkPolicy policy;

    public EgressCheck(NetworkPolicy policy) {
        this.policy = policy;
    }

    /** @param gitlabUrl the job's {@code CI_SERVER_URL} */
    public List<String> problems(Optional<FirewallState> installed, String gitlabUrl, String currentBootId) {
        List<String> problems = new ArrayList<>(settingsProblems(installed, currentBootId));
        if (installed.isPresent()) {
            Endpoint job = Endpoint.parse(gitlabUrl);
            List<String> gitlab = installed.get().gitlab();
            if (gitlab.stream().map(Endpoint::parse).noneMatch(e -> e.covers(job.host(), job.portLow()))) {
                problems.add("this job's GitLab " + job.host() + ":" + job.portLow() + " is not among the endpoints"
                        + " the installed egress rules let jobs reach " + gitlab + "; add it to network.gitlab (or"
                        + " register the runner in gitlab-runner's config.toml) and re-install the rules");
            }
        }
        return problems;
    }

    /** Whether the installed rules are this boot's and match the policy, whatever the job. */
    public List<String> settingsProblems(Optional<FirewallState> installed, String currentBootId) {
        if (installed.isEmpty()) {
            return List.of("no egress rules for job networks are installed on this host (" + FirewallState.DEFAULT_PATH
                    + " is missing): the job could reach this host, the cloud metadata service (169.254.169.254) and"
                    + " other jobs");
        }
        FirewallState s = installed.get();
        List<String> problems = new ArrayList<>();
        if (!s.bootId().equals(currentBootId)) {
            problems.add("the egress rules were installed before the last reboot, which removed them from the kernel");
        }
        differs(problems, "pool", s.pool(), JobAddressPool.parse(policy.pool()).cidr());
        differs(problems, "egress", s.egress(), policy.egress());
        differs(problems, "block_metadata", s.blockMetadata(), policy.blockMetadata());
        differs(problems, "dns", s.dns(), policy.dns());
        differs(problems, "allow", new HashSet<>(s.allow()), new HashSet<>(policy.allow()));
        List<String> missing =
                policy.gitlab().stream().filter(g -> !s.gitlab().contains(g)).toList();
        if (!missing.isEmpty()) {
            problems.add("the installed egress rules lack the policy's network.gitlab entries " + missing);
        }
        return problems;
    }

    private static void differs(List<String> problems, String key, Object installed, Object wanted) {
        if (!installed.equals(wanted)) {
            problems.add("the installed egress rules have network." + key + " = " + installed + " but the policy says "
                    + wanted);
        }
    }

    /** For the job log's isolation line: what this job's network may reach. */
    public static String describe(NetworkPolicy policy, String subnet, String gitlabUrl) {
        Endpoint job = Endpoint.parse(gitlabUrl);
        String reach =
                switch (policy.egress()) {
                    case "open" -> "anything except";
                    case "allowlist" ->
                        "only its GitLab " + job.host() + ":" + job.portLow() + ", " + String.join(", ", policy.allow())
                                + (policy.dns() ? " and DNS" : "") + "; never";
                    default ->
                        "only its GitLab " + job.host() + ":" + job.portLow() + (policy.dns() ? " and DNS" : "")
                                + "; never";
                };
        return subnet + ", egress " + policy.egress() + " (nftables): " + reach + " this host, "
                + (policy.blockMetadata() ? "link-local/cloud metadata, " : "") + "other jobs or the Docker API";
    }
}
