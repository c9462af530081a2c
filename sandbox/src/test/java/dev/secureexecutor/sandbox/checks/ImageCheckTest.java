package dev.secureexecutor.sandbox.checks;

import static dev.secureexecutor.sandbox.checks.Facts.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.sandbox.policy.ImagePolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A job cannot pick an image the admin did not vet; the refusal line names the image and why. */
class ImageCheckTest {
    @Test
    void anImageOutsideTheAllowlistFailsAndAnAllowedOnePasses() {
        ImageCheck check = new ImageCheck(new ImagePolicy(null, List.of("secure-executor/*:*"), false, "never", false));
        Finding refused = only(check.judge("docker.io/library/alpine:3"));
        assertEquals(Finding.Status.FAIL, refused.status());
        assertTrue(
                refused.reason()
                        .startsWith("image 'docker.io/library/alpine:3' is not in this runner's allowed" + " images"),
                refused.reason());
        assertTrue(refused.reason().endsWith("; a job may only run images this runner's admin vetted"));
        assertEquals(
                Finding.Status.PASS,
                only(check.judge("secure-executor/job-bookworm:1")).status());
    }

    @Test
    void anUnpinnedImageFailsUnderRequireDigest() {
        ImageCheck check = new ImageCheck(new ImagePolicy(null, List.of(), true, "never", false));
        assertTrue(only(check.judge("secure-executor/job-bookworm:1")).reason().contains("is not pinned by digest"));
        assertEquals(
                Finding.Status.PASS,
                only(check.judge("x/y@sha256:" + "0".repeat(64))).status());
    }
}
