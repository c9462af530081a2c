package dev.secureexecutor.masking;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * A job's stdout and stderr as one masked byte stream, in the order their frames arrive.
 *
 * <p>GitLab Runner reads a custom executor's stdout and stderr into one job log. Two masked streams on two file
 * descriptors lose the order in which the job wrote them (the runner reads both pipes concurrently, and each
 * stream holds back its own partial matches) and cannot see a secret whose first part went to one stream and the
 * rest to the other. Here every frame, from either source, goes through one {@link MaskingOutputStream} to one
 * downstream, in arrival order: the log shows the frames in the order Docker delivered them, a secret split across
 * the two streams is masked, and bytes held back because they might begin a secret delay everything after them
 * instead of being overtaken.
 *
 * <p>Each source keeps its own line state for {@code ::add-mask::} lines ({@link AddMaskDirectives}): a directive
 * must be written whole to one stream. The one exception to arrival order: while a source holds the start of a
 * line that so far matches the marker (at most 11 bytes, {@code ::add-mas}), frames of the other source pass it;
 * the held bytes follow them if the line turns out not to be a directive. They are held rather than released so
 * that no part of a directive line reaches the log.
 */
public final class JobOutputMux {
    private final MaskingOutputStream masked;
    private final AddMaskDirectives stdout;
    private final AddMaskDirectives stderr;
    private final OutputStream stdoutView;
    private final OutputStream stderrView;

    JobOutputMux(Masker masker, MaskingOutputStream masked) {
        this.masked = Objects.requireNonNull(masked, "masked");
        this.stdout = new AddMaskDirectives(masked, masker::addMask);
        this.stderr = new AddMaskDirectives(masked, masker::addMask);
        this.stdoutView = new Source(stdout);
        this.stderrView = new Source(stderr);
    }

    /** Where the job's stdout frames go. Closing it ends only this source. */
    public OutputStream stdout() {
        return stdoutView;
    }

    /** Where the job's stderr frames go. Closing it ends only this source. */
    public OutputStream stderr() {
        return stderrView;
    }

    /** Ends both sources and releases everything held (see {@link MaskingOutputStream#finish()}). Idempotent. */
    public void finish() throws IOException {
        synchronized (masked) {
            stdout.endOfInput();
            stderr.endOfInput();
            masked.finish();
        }
    }

    /** One source; writes of both sources are serialised on the shared masking stream. */
    private final class Source extends OutputStream {
        private final AddMaskDirectives lines;

        Source(AddMaskDirectives lines) {
            this.lines = lines;
        }

        @Override
        public void write(int b) throws IOException {
            synchronized (masked) {
                lines.write(b);
            }
        }

        @Override
        public void write(byte[] data, int off, int len) throws IOException {
            synchronized (masked) {
                lines.write(data, off, len);
            }
        }

        @Override
        public void flush() throws IOException {
            synchronized (masked) {
                masked.flush();
            }
        }

        @Override
        public void close() throws IOException {
            synchronized (masked) {
                lines.endOfInput();
            }
        }
    }
}
