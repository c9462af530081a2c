package dev.secureexecutor.executor.engine;

import com.github.dockerjava.api.DockerClient;
import dev.secureexecutor.executor.env.RunnerEnv;
import dev.secureexecutor.executor.io.DriverOutput;
import dev.secureexecutor.executor.job.JobContext;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.docker.DockerConnection;
import dev.secureexecutor.sandbox.policy.EngineSpec;
import dev.secureexecutor.sandbox.policy.Policy;
import dev.secureexecutor.sandbox.pool.EngineChoiceStore;
import dev.secureexecutor.sandbox.pool.EngineConnector;
import dev.secureexecutor.sandbox.pool.EnginePool;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Which Docker engine a job stage talks to. Without {@code [[engines]]} in the policy: the runner environment's
 * ({@code DOCKER_HOST} or the local socket), as before. With a pool: {@code prepare} places the job
 * ({@link EnginePool}) and records the choice; {@code run} and {@code cleanup} go to the recorded engine, never
 * elsewhere; a successful {@code cleanup} forgets the record. The one hook where a stage's client is made.
 */
public final class JobEngineRouter {
    private JobEngineRouter() {}

    public static DockerClient open(String verb, JobContext job, RunnerEnv env, DriverOutput out) throws DriverFailure {
        List<EngineSpec> engines = job.policy().engines();
        if (engines.isEmpty()) {
            return DockerConnection.open(env.dockerEndpoint());
        }
        EngineChoiceStore store = store(job.policy());
        if (verb.equals("prepare")) {
            EnginePool.Placement placed = new EnginePool(engines, store)
                    .place(job.identity(), job.policy().job().runtime());
            placed.warnings().forEach(out::warn);
            EngineSpec e = placed.choice().engine();
            out.info("job " + job.identity().jobId() + " placed on engine " + e.describe() + ": "
                    + placed.choice().load() + " other job(s) of capacity " + e.capacity()
                    + (e.labels().isEmpty() ? "" : ", labels " + String.join(",", e.labels())));
            return EngineConnector.open(e);
        }
        Optional<String> recorded = store.engineOf(job.identity());
        if (recorded.isPresent()) {
            return EngineConnector.open(byName(engines, recorded.get()));
        }
        if (verb.equals("run")) {
            throw DriverFailure.system(
                    "no engine is recorded for job " + job.identity().jobId() + " (prepare did"
                            + " not place it, or its record in " + dirOf(job.policy()) + " was removed)",
                    "retry the job; do not delete engine records of running jobs");
        }
        // cleanup with no record: prepare records before it creates anything, so nothing was created anywhere
        return firstAnswering(engines);
    }

    /** After a successful cleanup: the job no longer holds a place on its engine. */
    public static void forget(JobContext job) throws DriverFailure {
        if (!job.policy().engines().isEmpty()) {
            store(job.policy()).forget(job.identity());
        }
    }

    /** The records live next to the audit key ({@code credentials.audit_key_file}): the driver's private state. */
    public static EngineChoiceStore store(Policy policy) {
        return new EngineChoiceStore(dirOf(policy));
    }

    static Path dirOf(Policy policy) {
        return Path.of(policy.credentials().auditKeyFile())
                .toAbsolutePath()
                .getParent()
                .resolve("engines");
    }

    private static EngineSpec byName(List<EngineSpec> engines, String name) throws DriverFailure {
        return engines.stream()
                .filter(e -> e.name().equals(name))
                .findFirst()
                .orElseThrow(() -> DriverFailure.system(
                        "the job was placed on engine '" + name + "', which the policy no longer lists",
                        "put the engine back in [[engines]] until its jobs have ended, then remove it"));
    }

    private static DockerClient firstAnswering(List<EngineSpec> engines) throws DriverFailure {
        DriverFailure last = null;
        for (EngineSpec e : engines) {
            try {
                DockerClient docker = EngineConnector.open(e);
                docker.pingCmd().exec();
                return docker;
            } catch (DriverFailure f) {
                last = f;
            } catch (RuntimeException r) {
                last = DriverFailure.system("engine " + e.describe() + " did not answer", "start it");
            }
        }
        throw last;
    }
}
