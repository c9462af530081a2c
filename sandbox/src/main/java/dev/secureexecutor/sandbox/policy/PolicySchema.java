package dev.secureexecutor.sandbox.policy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every key a policy file may hold, per section, with the rule its value must pass. Keys under "refused unless
 * harmless" exist only so that a policy asking for something dangerous is refused with the reason, not with
 * "unknown key".
 */
final class PolicySchema {
    /** section name → key → rule; insertion order is the order problems are reported in. */
    static final Map<String, Map<String, KeyRule>> SECTIONS = sections();

    private PolicySchema() {}

    private static Map<String, Map<String, KeyRule>> sections() {
        Map<String, Map<String, KeyRule>> s = new LinkedHashMap<>();
        s.put("image", image());
        s.put("job", job());
        s.put("cache", cache());
        s.put("runner", runner());
        s.put("credentials", credentials());
        s.put("network", NetworkKeys.rules());
        return java.util.Collections.unmodifiableMap(s);
    }

    private static Map<String, KeyRule> image() {
        Map<String, KeyRule> k = new LinkedHashMap<>();
        k.put("default", KeyRules.imageReference());
        k.put("allowed", KeyRules.globList());
        k.put("require_digest", KeyRules.bool());
        k.put("pull_policy", KeyRules.oneOf(ImagePolicy.PULL_POLICIES));
        k.put("allowed_pull_policies", KeyRules.oneOfList(ImagePolicy.PULL_POLICIES));
        k.put("public_registries", KeyRules.stringList());
        k.put("allow_ids", KeyRules.bool());
        return k;
    }

    private static Map<String, KeyRule> job() {
        Map<String, KeyRule> k = new LinkedHashMap<>();
        k.put("user", RefusedKeys.user());
        k.put("memory", KeyRules.size("64m"));
        k.put("cpus", KeyRules.number(0.1, 1024));
        k.put("pids", KeyRules.integer(16, 1_000_000));
        k.put("nofile", KeyRules.integer(64, 1_048_576));
        k.put("nproc", KeyRules.integer(16, 1_000_000));
        k.put("builds_dir", KeyRules.containerPath());
        k.put("cache_dir", KeyRules.containerPath());
        k.put("tmpfs_builds", KeyRules.size("16m"));
        k.put("tmpfs_tmp", KeyRules.size("1m"));
        k.put("tmpfs_home", KeyRules.size("1m"));
        k.put("network", RefusedKeys.network());
        k.put("runtime", KeyRules.oneOf("runc", "runsc"));
        k.put("cap_add", RefusedKeys.capAdd());
        // refused unless harmless
        k.put("privileged", RefusedKeys.privileged());
        k.put("security_opt", RefusedKeys.securityOpt());
        k.put("binds", RefusedKeys.binds());
        k.put("volumes", RefusedKeys.binds());
        k.put("devices", RefusedKeys.devices());
        k.put("pid", RefusedKeys.namespace("pid"));
        k.put("ipc", RefusedKeys.namespace("ipc"));
        k.put("uts", RefusedKeys.namespace("uts"));
        k.put("userns", RefusedKeys.namespace("user"));
        k.put("cgroupns", RefusedKeys.namespace("cgroup"));
        k.put("builds_dir_is_shared", RefusedKeys.sharedBuildsDir());
        return k;
    }

    private static Map<String, KeyRule> cache() {
        Map<String, KeyRule> k = new LinkedHashMap<>();
        k.put("mode", RefusedKeys.cacheMode());
        k.put("size", KeyRules.size("1m"));
        k.put("host_path", RefusedKeys.cacheHostPath());
        return k;
    }

    /** The credential lifecycle's keys ({@link CredentialPolicy}). */
    private static Map<String, KeyRule> credentials() {
        Map<String, KeyRule> k = new LinkedHashMap<>();
        k.put("allowed_projects", KeyRules.stringList());
        k.put("id_token_audiences", KeyRules.stringList());
        k.put("jwks_file", KeyRules.hostPathOrEmpty());
        k.put("audit_log", KeyRules.hostPathOrEmpty());
        k.put("audit_key_file", KeyRules.hostPathOrEmpty());
        k.put("secret_files", KeyRules.bool());
        k.put("orphan_grace_seconds", KeyRules.integer(0, 365L * 24 * 3600));
        return k;
    }

    private static Map<String, KeyRule> runner() {
        Map<String, KeyRule> k = new LinkedHashMap<>();
        k.put("gitlab_runner_binary", RefusedKeys.runnerBinary());
        k.put("config_toml", KeyRules.hostPathOrEmpty());
        return k;
    }
}
