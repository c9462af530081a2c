package dev.secureexecutor.sandbox.checks;

import dev.secureexecutor.sandbox.policy.ImagePolicy;
import java.util.List;
import java.util.Optional;

/** The job's image must be one the admin allowed ({@code image.allowed}) and, under require_digest, pinned. */
public final class ImageCheck implements Check<String> {
    public static final String KEY = "image.allowed";

    private final ImagePolicy policy;

    public ImageCheck(ImagePolicy policy) {
        this.policy = policy;
    }

    /** @param image the image the job runs in */
    @Override
    public List<Finding> judge(String image) {
        Optional<String> refused = policy.refusal(image);
        if (refused.isPresent()) {
            return List.of(Finding.fail(
                    KEY,
                    "image " + refused.get() + "; a job may only run images this runner's" + " admin vetted",
                    "use an allowed image in the job's `image:` (ask the runner's admin to add it)"));
        }
        return List.of(Finding.pass(KEY, "image " + image + " is allowed by the policy"));
    }
}
