package dev.secureexecutor.sandbox.policy;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The job's cache directory: always {@code per-job}, a size-limited tmpfs in the job's own container that goes with
 * it (gitlab-runner's remote cache, archived by the job itself, is how caches travel between jobs).
 *
 * @param mode only {@code per-job}; {@code shared} is refused
 * @param size the tmpfs size of the cache directory
 */
public record CachePolicy(
        @JsonProperty("mode") String mode,
        @JsonProperty("size") String size) {

    public CachePolicy {
        mode = mode == null || mode.isBlank() ? "per-job" : mode;
        size = size == null || size.isBlank() ? "1g" : size;
    }

    static CachePolicy defaults() {
        return new CachePolicy(null, null);
    }
}
