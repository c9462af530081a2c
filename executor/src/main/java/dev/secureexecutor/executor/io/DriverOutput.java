package dev.secureexecutor.executor.io;

import dev.secureexecutor.masking.JobOutputMux;
import dev.secureexecutor.masking.Masker;
import dev.secureexecutor.sandbox.DriverFailure;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Owns the process's stdout and stderr. In {@code prepare} and {@code run} both reach the job log, and
 * {@code cleanup}'s reach the runner's log unmasked, so every byte goes through a {@link Masker}: the container's
 * output, the driver's own lines, exception text, and anything a library prints ({@code System.out} is pointed at
 * the masked stderr). Only {@code config} writes to the real stdout, through {@link #protocol()}.
 *
 * <p>This is the one class that writes to the process's stdout and stderr. The driver's own log lines (SLF4J, the
 * one logging facade; {@code executor.logging} is its sink) come here too, through {@link #logLine(String)}, and are
 * masked like every other byte.
 */
public final class DriverOutput {
    /** Where log lines go: the output installed for this process (or a test's), else none yet. */
    private static volatile DriverOutput logSink;

    private final OutputStream rawOut;
    private final OutputStream rawErr;
    private final boolean ownsProcessStreams;
    private Masker masker;
    private OutputStream out;
    private OutputStream err;
    private volatile PrintStream errPrinter;
    private final java.util.List<JobOutputMux> jobOutputs = new java.util.ArrayList<>();

    private DriverOutput(OutputStream rawOut, OutputStream rawErr, boolean ownsProcessStreams, Masker masker) {
        this.rawOut = rawOut;
        this.rawErr = rawErr;
        this.ownsProcessStreams = ownsProcessStreams;
        use(masker);
    }

    /** Installs masked streams as {@code System.out}/{@code System.err}; call before anything logs. */
    public static DriverOutput install(Masker initial) {
        DriverOutput output = new DriverOutput(
                new KeepOpen(new FileOutputStream(FileDescriptor.out)),
                new KeepOpen(new FileOutputStream(FileDescriptor.err)),
                true,
                initial);
        logSink = output;
        return output;
    }

    /**
     * The same masking over the given sinks, leaving {@code System.out}/{@code System.err} alone: for running a stage
     * in a test, or a stage whose output goes elsewhere than this process's stdout and stderr.
     */
    public static DriverOutput to(OutputStream stdout, OutputStream stderr, Masker initial) {
        return new DriverOutput(new KeepOpen(stdout), new KeepOpen(stderr), false, initial);
    }

    /** For tests: {@link #to} that also receives the driver's log lines, as {@link #install} does. */
    static DriverOutput installOver(Masker initial, OutputStream rawOut, OutputStream rawErr) {
        DriverOutput output = to(rawOut, rawErr, initial);
        logSink = output;
        return output;
    }

    /**
     * One log line of the driver (from the SLF4J sink), masked with the current job's masker. Before any output is
     * installed it is masked by the list-free rules and written to stderr at once.
     */
    public static void logLine(String line) {
        DriverOutput sink = logSink;
        if (sink != null) {
            sink.errPrinter.println(line);
            return;
        }
        try (OutputStream masked = Masker.rulesOnly().wrap(new KeepOpen(new FileOutputStream(FileDescriptor.err)))) {
            masked.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // stderr is gone; nothing is left to tell
        }
    }

    /** Switches to a masker that knows the job's secrets, releasing what the previous one held. */
    public synchronized void use(Masker next) {
        if (out != null) {
            finish();
        }
        masker = next;
        out = next.wrap(rawOut);
        err = next.wrap(rawErr);
        errPrinter = new PrintStream(err, true, StandardCharsets.UTF_8);
        if (ownsProcessStreams) {
            System.setErr(errPrinter);
            System.setOut(errPrinter);
        }
    }

    public Masker masker() {
        return masker;
    }

    /**
     * The job container's stdout and stderr frames as one masked stream on the process's stdout, in the order they
     * arrive, {@code ::add-mask::} lines consumed (see {@link JobOutputMux}); the caller finishes it. Output written
     * to it before {@link #finish()} is released by {@code finish()} too.
     */
    public synchronized JobOutputMux jobOutput() {
        JobOutputMux mux = masker.jobOutput(rawOut);
        jobOutputs.add(mux);
        return mux;
    }

    /** The job's stdout (masked). */
    public synchronized OutputStream stdout() {
        return out;
    }

    /** The job's stderr (masked). */
    public synchronized OutputStream stderr() {
        return err;
    }

    /** The unmasked stdout, for {@code config}'s JSON document only. */
    public OutputStream protocol() {
        return rawOut;
    }

    /** One line for the reader of the job log. */
    public void info(String message) {
        errPrinter.println("secure-executor: " + message);
    }

    public void warn(String message) {
        errPrinter.println("secure-executor: WARNING: " + message);
    }

    /** What went wrong and why (one line per problem), then how to fix it; no stack trace. */
    public void error(DriverFailure failure) {
        failure.problem().lines().forEach(line -> errPrinter.println("secure-executor: ERROR: " + line));
        errPrinter.println("secure-executor:   fix: " + failure.remedy());
    }

    /** An unexpected failure: one masked line naming it; the stack trace only with SECURE_EXECUTOR_DEBUG=1. */
    public void internalError(Throwable t, boolean debug) {
        errPrinter.println("secure-executor: ERROR: internal error: " + masker.describe(t));
        errPrinter.println("secure-executor:   fix: retry the job; if it persists, report this line"
                + " (run with SECURE_EXECUTOR_DEBUG=1 for details)");
        if (debug) {
            t.printStackTrace(errPrinter);
        }
    }

    /** Releases held bytes and flushes; the streams stay usable for the shutdown path. */
    public synchronized void finish() {
        try {
            for (JobOutputMux mux : jobOutputs) {
                mux.finish();
            }
            errPrinter.flush();
            out.close();
            err.close();
        } catch (IOException e) {
            // the runner closed our pipes; nothing is left to tell it
        }
    }

    /** Lets the masking streams close without closing the process's file descriptors. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
