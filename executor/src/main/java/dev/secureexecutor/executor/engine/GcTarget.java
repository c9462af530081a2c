package dev.secureexecutor.executor.engine;

import com.github.dockerjava.api.DockerClient;
import dev.secureexecutor.executor.env.RunnerEnv;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.docker.DockerConnection;
import dev.secureexecutor.sandbox.engine.EngineChoiceStore;
import dev.secureexecutor.sandbox.engine.EngineConnector;
import dev.secureexecutor.sandbox.engine.EngineProbe;
import dev.secureexecutor.sandbox.policy.EngineSpec;
import dev.secureexecutor.sandbox.policy.Policy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One engine {@code gc} sweeps: the runner environment's engine without a pool, else every engine of the pool (and
 * the stale placement records of each).
 */
public final class GcTarget {
    private final String name;
    private final EngineSpec engine;
    private final RunnerEnv env;

    private GcTarget(String name, EngineSpec engine, RunnerEnv env) {
        this.name = name;
        this.engine = engine;
        this.env = env;
    }

    public static List<GcTarget> of(Policy policy, RunnerEnv env) {
        List<GcTarget> targets = new ArrayList<>();
        if (policy.engines().isEmpty()) {
            targets.add(new GcTarget(env.dockerEndpoint().host(), null, env));
        }
        for (EngineSpec e : policy.engines()) {
            targets.add(new GcTarget("engine " + e.describe(), e, env));
        }
        return targets;
    }

    public String name() {
        return name;
    }

    public DockerClient open() throws DriverFailure {
        return engine == null ? DockerConnection.open(env.dockerEndpoint()) : EngineConnector.open(engine);
    }

    /** Forgets this engine's records whose job has nothing left on it, after the policy's orphan grace. */
    public int sweepRecords(DockerClient docker, Policy policy) throws DriverFailure {
        if (engine == null) {
            return 0;
        }
        EngineChoiceStore store = JobEngineRouter.store(policy);
        return store.sweepStale(engine.name(), EngineProbe.jobsOn(docker),
                Duration.ofSeconds(policy.credentials().orphanGraceSeconds()));
    }
}
