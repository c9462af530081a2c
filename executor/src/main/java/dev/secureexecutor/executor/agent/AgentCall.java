package dev.secureexecutor.executor.agent;

import dev.secureexecutor.executor.io.DriverOutput;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Serves one launcher call. The launcher's stdout and stderr (pipes from the runner) are opened through
 * {@code /proc/<launcher>/fd/1} and {@code /2}, so the stage's output goes to the runner exactly as a cold driver's
 * would, masked by the job's masker; the answer goes to {@code /proc/<launcher>/fd/4}, a pipe the launcher holds:
 * {@code ok} or {@code no <reason>} at once, then {@code exit <code>} when the stage ends. Opening another
 * process's descriptors needs the same user (and a dumpable target, which a bash launcher is).
 */
final class AgentCall implements Runnable {
    static final int REPLY_FD = 4;

    private final AgentJob agent;
    private final AgentRequest request;
    private final Runnable afterCleanup;

    AgentCall(AgentJob agent, AgentRequest request, Runnable afterCleanup) {
        this.agent = agent;
        this.request = request;
        this.afterCleanup = afterCleanup;
    }

    @Override
    public void run() {
        Optional<WatchedProcess> launcher = WatchedProcess.of(request.launcherPid());
        if (launcher.isEmpty()) {
            return; // gone before we could answer: it falls back to the cold path, or nobody waits
        }
        boolean cleanupDone = false;
        try (OutputStream reply = open(launcher.get(), REPLY_FD)) {
            Optional<String> refusal = agent.refusal(request, launcher.get());
            if (refusal.isPresent()) {
                send(reply, "no " + refusal.get());
                return;
            }
            send(reply, "ok");
            int status;
            try (OutputStream out = open(launcher.get(), 1); OutputStream err = open(launcher.get(), 2)) {
                DriverOutput output = DriverOutput.over(agent.masker(), out, err);
                status = agent.execute(request, launcher.get(), output);
                output.finish();
            }
            cleanupDone = request.verb().equals("cleanup");
            send(reply, "exit " + status);
        } catch (IOException launcherGone) {
            // the launcher died (SIGKILL): the watchdog stops its stage; nobody is left to answer
        } finally {
            if (cleanupDone || request.verb().equals("cleanup")) {
                afterCleanup.run();
            }
        }
    }

    private static OutputStream open(WatchedProcess launcher, int fd) throws IOException {
        return new FileOutputStream("/proc/" + launcher.pid() + "/fd/" + fd, true);
    }

    private static void send(OutputStream reply, String line) throws IOException {
        reply.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        reply.flush();
    }
}
