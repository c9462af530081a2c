package dev.secureexecutor.executor.engine;

import com.github.dockerjava.api.DockerClient;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.docker.DockerJobEngine;
import dev.secureexecutor.sandbox.engine.EngineFactory;
import dev.secureexecutor.sandbox.engine.JobEngine;
import dev.secureexecutor.sandbox.policy.EngineSpec;
import dev.secureexecutor.sandbox.policy.Policy;
import dev.secureexecutor.sandbox.pool.EngineConnector;
import dev.secureexecutor.sandbox.pool.EngineProbe;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One engine {@code gc} sweeps: the runner environment's engine without a pool, else every engine of the pool (and
 * the stale placement records of each).
 */
public final class GcTarget {
    private final String name;
    private final EngineFactory factory;
    private final EngineSpec engine;

    private GcTarget(String name, EngineFactory factory, EngineSpec engine) {
        this.name = name;
        this.factory = factory;
        this.engine = engine;
    }

    /** @param local the runner environment's engine, used when the policy has no pool */
    public static List<GcTarget> of(Policy policy, EngineFactory local) {
        List<GcTarget> targets = new ArrayList<>();
        if (policy.engines().isEmpty()) {
            targets.add(new GcTarget("this host's Docker engine", local, null));
        }
        for (EngineSpec e : policy.engines()) {
            targets.add(new GcTarget("engine " + e.describe(), () -> new DockerJobEngine(EngineConnector.open(e)), e));
        }
        return targets;
    }

    public String name() {
        return name;
    }

    public JobEngine open() throws DriverFailure {
        return factory.open();
    }

    /** Forgets this engine's records whose job has nothing left on it, after the policy's orphan grace. */
    public int sweepRecords(Policy policy) throws DriverFailure {
        if (engine == null) {
            return 0;
        }
        try (DockerClient docker = EngineConnector.open(engine)) {
            return JobEngineRouter.store(policy)
                    .sweepStale(
                            engine.name(),
                            EngineProbe.jobsOn(docker),
                            Duration.ofSeconds(policy.credentials().orphanGraceSeconds()));
        } catch (IOException e) {
            throw DriverFailure.system("could not close the connection to " + name, "none needed");
        }
    }
}
