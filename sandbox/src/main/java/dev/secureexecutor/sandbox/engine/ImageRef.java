package dev.secureexecutor.sandbox.engine;

import java.util.List;

/**
 * An image as the engine knows it.
 *
 * @param reference the name the job asked for
 * @param id the image's content id
 * @param repoDigests registry digests, if any
 * @param entrypoint the image's configured ENTRYPOINT (empty: none)
 */
public record ImageRef(String reference, String id, List<String> repoDigests, List<String> entrypoint) {
    public ImageRef {
        repoDigests = repoDigests == null ? List.of() : List.copyOf(repoDigests);
        entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
    }

    public ImageRef(String reference, String id, List<String> repoDigests) {
        this(reference, id, repoDigests, null);
    }
}
