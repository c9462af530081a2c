package dev.secureexecutor.executor.agent;

import dev.secureexecutor.executor.env.RunnerEnv;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * For {@code gc}: removes the directories of agents that are gone (SIGKILLed, or their host rebooted) from the
 * runtime dir. A directory whose agent still runs is left alone (that agent ends by itself at its job's deadline);
 * one without a pid file is left for a minute, the time an agent takes between creating it and writing the file.
 */
public final class AgentDirReaper {
    private static final Duration STARTING = Duration.ofMinutes(1);

    private AgentDirReaper() {}

    /** How many directories were removed. */
    public static int reap(RunnerEnv env) {
        Path runtime = AgentDir.runtimeDir(env);
        int removed = 0;
        try {
            AgentDir.checkPrivate(runtime);
        } catch (IOException absentOrNotOurs) {
            return 0;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(runtime)) {
            for (Path dir : dirs) {
                if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                AgentDir agent = new AgentDir(runtime, dir.getFileName().toString());
                boolean starting = !Files.exists(agent.pidFile())
                        && Files.getLastModifiedTime(dir)
                                .toInstant()
                                .isAfter(Instant.now().minus(STARTING));
                if (!starting && agent.liveAgent().isEmpty()) {
                    agent.remove();
                    removed++;
                }
            }
        } catch (IOException e) {
            // the runtime dir went away meanwhile: nothing to reap
        }
        return removed;
    }
}
