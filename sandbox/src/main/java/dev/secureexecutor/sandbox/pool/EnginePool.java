package dev.secureexecutor.sandbox.pool;

import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.DriverFailure.Kind;
import dev.secureexecutor.sandbox.DriverFailure.Refusal;
import dev.secureexecutor.sandbox.JobIdentity;
import dev.secureexecutor.sandbox.policy.EngineSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Places a job on one engine of the policy's pool: every engine is probed at once ({@link EngineProbe}); a sick or
 * refused engine is skipped with a warning; among the healthy ones with room, the least loaded (jobs / capacity,
 * ties in policy order) is chosen, counting both the jobs seen on it and the choices other {@code prepare}s have
 * recorded but not created yet (under the store's lock). A job retried by the runner goes back to the engine it was
 * recorded on while that one is healthy. No engine passing the checks = the job is refused; there is no fallback.
 */
public final class EnginePool {
    private static final long PROBE_SECONDS = 15;

    /** The choice, and one warning per engine skipped. */
    public record Placement(EngineChoice choice, List<String> warnings) {}

    private final List<EngineSpec> engines;
    private final EngineChoiceStore store;

    public EnginePool(List<EngineSpec> engines, EngineChoiceStore store) {
        this.engines = List.copyOf(engines);
        this.store = store;
    }

    public Placement place(JobIdentity job, String runtime) throws DriverFailure {
        List<EngineProbe> probes = probeAll(engines, runtime);
        List<String> warnings = new ArrayList<>();
        for (EngineProbe p : probes) {
            if (!p.healthy()) {
                warnings.add("engine " + p.engine().describe() + " skipped: " + p.problem());
            }
        }
        if (probes.stream().noneMatch(EngineProbe::healthy)) {
            throw DriverFailure.refusal(
                    Kind.SYSTEM,
                    Refusal.HOST_SETUP,
                    "no engine of the pool may take this job:\n" + String.join("\n", warnings),
                    "fix or restart the engines named above (secure-executor audit"
                            + " checks each); a job never falls back to a weaker engine");
        }
        String self = EngineChoiceStore.fileName(job);
        return store.locked(() -> {
            List<EngineChoiceStore.Entry> records = store.entries();
            Optional<String> previous = store.engineOf(job);
            EngineChoice best = null;
            double bestRatio = Double.MAX_VALUE;
            for (EngineProbe p : probes) {
                if (!p.healthy()) {
                    continue;
                }
                Set<String> jobs = new HashSet<>(p.jobs());
                records.stream()
                        .filter(r -> r.engine().equals(p.engine().name()))
                        .forEach(r -> jobs.add(r.file()));
                jobs.remove(self);
                if (previous.isPresent() && previous.get().equals(p.engine().name())) {
                    best = new EngineChoice(p.engine(), jobs.size());
                    break;
                }
                double ratio = (double) jobs.size() / p.engine().capacity();
                if (jobs.size() < p.engine().capacity() && ratio < bestRatio) {
                    best = new EngineChoice(p.engine(), jobs.size());
                    bestRatio = ratio;
                }
            }
            if (best == null) {
                int total = engines.stream().mapToInt(EngineSpec::capacity).sum();
                throw DriverFailure.system(
                        "every healthy engine of the pool is at capacity",
                        "set the runner's"
                                + " `limit` (config.toml) to at most the pool's total capacity (" + total + "), or add"
                                + " engines");
            }
            store.record(job, best.engine().name());
            return new Placement(best, warnings);
        });
    }

    /** Probes every engine in parallel, each bounded in time (a hung engine is reported, not waited for). */
    public static List<EngineProbe> probeAll(List<EngineSpec> engines, String runtime) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, engines.size()), r -> {
            Thread t = new Thread(r, "engine-probe");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<EngineProbe>> futures = new ArrayList<>();
            for (EngineSpec e : engines) {
                futures.add(pool.submit(() -> EngineProbe.of(e, runtime)));
            }
            List<EngineProbe> probes = new ArrayList<>();
            for (int i = 0; i < engines.size(); i++) {
                try {
                    probes.add(futures.get(i).get(PROBE_SECONDS, TimeUnit.SECONDS));
                } catch (Exception e) {
                    futures.get(i).cancel(true);
                    probes.add(new EngineProbe(
                            engines.get(i), "did not answer within " + PROBE_SECONDS + " s", Set.of(), null));
                }
            }
            return probes;
        } finally {
            pool.shutdownNow();
        }
    }
}
