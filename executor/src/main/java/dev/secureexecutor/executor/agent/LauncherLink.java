package dev.secureexecutor.executor.agent;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The agent's link to one launcher call: the launcher's stdout and stderr (the runner's pipes), opened anew through
 * {@code /proc/<launcher>/fd/5} and {@code /6}, copies the launcher made of its fds 1 and 2 (bash moves fd 1 for a
 * moment while a builtin writes the request with {@code >&3}; a copy made with {@code exec} stays put), so the stage's output reaches the runner exactly as a cold driver's
 * would; and its answer pipe, {@code /proc/<launcher>/fd/4}, a pipe the launcher holds and reads lines from. Opening
 * another process's descriptors needs the same user and a dumpable target, which a bash launcher is; the launcher
 * hands over only pipes and devices (a regular file, opened anew, would not share its offset).
 */
final class LauncherLink implements AutoCloseable {
    static final int REPLY_FD = 4;
    static final int OUT_FD = 5;
    static final int ERR_FD = 6;

    private final OutputStream reply;
    private OutputStream out;
    private OutputStream err;
    private final WatchedProcess launcher;

    private LauncherLink(WatchedProcess launcher, OutputStream reply) {
        this.launcher = launcher;
        this.reply = reply;
    }

    static LauncherLink open(WatchedProcess launcher) throws IOException {
        return new LauncherLink(launcher, fd(launcher, REPLY_FD));
    }

    /** One line to the launcher: {@code ok}, {@code no <reason>}, {@code cold <reason>} or {@code exit <code>}. */
    void send(String line) throws IOException {
        reply.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        reply.flush();
    }

    OutputStream out() throws IOException {
        if (out == null) {
            out = fd(launcher, OUT_FD);
        }
        return out;
    }

    OutputStream err() throws IOException {
        if (err == null) {
            err = fd(launcher, ERR_FD);
        }
        return err;
    }

    /** Closes the stage's output (before the final {@code exit} line, so the runner has every byte by then). */
    void closeOutput() {
        for (OutputStream s : new OutputStream[] {out, err}) {
            try {
                if (s != null) {
                    s.close();
                }
            } catch (IOException e) {
                // the runner closed its end
            }
        }
        out = null;
        err = null;
    }

    @Override
    public void close() {
        closeOutput();
        try {
            reply.close();
        } catch (IOException e) {
            // the launcher is gone
        }
    }

    private static OutputStream fd(WatchedProcess launcher, int fd) throws IOException {
        return new FileOutputStream("/proc/" + launcher.pid() + "/fd/" + fd, true);
    }
}
