package dev.secureexecutor.sandbox.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Checks one policy key's value; returns every problem found (empty when the value is fine). */
@FunctionalInterface
public interface KeyRule {
    List<Violation> check(String key, JsonNode value);
}
