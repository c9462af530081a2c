package dev.secureexecutor.executor.sim;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The runner-side knobs: the driver launcher ({@code config_exec}/{@code prepare_exec}/{@code run_exec}/
 * {@code cleanup_exec} are all {@code <launcher> <verb>}), and the runner's timing constants, which tests shorten.
 *
 * @param prepareRetryWait   wait between Prepare attempts (runner: 3 s)
 * @param prepareAttempts    Prepare attempts in all (runner: 3)
 * @param gracefulKill       SIGTERM→SIGKILL wait (runner default 10 min)
 * @param forceKill          SIGKILL→give-up wait (runner: 10 s)
 * @param execTimeout        config/prepare/cleanup timeout (runner default 3600 s)
 * @param abortWait          after an abort, how long the runner waits for the killed run_exec before cleanup (5 min)
 * @param ownEnvironment     the runner's own environment, passed unprefixed to every call
 * @param runnerHostname     printed by prepare_script when config gives no hostname
 */
public record SimulatorSettings(
        Path launcher,
        Duration prepareRetryWait,
        int prepareAttempts,
        Duration gracefulKill,
        Duration forceKill,
        Duration execTimeout,
        Duration abortWait,
        Map<String, String> ownEnvironment,
        String runnerHostname) {

    public SimulatorSettings {
        Objects.requireNonNull(launcher, "launcher");
        ownEnvironment = Map.copyOf(ownEnvironment);
        if (prepareAttempts < 1) {
            throw new IllegalArgumentException("prepareAttempts must be at least 1");
        }
    }

    /** The runner's real defaults, with the launcher found by {@link LauncherLocator}. */
    public static SimulatorSettings runnerDefaults() {
        return runnerDefaults(LauncherLocator.launcher());
    }

    public static SimulatorSettings runnerDefaults(Path launcher) {
        return new SimulatorSettings(
                launcher,
                Duration.ofSeconds(3),
                3,
                Duration.ofMinutes(10),
                Duration.ofSeconds(10),
                Duration.ofSeconds(3600),
                Duration.ofMinutes(5),
                System.getenv(),
                "sim-runner");
    }

    /** Defaults shortened for tests: 1 s between attempts, 5 s graceful kill, 10 s force kill, 5 min execs. */
    public static SimulatorSettings forTests() {
        return runnerDefaults()
                .withPrepareRetryWait(Duration.ofSeconds(1))
                .withKillTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10))
                .withExecTimeout(Duration.ofMinutes(5))
                .withAbortWait(Duration.ofSeconds(30));
    }

    public SimulatorSettings withPrepareRetryWait(Duration wait) {
        return new SimulatorSettings(
                launcher,
                wait,
                prepareAttempts,
                gracefulKill,
                forceKill,
                execTimeout,
                abortWait,
                ownEnvironment,
                runnerHostname);
    }

    public SimulatorSettings withKillTimeouts(Duration graceful, Duration force) {
        return new SimulatorSettings(
                launcher,
                prepareRetryWait,
                prepareAttempts,
                graceful,
                force,
                execTimeout,
                abortWait,
                ownEnvironment,
                runnerHostname);
    }

    public SimulatorSettings withExecTimeout(Duration timeout) {
        return new SimulatorSettings(
                launcher,
                prepareRetryWait,
                prepareAttempts,
                gracefulKill,
                forceKill,
                timeout,
                abortWait,
                ownEnvironment,
                runnerHostname);
    }

    public SimulatorSettings withAbortWait(Duration wait) {
        return new SimulatorSettings(
                launcher,
                prepareRetryWait,
                prepareAttempts,
                gracefulKill,
                forceKill,
                execTimeout,
                wait,
                ownEnvironment,
                runnerHostname);
    }

    public SimulatorSettings withOwnEnvironment(Map<String, String> env) {
        return new SimulatorSettings(
                launcher,
                prepareRetryWait,
                prepareAttempts,
                gracefulKill,
                forceKill,
                execTimeout,
                abortWait,
                env,
                runnerHostname);
    }

    @Override
    public String toString() {
        return "SimulatorSettings[" + launcher + ", retryWait=" + prepareRetryWait + ", graceful=" + gracefulKill
                + ", force=" + forceKill + "]";
    }
}
