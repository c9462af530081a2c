package dev.secureexecutor.sandbox.pool;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.Labels;
import dev.secureexecutor.sandbox.checks.DaemonFacts;
import dev.secureexecutor.sandbox.checks.Finding;
import dev.secureexecutor.sandbox.checks.HostChecks;
import dev.secureexecutor.sandbox.docker.ReadDaemonFactsStep;
import dev.secureexecutor.sandbox.policy.EngineSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Asks one engine whether it may take jobs: it answers over its (mutual TLS) connection, passes the same daemon
 * checks a local engine must pass (seccomp, not rootless, the policy's runtime), and how many jobs it runs now
 * (distinct job labels on its containers, whoever's runner placed them).
 *
 * @param problem empty when the engine is healthy; else why it is skipped (no key material, only names)
 * @param jobs the jobs on it, as {@link EngineChoiceStore#fileName} keys
 * @param facts what the daemon said about itself; {@code null} when it did not answer
 */
public record EngineProbe(EngineSpec engine, String problem, Set<String> jobs, DaemonFacts facts) {

    public boolean healthy() {
        return problem.isEmpty();
    }

    /** Never throws: a failure is the probe's {@code problem}. */
    public static EngineProbe of(EngineSpec engine, String runtime) {
        try (DockerClient docker = EngineConnector.open(engine)) {
            DaemonFacts facts = facts(docker);
            List<String> refused = HostChecks.judge(HostChecks.gating(runtime), facts).stream()
                    .filter(Finding::failed)
                    .map(Finding::reason)
                    .toList();
            Set<String> jobs = jobsOn(docker);
            return new EngineProbe(
                    engine, refused.isEmpty() ? "" : "refused: " + String.join("; ", refused), jobs, facts);
        } catch (DriverFailure e) {
            return new EngineProbe(engine, e.problem(), Set.of(), null);
        } catch (Exception e) {
            return new EngineProbe(engine, "did not answer (" + chain(e) + ")", Set.of(), null);
        }
    }

    /** What the engine says about itself; a failure to answer keeps its cause (e.g. the TLS handshake's). */
    private static DaemonFacts facts(DockerClient docker) throws DriverFailure {
        try {
            return new ReadDaemonFactsStep(docker).call();
        } catch (DriverFailure e) {
            if (e.getCause() instanceof RuntimeException unanswered) {
                throw unanswered; // reported as "did not answer (<exception classes>)"
            }
            throw e;
        }
    }

    /** The jobs with containers on an engine, as {@link EngineChoiceStore#fileName} keys. */
    public static Set<String> jobsOn(DockerClient docker) {
        Set<String> jobs = new HashSet<>();
        List<Container> containers = docker.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(Labels.MANAGED, "true"))
                .exec();
        for (Container c : containers) {
            Map<String, String> labels = c.getLabels() == null ? Map.of() : c.getLabels();
            String id = labels.get(Labels.JOB_ID);
            if (id != null) {
                jobs.add(labels.getOrDefault(Labels.GITLAB_HOST, "").replaceAll("[^A-Za-z0-9.-]", "_") + "_" + id
                        + ".engine");
            }
        }
        return jobs;
    }

    /** Exception class names down the cause chain, bare RuntimeException wrappers left out (e.g. SSLHandshakeException). */
    static String chain(Throwable e) {
        List<String> names = new java.util.ArrayList<>();
        for (Throwable c = e; c != null && names.size() < 4; c = c.getCause()) {
            if (c.getClass() != RuntimeException.class || c.getCause() == null) {
                names.add(c.getClass().getSimpleName());
            }
        }
        return String.join(" < ", names);
    }
}
