package dev.secureexecutor.executor.io;

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
 */
public final class DriverOutput {
    private final OutputStream rawOut;
    private final OutputStream rawErr;
    private final boolean ownsProcessStreams;
    private Masker masker;
    private OutputStream out;
    private OutputStream err;
    private PrintStream errPrinter;

    private DriverOutput(OutputStream rawOut, OutputStream rawErr, boolean ownsProcessStreams, Masker masker) {
        this.rawOut = rawOut;
        this.rawErr = rawErr;
        this.ownsProcessStreams = ownsProcessStreams;
        use(masker);
    }

    /** Installs masked streams as {@code System.out}/{@code System.err}; call before anything logs. */
    public static DriverOutput install(Masker initial) {
        return new DriverOutput(new KeepOpen(new FileOutputStream(FileDescriptor.out)),
                new KeepOpen(new FileOutputStream(FileDescriptor.err)), true, initial);
    }

    /**
     * The same masking over the given sinks, leaving {@code System.out}/{@code System.err} alone: for running a stage
     * in a test, or a stage whose output goes elsewhere than this process's stdout and stderr.
     */
    public static DriverOutput to(OutputStream stdout, OutputStream stderr, Masker initial) {
        return new DriverOutput(new KeepOpen(stdout), new KeepOpen(stderr), false, initial);
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
