package dev.secureexecutor.executor.network;

import dev.secureexecutor.executor.job.JobContext;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.network.EgressCheck;
import dev.secureexecutor.sandbox.network.FirewallState;
import dev.secureexecutor.sandbox.policy.JobAddressPool;
import dev.secureexecutor.sandbox.policy.NetworkPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * prepare's hook for the job's network: before anything is created, refuses the job (system failure, so the
 * runner retries and the admin sees it) while the host's egress rules are not installed as the policy says or do
 * not let the job reach its GitLab; then gives the pool to carve the job's network from and the isolation line's
 * network part. Jobs with {@code job.network = "none"} need no rules.
 */
public final class JobEgress {
    private final NetworkPolicy policy;
    private final String gitlabUrl;
    private final boolean isolated;

    private JobEgress(NetworkPolicy policy, String gitlabUrl, boolean isolated) {
        this.policy = policy;
        this.gitlabUrl = gitlabUrl;
        this.isolated = isolated;
    }

    /** @param stateFile {@link FirewallState#DEFAULT_PATH} but in tests */
    public static JobEgress check(JobContext job, Path stateFile) throws DriverFailure {
        boolean isolated = !"none".equals(job.policy().job().network());
        String url = job.payload()
                .plainVariable("CI_SERVER_URL")
                .orElse("https://" + job.identity().gitlabHost());
        JobEgress egress = new JobEgress(job.policy().network(), url, isolated);
        if (!isolated) {
            return egress;
        }
        List<String> problems;
        try {
            EgressCheck check = new EgressCheck(egress.policy);
            // a GitLab under .invalid (RFC 6761: never resolves) is selftest's: there is nothing to reach
            problems = job.identity().gitlabHost().endsWith(".invalid")
                    ? check.settingsProblems(FirewallState.read(stateFile), FirewallState.currentBootId())
                    : check.problems(FirewallState.read(stateFile), url, FirewallState.currentBootId());
        } catch (IOException | RuntimeException e) {
            problems = List.of("the egress rules' state " + stateFile + " cannot be trusted: " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw DriverFailure.refusal(
                    DriverFailure.Kind.SYSTEM,
                    DriverFailure.Refusal.HOST_SETUP,
                    String.join("\n", problems),
                    EgressCheck.FIX);
        }
        return egress;
    }

    public boolean isolated() {
        return isolated;
    }

    public JobAddressPool pool() {
        return JobAddressPool.parse(policy.pool());
    }

    /** The isolation line's network part, e.g. {@code network X 10.213.7.0/24, egress gitlab-only (nftables): ...}. */
    public String describe(String networkName, String subnet) {
        return isolated ? networkName + " " + EgressCheck.describe(policy, subnet, gitlabUrl) : "none";
    }
}
