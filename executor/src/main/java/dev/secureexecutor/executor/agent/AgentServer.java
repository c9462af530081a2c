package dev.secureexecutor.executor.agent;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;

/** Reads request lines from the job's FIFO; each call runs on its own thread (a stop must reach a running stage). */
final class AgentServer {
    private final AgentJob agent;
    private final AgentDir dir;
    private final Runnable onEnd;

    AgentServer(AgentJob agent, AgentDir dir, Runnable onEnd) {
        this.agent = agent;
        this.dir = dir;
        this.onEnd = onEnd;
    }

    void start() {
        Thread server = new Thread(this::serve, "agent-requests");
        server.setDaemon(true);
        server.start();
    }

    private void serve() {
        // read-write, so opening never waits for a writer and the FIFO never reads end of file
        try (RandomAccessFile fifo = new RandomAccessFile(dir.request().toFile(), "rw");
                BufferedReader lines = new BufferedReader(
                        new InputStreamReader(new FileInputStream(fifo.getFD()), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                AgentRequest.parse(line).ifPresent(this::dispatch);
            }
        } catch (IOException e) {
            onEnd.run();
        }
    }

    private void dispatch(AgentRequest request) {
        if (request.verb().equals("stop")) {
            agent.stop(request.launcherPid());
            return;
        }
        Thread call = new Thread(new AgentCall(agent, request, onEnd), "agent-" + request.verb());
        call.setDaemon(true);
        call.start();
    }
}
