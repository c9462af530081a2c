package dev.secureexecutor.sandbox.network;

import java.io.IOException;
import java.util.Optional;

/** As root: is the table the state file describes still in the kernel, unchanged? Empty when it is. */
public final class KernelRulesCheck {
    private KernelRulesCheck() {}

    public static Optional<String> problem(FirewallState state) throws IOException {
        Nft.Result listed = Nft.listTable();
        if (!listed.ok()) {
            return Optional.of("the kernel has no table " + EgressRules.TABLE + " ("
                    + listed.output().trim().lines().findFirst().orElse("") + "), although "
                    + FirewallState.DEFAULT_PATH + " says it was installed");
        }
        if (!Nft.sha256(listed.output()).equals(state.rulesetSha256())) {
            return Optional.of("the kernel's table " + EgressRules.TABLE + " differs from what `firewall apply`"
                    + " installed: someone changed the rules since");
        }
        return Optional.empty();
    }
}
