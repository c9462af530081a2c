package dev.secureexecutor.executor.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.secureexecutor.executor.DriverVersion;
import dev.secureexecutor.executor.Outcome;
import dev.secureexecutor.executor.env.RunnerEnv;
import dev.secureexecutor.executor.io.DriverOutput;
import dev.secureexecutor.executor.job.HostName;
import dev.secureexecutor.executor.job.PolicySource;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.checks.SetupChecks;
import dev.secureexecutor.sandbox.policy.Policy;
import java.io.IOException;
import java.io.OutputStream;

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

    public Outcome call() throws DriverFailure, IOException {
        Policy policy = PolicySource.load(env);
        env.dockerEndpoint().requireSafe();
        new SetupChecks(policy).refuseRunnerConfig();
        // jackson-core's streaming generator: the whole databind machinery is not worth loading for six keys
        try (JsonGenerator json =
                new JsonFactory().createGenerator(stdout).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            json.writeStartObject();
            json.writeStringField("builds_dir", policy.job().buildsDir());
            json.writeStringField("cache_dir", policy.job().cacheDir());
            json.writeBooleanField("builds_dir_is_shared", false);
            json.writeStringField("hostname", HostName.get(env));
            json.writeObjectFieldStart("driver");
            json.writeStringField("name", DriverVersion.NAME);
            json.writeStringField("version", DriverVersion.get());
            json.writeEndObject();
            json.writeStringField("shell", "bash");
            json.writeEndObject();
        }
        stdout.write('\n');
        stdout.flush();
        return Outcome.SUCCESS;
    }
}
