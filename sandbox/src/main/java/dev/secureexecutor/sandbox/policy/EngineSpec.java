package dev.secureexecutor.sandbox.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;

/**
 * One Docker engine of the pool ({@code [[engines]]} in the policy). A remote engine is reached over TCP with mutual
 * TLS only: the pool's CA verifies the engine's certificate (and its host name), the client certificate and key
 * prove the driver to it. A {@code unix://} entry is this host's own engine (no certificates).
 *
 * @param name short unique name ({@code [a-z0-9-]}), used in messages, the audit log and the per-job record
 * @param endpoint {@code tcp://host:2376} or {@code unix:///var/run/docker.sock}
 * @param ca the pool's CA certificate (PEM) the engine's certificate must chain to
 * @param cert the driver's client certificate (PEM)
 * @param key the client certificate's private key (PEM, mode 0600 or 0400, owned by the driver's user)
 * @param capacity how many jobs may run on the engine at once
 * @param labels free-form tags shown by {@code audit} and in the job log (e.g. {@code "zone-a"})
 */
public record EngineSpec(
        @JsonProperty("name") String name,
        @JsonProperty("endpoint") String endpoint,
        @JsonProperty("ca") String ca,
        @JsonProperty("cert") String cert,
        @JsonProperty("key") String key,
        @JsonProperty("capacity") Integer capacity,
        @JsonProperty("labels") List<String> labels) {

    public EngineSpec {
        ca = ca == null ? "" : ca;
        cert = cert == null ? "" : cert;
        key = key == null ? "" : key;
        capacity = capacity == null ? 1 : capacity;
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    public boolean isTcp() {
        return endpoint.toLowerCase(Locale.ROOT).startsWith("tcp://");
    }

    /** {@code name (endpoint)}: never a key or certificate content. */
    public String describe() {
        return name + " (" + endpoint + ")";
    }
}
