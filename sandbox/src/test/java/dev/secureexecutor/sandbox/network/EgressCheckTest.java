package dev.secureexecutor.sandbox.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.sandbox.policy.NetworkPolicy;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** prepare's view of the installed rules: present, this boot's, as the policy says, and reaching the job's GitLab. */
class EgressCheckTest {
    private static final NetworkPolicy STRICT = new NetworkPolicy(null, null, null, null, null, null);

    private static FirewallState installed(String egress, List<String> gitlab) {
        return new FirewallState(
                "10.213.0.0/16", egress, true, true, List.of(), gitlab, List.of(), List.of(), "x", "boot-1", 0);
    }

    @Test
    void missingRulesAreOneProblemNamingTheRisk() {
        List<String> p = new EgressCheck(STRICT).problems(Optional.empty(), "https://gitlab.example.com", "boot-1");
        assertEquals(1, p.size());
        assertTrue(p.get(0).contains("metadata"), p.get(0));
    }

    @Test
    void rulesMatchingThePolicyAndTheJobsGitLabPass() {
        assertEquals(
                List.of(),
                new EgressCheck(STRICT)
                        .problems(
                                Optional.of(installed("gitlab-only", List.of("https://gitlab.example.com"))),
                                "https://gitlab.example.com",
                                "boot-1"));
    }

    @Test
    void anotherModeAnotherBootOrAnUnlistedGitLabAreRefused() {
        List<String> p = new EgressCheck(STRICT)
                .problems(
                        Optional.of(installed("open", List.of("https://gitlab.example.com"))),
                        "https://gitlab.other.example:8443",
                        "boot-2");
        assertEquals(3, p.size(), p.toString());
        assertTrue(p.get(0).contains("reboot"), p.get(0));
        assertTrue(p.get(1).contains("network.egress = open but the policy says gitlab-only"), p.get(1));
        assertTrue(p.get(2).contains("gitlab.other.example:8443"), p.get(2));
    }

    @Test
    void theIsolationLineSaysWhatTheJobReaches() {
        String line = EgressCheck.describe(STRICT, "10.213.7.0/24", "http://192.0.2.2:8929");
        assertEquals(
                "10.213.7.0/24, egress gitlab-only (nftables): only its GitLab 192.0.2.2:8929 and DNS; never this"
                        + " host, link-local/cloud metadata, other jobs or the Docker API",
                line);
    }
}
