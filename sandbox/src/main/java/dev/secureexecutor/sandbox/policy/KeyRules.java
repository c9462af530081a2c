package dev.secureexecutor.sandbox.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The value types a policy key can have, each as a {@link KeyRule} that says what was expected. */
final class KeyRules {
    private static final Pattern USER = Pattern.compile("(\\d+):(\\d+)");
    private static final Pattern IMAGE = Pattern.compile("[a-z0-9][a-z0-9._/:@-]*");

    private KeyRules() {}

    static KeyRule string() {
        return (key, v) -> v.isTextual() ? List.of() : List.of(type(key, v, "a string"));
    }

    static KeyRule bool() {
        return (key, v) -> v.isBoolean() ? List.of() : List.of(type(key, v, "true or false"));
    }

    static KeyRule oneOf(String... allowed) {
        return (key, v) -> {
            if (v.isTextual()) {
                for (String a : allowed) {
                    if (a.equals(v.asText())) {
                        return List.of();
                    }
                }
            }
            return List.of(new Violation(
                    key,
                    "'" + show(v) + "' is not one of " + String.join(", ", allowed),
                    "set " + key + " to one of: " + String.join(", ", allowed)));
        };
    }

    /** A non-empty list whose items are each one of {@code allowed}. */
    static KeyRule oneOfList(String... allowed) {
        KeyRule item = oneOf(allowed);
        return (key, v) -> {
            if (!v.isArray() || v.isEmpty()) {
                return List.of(type(key, v, "a non-empty list of " + String.join(", ", allowed)));
            }
            List<Violation> found = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                found.addAll(item.check(key + "[" + i + "]", v.get(i)));
            }
            return found;
        };
    }

    /** A Docker size ({@code 512m}, {@code 2g}) of at least {@code min}. */
    static KeyRule size(String min) {
        long floor = ByteSize.parse(min);
        return (key, v) -> {
            try {
                if (v.isTextual() && ByteSize.parse(v.asText()) >= floor) {
                    return List.of();
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
            return List.of(new Violation(
                    key,
                    "'" + show(v) + "' is not a size of at least " + min,
                    "write a size such as \"512m\" or \"2g\" (at least " + min + ")"));
        };
    }

    static KeyRule number(double min, double max) {
        return (key, v) -> v.isNumber() && v.asDouble() >= min && v.asDouble() <= max
                ? List.of()
                : List.of(new Violation(
                        key,
                        "'" + show(v) + "' is not a number from " + fmt(min) + " to " + fmt(max),
                        "set " + key + " to a number from " + fmt(min) + " to " + fmt(max)));
    }

    static KeyRule integer(long min, long max) {
        return (key, v) -> v.isIntegralNumber() && v.asLong() >= min && v.asLong() <= max
                ? List.of()
                : List.of(new Violation(
                        key,
                        "'" + show(v) + "' is not a whole number from " + min + " to " + max,
                        "set " + key + " to a whole number from " + min + " to " + max));
    }

    /** An absolute path inside the job container. */
    static KeyRule containerPath() {
        return (key, v) -> v.isTextual()
                        && v.asText().startsWith("/")
                        && !v.asText().contains("..")
                        && !v.asText().equals("/")
                ? List.of()
                : List.of(new Violation(
                        key,
                        "'" + show(v) + "' is not an absolute directory below /",
                        "write an absolute path such as \"/builds\""));
    }

    /** A host path (absolute, or relative to the policy file's directory); empty means unset. */
    static KeyRule hostPathOrEmpty() {
        return (key, v) -> v.isTextual() && !v.asText().contains("..")
                ? List.of()
                : List.of(new Violation(key, "'" + show(v) + "' is not a path", "write a path without '..'"));
    }

    /** {@code uid:gid}, both numeric. Root is refused separately ({@link RefusedKeys#user()}). */
    static KeyRule userFormat() {
        return (key, v) -> v.isTextual() && USER.matcher(v.asText()).matches()
                ? List.of()
                : List.of(new Violation(
                        key,
                        "'" + show(v) + "' is not a numeric uid:gid",
                        "write the job user as \"uid:gid\", e.g. \"100000:100000\""));
    }

    static KeyRule imageReference() {
        return (key, v) -> v.isTextual() && IMAGE.matcher(v.asText()).matches()
                ? List.of()
                : List.of(new Violation(
                        key,
                        "'" + show(v) + "' is not an image reference",
                        "write e.g. \"secure-executor/job-bookworm:1\" or \"registry/name@sha256:<digest>\""));
    }

    /** A list of non-empty strings. */
    static KeyRule stringList() {
        return (key, v) -> {
            if (!v.isArray()) {
                return List.of(type(key, v, "a list of strings"));
            }
            List<Violation> found = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                if (!v.get(i).isTextual() || v.get(i).asText().isBlank()) {
                    found.add(type(key + "[" + i + "]", v.get(i), "a non-empty string"));
                }
            }
            return found;
        };
    }

    /** A list of image globs ({@code *} within one path segment, {@code **} across segments). */
    static KeyRule globList() {
        return (key, v) -> {
            if (!v.isArray()) {
                return List.of(type(key, v, "a list of image globs"));
            }
            List<Violation> found = new ArrayList<>();
            for (int i = 0; i < v.size(); i++) {
                JsonNode item = v.get(i);
                if (!item.isTextual()
                        || item.asText().isBlank()
                        || item.asText().equals("**")) {
                    found.add(new Violation(
                            key + "[" + i + "]",
                            "'" + show(item) + "' is not a useful image glob",
                            "write a glob such as \"registry.example.com/ci/*:*\"; leave the list empty to allow"
                                    + " every image present on the host"));
                }
            }
            return found;
        };
    }

    static Violation type(String key, JsonNode v, String expected) {
        return new Violation(key, "'" + show(v) + "' is not " + expected, "set " + key + " to " + expected);
    }

    /** The value as written, shortened: policy values are settings, never secrets. */
    static String show(JsonNode v) {
        String s = v.isTextual() ? v.asText() : v.toString();
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
