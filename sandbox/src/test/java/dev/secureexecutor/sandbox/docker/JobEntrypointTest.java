package dev.secureexecutor.sandbox.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.secureexecutor.sandbox.engine.JobEntrypoint;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The entrypoint that wraps each stage follows gitlab-runner's docker executor; the script stays on stdin. */
class JobEntrypointTest {
    @Test
    void withoutAJobEntrypointTheImagesOwnWrapsTheStages() {
        assertEquals(List.of("/ep.sh", "--x"), JobEntrypoint.decide(List.of(), List.of("/ep.sh", "--x")));
        assertEquals(List.of(), JobEntrypoint.decide(null, null));
    }

    @Test
    void anEmptyStringEntrypointClearsTheImages() {
        assertEquals(List.of(), JobEntrypoint.decide(List.of(""), List.of("/usr/bin/git")));
    }

    @Test
    void anExplicitEntrypointReplacesTheImages() {
        assertEquals(
                List.of("/bin/sh", "-c", "exec \"$@\"", "--"),
                JobEntrypoint.decide(List.of("/bin/sh", "-c", "exec \"$@\"", "--"), List.of("/usr/bin/git")));
    }

    @Test
    void theLabelRoundTripsAsJsonWithQuotesAndSpaces() throws Exception {
        List<String> ep = List.of("/bin/sh", "-c", "echo \"a b\"; exec \"$@\"", "x");
        assertEquals("[\"/bin/sh\",\"-c\",\"echo \\\"a b\\\"; exec \\\"$@\\\"\",\"x\"]", JobEntrypoint.label(ep));
    }

    @Test
    void theStageCommandPutsTheEntrypointBeforeTheStdinReader() {
        List<String> cmd = new ExecScriptStep(null, "c", "1000:1000", "/builds", List.of("/ep.sh")).command(42);
        assertEquals(List.of("/ep.sh", "bash", "-c", ExecScriptStep.READER, "secure-executor-stage", "42"), cmd);
        List<String> bare = new ExecScriptStep(null, "c", "1000:1000", "/builds").command(7);
        assertEquals(List.of("bash", "-c", ExecScriptStep.READER, "secure-executor-stage", "7"), bare);
    }
}
