package dev.secureexecutor.executor.secrets;

import dev.secureexecutor.masking.Masker;
import dev.secureexecutor.masking.Secret;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.engine.ExecResult;
import dev.secureexecutor.sandbox.engine.ExecSpec;
import dev.secureexecutor.sandbox.engine.JobEngine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Keeps the values a job registered with {@code ::add-mask::} for its later stages, without writing them to the
 * host: each {@code run} is a new driver process, so the set lives in the job's own container, the one place the
 * job's secrets already live, on its {@code /dev/shm} tmpfs (memory, removed with the container at cleanup; mode
 * 0600, the job user's: the job can read only values it printed itself).
 *
 * <p>Saving: after a stage that registered any value, one exec rewrites the file from the masker's set (base64,
 * one value a line), over the exec's stdin. Loading costs no exec: the next stage's script starts with
 * {@link #PRELUDE}, which prints each stored value back as an {@code ::add-mask::} line; the driver consumes those
 * lines like any other directive before anything else of the stage is shown. A job that never uses
 * {@code ::add-mask::} pays one {@code [ -s file ]} test per stage.
 */
public final class RuntimeMaskStore {
    static final String FILE = "/dev/shm/.secure-executor-add-mask";
    /** Bash lines put before the stage script: re-announce the stored values (consumed by the driver). */
    public static final byte[] PRELUDE = ("if [ -s " + FILE + " ]; then while IFS= read -r l; do"
                    + " printf '::add-mask::'; printf '%s' \"$l\" | base64 -d; printf '\\n'; done < " + FILE + "; fi\n")
            .getBytes(StandardCharsets.US_ASCII);

    private static final List<String> WRITE =
            List.of("sh", "-c", "umask 077 && cat > " + FILE + ".new && mv -f " + FILE + ".new " + FILE);

    private RuntimeMaskStore() {}

    /** {@code script} with {@link #PRELUDE} in front; {@code script} is zeroed. */
    public static byte[] withPrelude(byte[] script) {
        byte[] joined = Arrays.copyOf(PRELUDE, PRELUDE.length + script.length);
        System.arraycopy(script, 0, joined, PRELUDE.length, script.length);
        Arrays.fill(script, (byte) 0);
        return joined;
    }

    /** The file's content: each value in base64, one a line; the caller zeroes it. */
    static byte[] encode(List<Secret> values) {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        for (Secret value : values) {
            byte[] encoded = value.withBytes(Base64.getEncoder()::encode);
            lines.writeBytes(encoded);
            lines.write('\n');
            Arrays.fill(encoded, (byte) 0);
        }
        return lines.toByteArray();
    }

    /**
     * Stores the masker's run-time values in the container if it has any.
     *
     * @return null when done or nothing to do, else what went wrong (no value in it), for a warning
     */
    public static String save(JobEngine engine, String container, String user, Masker masker) {
        if (masker.runtimeMaskCount() == 0) {
            return null;
        }
        List<Secret> values = masker.runtimeMasks();
        byte[] data = null;
        try {
            data = encode(values);
            ExecResult result = engine.exec(
                    new ExecSpec(
                            container,
                            user,
                            null,
                            WRITE,
                            Duration.ofSeconds(30),
                            "keeping add-mask values for later stages"),
                    new ByteArrayInputStream(data),
                    null,
                    null);
            return result.succeeded() ? null : "the write in the job container failed (is /dev/shm writable?)";
        } catch (DriverFailure failure) {
            return failure.problem();
        } finally {
            values.forEach(Secret::wipe);
            if (data != null) {
                Arrays.fill(data, (byte) 0);
            }
        }
    }
}
