package dev.secureexecutor.executor.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The runner's environment of {@code prepare}, read by the agent from {@code /proc/<launcher>/environ} (the
 * launcher is its parent, of the same user, and waits for it), as {@code prepare} reads the runner's
 * {@code JOB_RESPONSE_FILE} itself. It holds the job's {@code CUSTOM_ENV_*} values, secrets among them, which the
 * masker needs: so the agent is started with an empty environment ({@code exec -c}) and no argument but pids.
 */
final class LauncherEnvironment {
    private LauncherEnvironment() {}

    static Map<String, String> of(long launcherPid) throws IOException {
        return parse(Files.readAllBytes(Path.of("/proc", Long.toString(launcherPid), "environ")));
    }

    /** NUL-separated {@code NAME=value} entries; an entry without {@code =} is skipped. */
    static Map<String, String> parse(byte[] environ) {
        Map<String, String> env = new LinkedHashMap<>();
        int start = 0;
        for (int i = 0; i <= environ.length; i++) {
            if (i == environ.length || environ[i] == 0) {
                String entry = new String(environ, start, i - start, StandardCharsets.UTF_8);
                int eq = entry.indexOf('=');
                if (eq > 0) {
                    env.put(entry.substring(0, eq), entry.substring(eq + 1));
                }
                start = i + 1;
            }
        }
        java.util.Arrays.fill(environ, (byte) 0);
        return env;
    }
}
