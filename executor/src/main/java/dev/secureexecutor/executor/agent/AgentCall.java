package dev.secureexecutor.executor.agent;

import dev.secureexecutor.executor.ExitCodes;
import dev.secureexecutor.executor.io.DriverOutput;
import dev.secureexecutor.masking.Masker;
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
            if (refusal.isEmpty()) {
                try {
                    link.out();
                    link.err();
                } catch (IOException e) {
                    refusal = Optional.of("cannot open the caller's output (" + e.getMessage() + ")");
                }
            }
            if (refusal.isPresent()) {
                link.send("no " + refusal.get()); // the launcher runs the stage cold
                return;
            }
            link.send("ok");
            int status;
            try {
                DriverOutput output = DriverOutput.to(link.out(), link.err(), agent.masker());
                status = agent.execute(request, launcher.get(), output);
                output.finish();
            } catch (RuntimeException | Error unexpected) { // the launcher waits for an answer: it always gets one
                status = ExitCodes.from(agent.job().env()).systemFailure();
                DriverOutput.to(link.err(), link.err(), Masker.rulesOnly())
                        .internalError(unexpected, agent.job().env().debug());
            }
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
