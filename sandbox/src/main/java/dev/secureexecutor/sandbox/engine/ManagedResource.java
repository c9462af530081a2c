package dev.secureexecutor.sandbox.engine;

import java.util.Map;

/** A container or network the driver created, with the labels it carries. */
public record ManagedResource(Kind kind, String id, Map<String, String> labels) {
    public enum Kind {
        CONTAINER,
        NETWORK
    }

    public ManagedResource {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
