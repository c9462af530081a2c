package dev.secureexecutor.sandbox.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a parsed policy tree against {@link PolicySchema} and returns EVERY problem: unknown keys, wrong types,
 * out-of-range values, refused settings, and the checks that span keys. An empty list means the tree binds safely.
 */
final class PolicyValidator {
    private PolicyValidator() {}

    static List<Violation> validate(JsonNode root) {
        List<Violation> found = new ArrayList<>();
        JsonNode version = root.get("version");
        if (version == null) {
            found.add(new Violation(
                    "version",
                    "the key is missing, so this file's format cannot be known",
                    "add version = " + Policy.CURRENT_VERSION + " as the first line"));
        } else if (!version.isIntegralNumber() || version.asInt() != Policy.CURRENT_VERSION) {
            found.add(new Violation(
                    "version",
                    "version = " + KeyRules.show(version) + " is not supported",
                    "set version = " + Policy.CURRENT_VERSION));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            if (name.equals("version")) {
                continue;
            }
            if (name.equals("engines")) {
                EngineRules.check(field.getValue(), found);
                continue;
            }
            Map<String, KeyRule> section = PolicySchema.SECTIONS.get(name);
            if (section == null) {
                found.add(new Violation(
                        name,
                        "unknown key or section",
                        "remove it or fix its spelling; sections are "
                                + String.join(", ", PolicySchema.SECTIONS.keySet())
                                + " (see config-examples/policy-strict.toml)"));
            } else if (!field.getValue().isObject()) {
                found.add(new Violation(name, "is not a section", "write it as a [" + name + "] table"));
            } else {
                checkSection(name, section, field.getValue(), found);
            }
        }
        if (found.isEmpty()) {
            crossChecks(root, found);
        }
        return found;
    }

    private static void checkSection(String name, Map<String, KeyRule> rules, JsonNode table, List<Violation> found) {
        for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = name + "." + field.getKey();
            KeyRule rule = rules.get(field.getKey());
            if (rule == null) {
                found.add(new Violation(
                        key,
                        "unknown key",
                        "remove it or fix its spelling; [" + name + "] knows " + String.join(", ", rules.keySet())));
            } else {
                found.addAll(rule.check(key, field.getValue()));
            }
        }
    }

    /** Checks between keys, run once every key is well-formed. */
    private static void crossChecks(JsonNode root, List<Violation> found) {
        JsonNode image = root.path("image");
        String def = image.path("default").asText(ImagePolicy.DEFAULT_IMAGE);
        ImagePolicy images = new ImagePolicy(
                def,
                globs(image.path("allowed")),
                image.path("require_digest").asBoolean(false),
                "never",
                image.path("allow_ids").asBoolean(false));
        images.refusal(def)
                .ifPresent(why -> found.add(new Violation(
                        "image.default",
                        "the default image " + why,
                        "make image.default match image.allowed (and pin it by digest if require_digest is set)")));
        JsonNode allowedPulls = image.path("allowed_pull_policies");
        String pull = image.path("pull_policy").asText("never");
        if (allowedPulls.isArray() && !globs(allowedPulls).contains(pull)) {
            found.add(new Violation(
                    "image.pull_policy",
                    "'" + pull + "' (what jobs that ask for no pull policy get)"
                            + " is not in image.allowed_pull_policies",
                    "add it to allowed_pull_policies or set pull_policy" + " to one of them"));
        }
        NetworkKeys.crossCheck(root.path("network"), found);
    }

    private static List<String> globs(JsonNode list) {
        List<String> globs = new ArrayList<>();
        list.forEach(g -> globs.add(g.asText()));
        return globs;
    }
}
