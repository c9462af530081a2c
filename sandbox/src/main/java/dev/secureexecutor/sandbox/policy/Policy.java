package dev.secureexecutor.sandbox.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The hardening policy an admin writes once ({@code policy.toml}); the container profile is built only from it.
 * Every section is optional and falls back to the strict default; {@code version} is required. The file is checked
 * by {@link PolicyValidator} before it is bound here, so every value in a {@code Policy} is allowed. An empty
 * {@code engines} list means jobs run on the engine of the runner's environment ({@code DOCKER_HOST} or the socket).
 */
public record Policy(
        @JsonProperty(value = "version", required = true) Integer version,
        @JsonProperty("image") ImagePolicy image,
        @JsonProperty("job") JobPolicy job,
        @JsonProperty("cache") CachePolicy cache,
        @JsonProperty("runner") RunnerPolicy runner,
        @JsonProperty("credentials") CredentialPolicy credentials,
        @JsonProperty("network") NetworkPolicy network,
        @JsonProperty("engines") java.util.List<EngineSpec> engines) {

    public static final int CURRENT_VERSION = 1;

    public Policy {
        image = image == null ? ImagePolicy.defaults() : image;
        job = job == null ? JobPolicy.defaults() : job;
        cache = cache == null ? CachePolicy.defaults() : cache;
        runner = runner == null ? RunnerPolicy.defaults() : runner;
        credentials = credentials == null ? CredentialPolicy.defaults() : credentials;
        network = network == null ? NetworkPolicy.defaults() : network;
        engines = engines == null ? java.util.List.of() : java.util.List.copyOf(engines);
    }

    /** The built-in strict policy, used when no policy file exists. */
    public static Policy defaults() {
        return new Policy(CURRENT_VERSION, null, null, null, null, null, null, null);
    }
}
