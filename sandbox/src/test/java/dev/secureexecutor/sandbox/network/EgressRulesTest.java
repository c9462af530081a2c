package dev.secureexecutor.sandbox.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.sandbox.policy.Endpoint;
import dev.secureexecutor.sandbox.policy.JobAddressPool;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rendered nftables rule set: keyed to job bridges, always-blocked destinations, and the egress mode. */
class EgressRulesTest {
    private static FirewallSpec spec(String egress, boolean metadata) throws UnknownHostException {
        return new FirewallSpec(
                JobAddressPool.parse("10.213.0.0/16"),
                egress,
                metadata,
                List.of("10.255.255.53"),
                List.of(FirewallSpec.Resolved.of(Endpoint.parse("http://192.0.2.2:8929"))),
                List.of(FirewallSpec.Resolved.of(Endpoint.parse("198.19.0.0/16:8080-8090"))));
    }

    @Test
    void everyChainMatchesOnlyJobBridgesAndTheTableIsReplacedAtomically() throws Exception {
        String rules = EgressRules.render(spec("gitlab-only", true));
        assertTrue(rules.startsWith("add table inet secure_executor\ndelete table inet secure_executor\n"), rules);
        assertEquals(2, rules.split("iifname != \"sej-\\*\" return", -1).length - 1, rules);
        assertFalse(rules.contains("ip filter"), "Docker's tables are never named");
        assertTrue(rules.contains("reject with tcp reset"), "refused TCP is reset, not dropped");
        assertTrue(rules.contains("reject with icmpx type admin-prohibited"), rules);
    }

    @Test
    void hostMetadataOtherJobsAndDockerApiAreAlwaysRefused() throws Exception {
        String rules = EgressRules.render(spec("open", true));
        assertTrue(rules.contains("169.254.0.0/16"), rules);
        assertTrue(rules.contains("oifname \"sej-*\" jump refuse"), "other jobs' bridges");
        assertTrue(rules.contains("oifname \"docker0\" jump refuse"), rules);
        assertTrue(rules.contains("ip daddr @job_pool jump refuse"), rules);
        assertTrue(rules.contains("meta nfproto != ipv4 jump refuse"), "IPv6 (fe80::/10, fd00:ec2::254)");
        assertTrue(rules.contains("elements = { 2375, 2376 }"), rules);
        assertTrue(rules.contains("10.213.255.0/24 . 10.213.255.0/24"), "containers of one job reach each other");
        String input = rules.substring(rules.indexOf("chain input"), rules.indexOf("chain forward"));
        assertTrue(input.trim().endsWith("jump refuse\n\t}".trim()), "the host refuses jobs by default: " + input);
        assertTrue(rules.contains("\t\taccept\n\t}"), "open mode accepts the rest");
    }

    @Test
    void gitlabOnlyReachesGitLabButNotAllowEntriesWhichAllowlistAdds() throws Exception {
        String gitlabOnly = EgressRules.render(spec("gitlab-only", true));
        assertTrue(gitlabOnly.contains("192.0.2.2 . 8929"), gitlabOnly);
        assertFalse(gitlabOnly.contains("198.19.0.0/16 . 8080-8090"), gitlabOnly);
        String allowlist = EgressRules.render(spec("allowlist", true));
        String toHost = allowlist.substring(allowlist.indexOf("set to_host"), allowlist.indexOf("chain input"));
        assertTrue(allowlist.contains("198.19.0.0/16 . 8080-8090"), allowlist);
        assertFalse(toHost.contains("198.19.0.0/16"), "a CIDR never opens a port on the host itself: " + toHost);
        assertTrue(toHost.contains("192.0.2.2 . 8929"), toHost);
    }

    @Test
    void blockMetadataFalseLeavesLinkLocalToTheEgressMode() throws Exception {
        assertFalse(EgressRules.render(spec("open", false)).contains("169.254.0.0/16"));
    }
}
