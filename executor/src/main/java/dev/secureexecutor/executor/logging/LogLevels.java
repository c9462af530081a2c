package dev.secureexecutor.executor.logging;

import org.slf4j.event.Level;

/**
 * Which log lines the driver writes: WARN and above by default, DEBUG too with {@code SECURE_EXECUTOR_DEBUG=1};
 * docker-java's own loggers ({@code com.github.dockerjava}) at WARN whatever the mode, so its request traces never
 * reach a job log. Read on every call, so configuring after the first logger was made still applies.
 */
public final class LogLevels {
    static final String DOCKER_JAVA = "com.github.dockerjava";

    private static volatile boolean debug;

    private LogLevels() {}

    /** Called once by {@code Main} from the runner's environment. */
    public static void configure(boolean debugEnabled) {
        debug = debugEnabled;
    }

    static boolean enabled(String logger, Level level) {
        Level threshold = logger.startsWith(DOCKER_JAVA) ? Level.WARN : debug ? Level.DEBUG : Level.WARN;
        return level.toInt() >= threshold.toInt();
    }
}
