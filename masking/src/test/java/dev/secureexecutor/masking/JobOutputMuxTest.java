package dev.secureexecutor.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** stdout and stderr frames as one masked stream in arrival order. */
class JobOutputMuxTest {
    private static final String SECRET = "s3cret-Token.value";
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
    private final JobOutputMux mux = Streams.masker(SECRET).jobOutput(sink);

    private String frame(OutputStream source, String text) throws IOException {
        source.write(text.getBytes(StandardCharsets.UTF_8));
        source.flush();
        return sink.toString(StandardCharsets.UTF_8);
    }

    @Test
    void framesKeepTheirArrivalOrderAcrossStreams() throws IOException {
        frame(mux.stdout(), "out 1\n");
        frame(mux.stderr(), "err 1\n");
        frame(mux.stdout(), "out 2\n");
        assertEquals("out 1\nerr 1\nout 2\nerr 2\n", frame(mux.stderr(), "err 2\n"));
    }

    @Test
    void secretSplitAcrossStdoutAndStderrIsMasked() throws IOException {
        frame(mux.stdout(), "token: s3cret-To");
        frame(mux.stderr(), "ken.value\n");
        mux.finish();
        assertEquals("token: [MASKED]\n", sink.toString(StandardCharsets.UTF_8));
    }

    @Test
    void heldBackPrefixIsNotOvertakenByTheOtherStream() throws IOException {
        assertEquals("x ", frame(mux.stdout(), "x s3cret-"));
        assertEquals("x s3cret-after\n", frame(mux.stderr(), "after\n"));
    }

    @Test
    void directiveLineInterruptedByAnotherStreamsFrameIsStillConsumed() throws IOException {
        frame(mux.stdout(), "::add-");
        frame(mux.stderr(), "err line\n");
        frame(mux.stdout(), "mask::rt-Value-123\n");
        frame(mux.stderr(), "rt-Value-123\n");
        mux.finish();
        assertEquals("err line\n[MASKED]\n", sink.toString(StandardCharsets.UTF_8));
    }

    @Test
    void onlyAHeldMarkerPrefixCanBeOvertakenAndItIsReleasedOnAMismatch() throws IOException {
        assertEquals("", frame(mux.stdout(), "::add"));
        assertEquals("E\n", frame(mux.stderr(), "E\n"));
        assertEquals("E\n::add-x\n", frame(mux.stdout(), "-x\n"));
    }
}
