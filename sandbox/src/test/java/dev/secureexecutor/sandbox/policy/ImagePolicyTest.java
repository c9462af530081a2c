package dev.secureexecutor.sandbox.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A job cannot pick an image the admin did not vet (allowed globs, digest pinning). */
class ImagePolicyTest {
    private final ImagePolicy globs = new ImagePolicy(null, List.of("registry.example.com/ci/*:*",
            "secure-executor/**"), false, "never");

    @Test
    void imagesMatchingAGlobAreAllowed() {
        assertEquals(Optional.empty(), globs.refusal("registry.example.com/ci/node:20"));
        assertEquals(Optional.empty(), globs.refusal("secure-executor/job-bookworm:1"));
        assertEquals(Optional.empty(), globs.refusal("registry.example.com/ci/node"), "no tag means :latest");
    }

    @Test
    void anImageOutsideTheGlobsIsRefused() {
        assertTrue(globs.refusal("docker.io/evil/miner:latest").isPresent());
        assertTrue(globs.refusal("registry.example.com/ci/nested/evil:1").isPresent(), "* stays within a segment");
        assertTrue(globs.refusal("registry.example.com.evil.io/ci/node:20").isPresent());
    }

    @Test
    void digestPinningRefusesTagsAndAcceptsDigests() {
        ImagePolicy pinned = new ImagePolicy(null, List.of(), true, "never");
        assertTrue(pinned.refusal("alpine:3.20").orElseThrow().contains("not pinned by digest"));
        assertEquals(Optional.empty(), pinned.refusal("alpine@sha256:" + "a".repeat(64)));
    }
}
