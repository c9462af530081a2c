package dev.secureexecutor.sandbox.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A job cannot pick an image the admin did not vet (allowed globs, digest pinning). */
class ImagePolicyTest {
    private final ImagePolicy globs = new ImagePolicy(
            null, List.of("registry.example.com/ci/*:*", "secure-executor/**"), false, "never", (Boolean) null);

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
        ImagePolicy pinned = new ImagePolicy(null, List.of(), true, "never", (Boolean) null);
        assertTrue(pinned.refusal("alpine:3.20").orElseThrow().contains("not pinned by digest"));
        assertEquals(Optional.empty(), pinned.refusal("alpine@sha256:" + "a".repeat(64)));
    }

    /** {@code *:latest} would match {@code 9e643c71:latest}: Docker resolves an ID prefix, so IDs are names no glob vets. */
    @Test
    void shortImageIdsAndIdPrefixesAreRefusedUnlessThePolicyAllowsIds() {
        ImagePolicy latest = new ImagePolicy(null, List.of("*:latest"), false, "never", (Boolean) null);
        for (String id : List.of("9e643c71f774", "9e6", "sha256:9e643c71f774")) {
            assertTrue(latest.refusal(id).orElseThrow().contains("image ID"), id);
        }
        assertTrue(latest.refusal("debian:latest").isEmpty());
        assertTrue(new ImagePolicy(null, List.of("*:latest"), false, "never", true)
                .refusal("9e643c71f774")
                .isEmpty());
    }
}
