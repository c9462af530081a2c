package dev.secureexecutor.executor.agent;

import dev.secureexecutor.executor.io.DriverOutput;
import java.io.IOException;
import java.util.Optional;

/**
 * Serves one {@code run} or {@code cleanup} call of a launcher ({@link LauncherLink}): {@code ok} or
 * {@code no <reason>} at once, the stage's output masked by the job's masker, then {@code exit <code>}.
 */
final class AgentCall implements Runnable {
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
            return; // gone before we could answer: nobody waits
        }
        try (LauncherLink link = LauncherLink.open(launcher.get())) {
            Optional<String> refusal = agent.refusal(request, launcher.get());
            if (refusal.isPresent()) {
                link.send("no " + refusal.get());
                return;
            }
            link.send("ok");
            DriverOutput output = DriverOutput.over(agent.masker(), link.out(), link.err());
            int status = agent.execute(request, launcher.get(), output);
            output.finish();
            link.closeOutput();
            link.send("exit " + status);
        } catch (IOException launcherGone) {
            // the launcher died (SIGKILL): the watchdog stops its stage; nobody is left to answer
        } finally {
            if (request.verb().equals("cleanup") && agent.ending()) {
                afterCleanup.run();
            }
        }
    }
}
