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
 * @param pullPolicy the pull policy of a job that asks for none: {@code never} (default: admins pre-load vetted
 *     images), {@code if-not-present} or {@code always}
 * @param allowedPullPolicies the pull policies a job may ask for ({@code image: pull_policy:}); empty in the file means
 *     only {@code pullPolicy} (as gitlab-runner's {@code allowed_pull_policies})
 * @param publicRegistries registry hosts ({@code host[:port]}; {@code docker.io} for Docker Hub) whose images anyone
 *     may pull; an image that came from any other registry is private: on a runner that pulls at all, a job gets a
 *     cached copy only after the registry accepted the job's own credentials (or anonymous pull) for it
 * @param allowIds whether a job may name its image by ID ({@code sha256:…} or a hex prefix); off by default, because
 *     Docker resolves any unique ID prefix and {@code allowed} globs such as {@code *:latest} would match it
 */
public record ImagePolicy(
        @JsonProperty("default") String defaultImage,
        @JsonProperty("allowed") List<String> allowed,
        @JsonProperty("require_digest") Boolean requireDigest,
        @JsonProperty("pull_policy") String pullPolicy,
        @JsonProperty("allowed_pull_policies") List<String> allowedPullPolicies,
        @JsonProperty("public_registries") List<String> publicRegistries,
        @JsonProperty("allow_ids") Boolean allowIds) {

    public static final String DEFAULT_IMAGE = "secure-executor/job-bookworm:1";
    /** Every pull policy there is, in gitlab-runner's spelling. */
    static final String[] PULL_POLICIES = {"never", "if-not-present", "always"};

    private static final Pattern DIGEST = Pattern.compile(".+@sha256:[0-9a-f]{64}");
    /** What Docker may read as an image ID or ID prefix rather than a name. */
    private static final Pattern ID = Pattern.compile("(sha256:)?[0-9a-f]{1,64}");

    public ImagePolicy {
        defaultImage = defaultImage == null || defaultImage.isBlank() ? DEFAULT_IMAGE : defaultImage;
        allowed = allowed == null ? List.of() : List.copyOf(allowed);
        requireDigest = requireDigest != null && requireDigest;
        pullPolicy = pullPolicy == null ? "never" : pullPolicy;
        allowedPullPolicies = allowedPullPolicies == null || allowedPullPolicies.isEmpty()
                ? List.of(pullPolicy)
                : List.copyOf(allowedPullPolicies);
        publicRegistries = publicRegistries == null ? List.of() : List.copyOf(publicRegistries);
        allowIds = allowIds != null && allowIds;
    }

    /** A policy without public registries whose jobs may not name images by ID. */
    public ImagePolicy(
            String defaultImage, List<String> allowed, Boolean requireDigest, String pullPolicy, Boolean allowIds) {
        this(defaultImage, allowed, requireDigest, pullPolicy, null, null, allowIds);
    }

    /** A policy without public registries. */
    public ImagePolicy(
            String defaultImage,
            List<String> allowed,
            Boolean requireDigest,
            String pullPolicy,
            List<String> allowedPullPolicies) {
        this(defaultImage, allowed, requireDigest, pullPolicy, allowedPullPolicies, null, null);
    }

    /** True when this runner pulls images at all (some allowed pull policy is not {@code never}). */
    public boolean pulls() {
        return allowedPullPolicies.stream().anyMatch(p -> !"never".equals(p));
    }

    /** A policy whose jobs may use only {@code pullPolicy}. */
    public ImagePolicy(String defaultImage, List<String> allowed, Boolean requireDigest, String pullPolicy) {
        this(defaultImage, allowed, requireDigest, pullPolicy, (List<String>) null, null, null);
    }

    static ImagePolicy defaults() {
        return new ImagePolicy(null, null, null, null, (List<String>) null, null, null);
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
            return Optional.of(
                    "'" + image + "' is not in this runner's allowed images (" + String.join(", ", allowed) + ")");
        }
        return Optional.empty();
    }
}
