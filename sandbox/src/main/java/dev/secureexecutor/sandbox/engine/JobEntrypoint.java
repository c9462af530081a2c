package dev.secureexecutor.sandbox.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.secureexecutor.sandbox.DriverFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The entrypoint that wraps every stage script, as gitlab-runner's docker executor runs the image's ENTRYPOINT with
 * the shell as its arguments: the job's {@code image: entrypoint:} when it sets one ({@code [""]} clears it), else the
 * image's own ENTRYPOINT. The job container's own process stays the keep-alive; each stage's exec runs
 * {@code <entrypoint...> bash -c <reader> ...} as the job user, so the script still arrives on stdin only, and an
 * entrypoint that ends with {@code exec "$@"} hands that stdin to the shell. {@code prepare} decides it once and
 * records it in a label of the job container (an entrypoint is configuration, never a secret); each stage reads it
 * back, so what wraps the stages cannot change between them.
 */
public final class JobEntrypoint {
    public static final String LABEL = "dev.secureexecutor.entrypoint";
    private static final ObjectMapper JSON = new ObjectMapper();

    private JobEntrypoint() {}

    /**
     * @param requested the job's {@code image.entrypoint} (empty: not set)
     * @param fromImage the image's configured ENTRYPOINT
     */
    public static List<String> decide(List<String> requested, List<String> fromImage) {
        if (requested == null || requested.isEmpty()) {
            return fromImage == null ? List.of() : List.copyOf(fromImage);
        }
        if (requested.stream().allMatch(s -> s == null || s.isEmpty())) {
            return List.of(); // entrypoint: [""] clears the image's, as with docker run --entrypoint ""
        }
        return List.copyOf(requested);
    }

    /** The label value for {@code entrypoint}: a JSON array of strings. */
    public static String label(List<String> entrypoint) {
        try {
            return JSON.writeValueAsString(entrypoint);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always serialises", e);
        }
    }

    /** The entrypoint recorded in a job container's labels; empty when it has none (or predates this label). */
    public static List<String> fromLabels(Map<String, String> labels) throws DriverFailure {
        String value = labels == null ? null : labels.get(LABEL);
        if (value == null || value.isEmpty()) {
            return List.of();
        }
        try {
            List<String> parsed = new ArrayList<>();
            JSON.readTree(value).forEach(n -> parsed.add(n.asText()));
            return List.copyOf(parsed);
        } catch (JsonProcessingException e) {
            throw DriverFailure.system(
                    "the job container's entrypoint label is not a JSON list",
                    "the container was not created by this driver's prepare; retry the job");
        }
    }
}
