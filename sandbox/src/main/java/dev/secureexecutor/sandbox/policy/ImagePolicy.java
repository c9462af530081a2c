package dev.secureexecutor.sandbox.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which images jobs may use.
 *
 * @param defaultImage used when the job names none
 * @param allowed globs over image references; empty means any locally present image
 * @param requireDigest when true, a job's image must be pinned as {@code name@sha256:<64 hex>}
 * @param pullPolicy {@code never} (default: admins pre-load vetted images), {@code if-not-present} or {@code always}
 * @param allowIds whether a job may name its image by ID ({@code sha256:…} or a hex prefix); off by default, because
 *     Docker resolves any unique ID prefix and {@code allowed} globs such as {@code *:latest} would match it
 */
public record ImagePolicy(
        @JsonProperty("default") String defaultImage,
        @JsonProperty("allowed") List<String> allowed,
        @JsonProperty("require_digest") Boolean requireDigest,
        @JsonProperty("pull_policy") String pullPolicy,
        @JsonProperty("allow_ids") Boolean allowIds) {

    public static final String DEFAULT_IMAGE = "secure-executor/job-bookworm:1";
    private static final Pattern DIGEST = Pattern.compile(".+@sha256:[0-9a-f]{64}");
    /** What Docker may read as an image ID or ID prefix rather than a name. */
    private static final Pattern ID = Pattern.compile("(sha256:)?[0-9a-f]{1,64}");

    public ImagePolicy {
        defaultImage = defaultImage == null || defaultImage.isBlank() ? DEFAULT_IMAGE : defaultImage;
        allowed = allowed == null ? List.of() : List.copyOf(allowed);
        requireDigest = requireDigest != null && requireDigest;
        pullPolicy = pullPolicy == null ? "never" : pullPolicy;
        allowIds = allowIds != null && allowIds;
    }

    static ImagePolicy defaults() {
        return new ImagePolicy(null, null, null, null, null);
    }

    /** Why this image may not be used; empty when the policy allows it. */
    public Optional<String> refusal(String image) {
        if (!allowIds && ID.matcher(image).matches()) {
            return Optional.of("'" + image + "' is an image ID or ID prefix, not a name: Docker resolves any unique"
                    + " prefix of an image's ID, so image.allowed cannot vet it (image.allow_ids = false)");
        }
        if (requireDigest && !DIGEST.matcher(image).matches()) {
            return Optional.of("'" + image + "' is not pinned by digest (image.require_digest = true), so what runs"
                    + " could change under the same name");
        }
        if (!allowed.isEmpty() && allowed.stream().map(ImageGlob::new).noneMatch(g -> g.matches(image))) {
            return Optional.of("'" + image + "' is not in this runner's allowed images ("
                    + String.join(", ", allowed) + ")");
        }
        return Optional.empty();
    }
}
