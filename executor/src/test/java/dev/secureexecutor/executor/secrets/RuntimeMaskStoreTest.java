package dev.secureexecutor.executor.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.secureexecutor.masking.JobOutputMux;
import dev.secureexecutor.masking.Masker;
import dev.secureexecutor.masking.Secret;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stored values come back in the next stage: the prelude, run by a real bash against a stored file, prints
 * {@code ::add-mask::} lines that the next stage's masker consumes and registers before the script's own output.
 */
class RuntimeMaskStoreTest {
    @Test
    void addMaskValuesOfOneStageAreMaskedInTheNextStageAndThePreludeShowsNothing(@TempDir Path dir) throws Exception {
        String value = "ASIA-fake+session/value=1 with 'quotes' and spaces";
        Path file = dir.resolve("store");
        Files.write(file, RuntimeMaskStore.encode(List.of(Secret.of("v", value), Secret.of("w", "second-Val-42"))));
        String prelude = new String(RuntimeMaskStore.PRELUDE, StandardCharsets.US_ASCII)
                .replace(RuntimeMaskStore.FILE, file.toString());
        Process bash =
                new ProcessBuilder("bash", "-c", prelude + "echo \"got: $0\"; echo second-Val-42 >&2", value).start();
        Masker nextStage = Masker.rulesOnly();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        JobOutputMux mux = nextStage.jobOutput(log);
        mux.stdout().write(bash.getInputStream().readAllBytes());
        mux.stderr().write(bash.getErrorStream().readAllBytes());
        assertEquals(0, bash.waitFor());
        mux.finish();
        assertEquals("got: [MASKED]\n[MASKED]\n", log.toString(StandardCharsets.UTF_8));
        assertEquals(2, nextStage.runtimeMaskCount());
    }

    @Test
    void withoutAStoredFileThePreludePrintsNothing(@TempDir Path dir) throws Exception {
        String prelude = new String(RuntimeMaskStore.PRELUDE, StandardCharsets.US_ASCII)
                .replace(RuntimeMaskStore.FILE, dir.resolve("absent").toString());
        Process bash = new ProcessBuilder("bash", "-c", prelude + "echo ok")
                .redirectErrorStream(true)
                .start();
        assertEquals("ok\n", new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(0, bash.waitFor());
    }
}
