package dev.secureexecutor.sandbox.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Which images jobs may use.
 *
 * @param defaultImage used when the job names none
 * @param allowed globs over image references; empty means any locally present image
 * @param pullPolicy {@code never} (default: admins pre-load vetted images), {@code if-not-present} or {@code always}
 */
public record ImagePolicy(
        @JsonProperty("default") String defaultImage,
        @JsonProperty("allowed") List<String> allowed,
        @JsonProperty("pull_policy") String pullPolicy) {

    public static final String DEFAULT_IMAGE = "secure-executor/job-bookworm:1";

    public ImagePolicy {
        defaultImage = defaultImage == null || defaultImage.isBlank() ? DEFAULT_IMAGE : defaultImage;
        allowed = allowed == null ? List.of() : List.copyOf(allowed);
        pullPolicy = pullPolicy == null ? "never" : pullPolicy;
    }

    static ImagePolicy defaults() {
        return new ImagePolicy(null, null, null);
    }
}
