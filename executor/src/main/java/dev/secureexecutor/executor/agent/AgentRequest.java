package dev.secureexecutor.executor.agent;

import java.util.Optional;

/**
 * One line on the agent's request FIFO, written by {@code bin/secure-executor} in one {@code write} (shorter than
 * {@code PIPE_BUF}, so lines of concurrent launchers never interleave). Tab-separated:
 * {@code run|cleanup <launcher pid> <JOB_RESPONSE_FILE> <BUILD_EXIT_CODE_FILE> <script> <stage>}, or
 * {@code stop <launcher pid>} after the launcher got SIGTERM. Paths only: the agent reads the script itself.
 */
public record AgentRequest(
        String verb, long launcherPid, String jobResponseFile, String buildExitCodeFile, String script, String stage) {

    public static Optional<AgentRequest> parse(String line) {
        String[] f = line.split("\t", -1);
        try {
            long pid = Long.parseLong(f[1]);
            if (pid <= 1) {
                return Optional.empty();
            }
            if (f[0].equals("stop") && f.length == 2) {
                return Optional.of(new AgentRequest("stop", pid, "", "", "", ""));
            }
            if ((f[0].equals("run") || f[0].equals("cleanup"))
                    && f.length == 6
                    && !f[2].isEmpty()
                    && (f[0].equals("cleanup") || !f[4].isEmpty())) {
                return Optional.of(new AgentRequest(f[0], pid, f[2], f[3], f[4], f[5]));
            }
        } catch (RuntimeException malformed) {
            // not a request: ignored
        }
        return Optional.empty();
    }
}
