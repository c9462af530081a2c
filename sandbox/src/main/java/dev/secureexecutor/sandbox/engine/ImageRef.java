package dev.secureexecutor.sandbox.engine;

import java.util.List;

/**
 * An image as the engine knows it.
 *
 * @param reference the name the job asked for
 * @param id the image's content id
 * @param repoDigests registry digests, if any
 */
public record ImageRef(String reference, String id, List<String> repoDigests) {
    public ImageRef {
        repoDigests = repoDigests == null ? List.of() : List.copyOf(repoDigests);
    }
}
