package dev.secureexecutor.executor.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.secureexecutor.executor.DriverVersion;
import dev.secureexecutor.executor.env.RunnerEnv;
import dev.secureexecutor.executor.io.DriverOutput;
import dev.secureexecutor.executor.job.HostName;
import dev.secureexecutor.executor.job.PolicySource;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.policy.Policy;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code config_exec}: prints exactly one JSON document on stdout and nothing else. Builds live in a per-job tmpfs
 * inside the job's own container, so {@code builds_dir_is_shared} is always false.
 */
public final class ConfigCommand {
    private final RunnerEnv env;
    private final OutputStream stdout;

    /** @param stdout the real stdout ({@link DriverOutput#protocol()}); nothing else is ever written to it */
    public ConfigCommand(RunnerEnv env, OutputStream stdout) {
        this.env = env;
        this.stdout = stdout;
    }

    public int call() throws DriverFailure, IOException {
        Policy policy = PolicySource.load(env);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("builds_dir", policy.job().buildsDir());
        config.put("cache_dir", policy.job().cacheDir());
        config.put("builds_dir_is_shared", false);
        config.put("hostname", HostName.get(env));
        config.put("driver", Map.of("name", DriverVersion.NAME, "version", DriverVersion.get()));
        config.put("shell", "bash");
        stdout.write(new ObjectMapper().writeValueAsBytes(config));
        stdout.write('\n');
        stdout.flush();
        return 0;
    }
}
