package dev.secureexecutor.executor.job;

import dev.secureexecutor.executor.env.RunnerEnv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This machine's name, without a DNS lookup (which can stall start-up). */
public final class HostName {
    private HostName() {}

    public static String get(RunnerEnv env) {
        try {
            String name = Files.readString(Path.of("/etc/hostname")).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException e) {
            // fall through to the environment
        }
        return env.get("HOSTNAME").orElse("localhost");
    }
}
