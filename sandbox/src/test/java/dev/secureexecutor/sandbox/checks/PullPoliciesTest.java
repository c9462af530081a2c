package dev.secureexecutor.sandbox.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.policy.ImagePolicy;
import dev.secureexecutor.sandbox.policy.Policy;
import dev.secureexecutor.sandbox.policy.PolicyException;
import dev.secureexecutor.sandbox.policy.PolicyLoader;
import dev.secureexecutor.sandbox.policy.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A job's image pull_policy meets the admin's allowed_pull_policies (gitlab-runner#37859: no bypass). */
class PullPoliciesTest {
    private static ImagePolicy policy(String pull, List<String> allowed) {
        return new ImagePolicy(null, List.of(), false, pull, allowed);
    }

    @Test
    void aJobAskingForNoPolicyGetsTheRunnersDefault() throws DriverFailure {
        assertEquals(
                List.of("if-not-present"),
                PullPolicies.effective(List.of(), policy("if-not-present", List.of("if-not-present", "always"))));
        assertEquals(List.of("never"), PullPolicies.effective(null, policy(null, null)));
    }

    @Test
    void theEffectiveListIsTheIntersectionInTheJobsOrder() throws DriverFailure {
        ImagePolicy p = policy("never", List.of("never", "if-not-present"));
        assertEquals(
                List.of("if-not-present", "never"),
                PullPolicies.effective(List.of("always", "if-not-present", "never"), p));
        assertEquals(List.of("if-not-present"), PullPolicies.effective(List.of(" If-Not-Present "), p));
    }

    @Test
    void pullAlwaysOnANeverRunnerIsRefusedWithTheAllowedList() {
        DriverFailure refused =
                assertThrows(DriverFailure.class, () -> PullPolicies.effective(List.of("always"), policy(null, null)));
        assertEquals(DriverFailure.Kind.BUILD, refused.kind());
        assertEquals(DriverFailure.Refusal.IMAGE, refused.refusal().orElseThrow());
        assertTrue(
                refused.problem().contains("[always]") && refused.problem().contains("allowed: never"),
                refused.problem());
        assertTrue(refused.remedy().contains("never"), refused.remedy());
    }

    @Test
    void anUnknownPolicyIsRefusedAndShownOnlyAsPrintableText() {
        DriverFailure refused = assertThrows(
                DriverFailure.class,
                () -> PullPolicies.effective(
                        List.of("sometimes\u001b[2J" + "x".repeat(60)), policy("always", List.of("always"))));
        assertTrue(refused.problem().contains("sometimes?[2J"), refused.problem());
        assertTrue(!refused.problem().contains("\u001b") && refused.problem().contains("..."), refused.problem());
    }

    @Test
    void withoutAllowedPullPoliciesOnlyTheDefaultIsAllowed() {
        assertEquals(List.of("if-not-present"), policy("if-not-present", null).allowedPullPolicies());
    }

    @Test
    void theFileMayDeclareAllowedPullPoliciesButTheDefaultMustBeAmongThem() throws Exception {
        PolicyException bad = assertThrows(
                PolicyException.class,
                () -> PolicyLoader.parse(
                        "version = 1\n[image]\n" + "pull_policy = \"never\"\nallowed_pull_policies = [\"always\"]\n",
                        "p.toml"));
        assertEquals(
                List.of("image.pull_policy"),
                bad.violations().stream().map(Violation::key).toList());
        PolicyException unknown = assertThrows(
                PolicyException.class,
                () -> PolicyLoader.parse(
                        "version = 1\n" + "[image]\nallowed_pull_policies = [\"never\", \"sometimes\"]\n", "p.toml"));
        assertEquals(
                List.of("image.allowed_pull_policies[1]"),
                unknown.violations().stream().map(Violation::key).toList());
        Policy ok = PolicyLoader.parse(
                "version = 1\n[image]\npull_policy = \"if-not-present\"\n"
                        + "allowed_pull_policies = [\"if-not-present\", \"always\"]\n",
                "p.toml");
        assertEquals(List.of("if-not-present", "always"), ok.image().allowedPullPolicies());
    }
}
