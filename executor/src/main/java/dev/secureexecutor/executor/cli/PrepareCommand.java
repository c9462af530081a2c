package dev.secureexecutor.executor.cli;

import dev.secureexecutor.executor.Outcome;
import dev.secureexecutor.executor.audit.JobAudit;
import dev.secureexecutor.executor.audit.RefusalAudit;
import dev.secureexecutor.executor.credentials.CredentialChecks;
import dev.secureexecutor.executor.credentials.OrphanReaper;
import dev.secureexecutor.executor.credentials.SecretFiles;
import dev.secureexecutor.executor.io.DriverOutput;
import dev.secureexecutor.executor.job.JobContext;
import dev.secureexecutor.executor.job.JobPayload;
import dev.secureexecutor.executor.network.JobEgress;
import dev.secureexecutor.executor.registry.RegistryAccess;
import dev.secureexecutor.masking.Secret;
import dev.secureexecutor.sandbox.ContainerProfile;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.Labels;
import dev.secureexecutor.sandbox.checks.PullPolicies;
import dev.secureexecutor.sandbox.checks.SetupChecks;
import dev.secureexecutor.sandbox.engine.ContainerSpec;
import dev.secureexecutor.sandbox.engine.ImageRef;
import dev.secureexecutor.sandbox.engine.JobEngine;
import dev.secureexecutor.sandbox.engine.JobEntrypoint;
import dev.secureexecutor.sandbox.engine.PullRequest;
import dev.secureexecutor.sandbox.engine.Removal;
import dev.secureexecutor.sandbox.network.FirewallState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code prepare_exec}: creates and starts the job's one container (and its own network). First it refuses unsafe
 * host set-ups and images outside the policy, reaps expired containers of this host (their runner or driver died),
 * then checks the job's credentials (project allowlist, id_tokens) and records the start in the audit log; each
 * refusal on the way is recorded there too ({@link RefusalAudit}). A leftover of the same job from an earlier
 * attempt (the runner retries prepare) is removed first, so a job never reuses a container. With secret files on,
 * the job's credentials are streamed into the container's secrets tmpfs.
 */
public final class PrepareCommand {
    private final JobContext job;
    private final JobEngine engine;
    private final DriverOutput out;
    private final Path firewallState;

    public PrepareCommand(JobContext job, JobEngine engine, DriverOutput out) {
        this(job, engine, out, FirewallState.DEFAULT_PATH);
    }

    /** @param firewallState the egress rules' state file ({@link JobEgress}); tests name their own */
    public PrepareCommand(JobContext job, JobEngine engine, DriverOutput out, Path firewallState) {
        this.job = job;
        this.engine = engine;
        this.out = out;
        this.firewallState = firewallState;
    }

    public Outcome call() throws DriverFailure {
        JobAudit audit = new JobAudit(job.policy().credentials());
        CredentialChecks checks = new CredentialChecks(job.policy().credentials(), out, Instant.now());
        String image = job.image();
        long started;
        List<String> decisions;
        ImageRef ref;
        JobEgress egress;
        try {
            // before anything is created
            new SetupChecks(job.policy()).refuseBeforePrepare(engine.daemonFacts(), image);
            egress = JobEgress.check(job, firewallState);
            started = System.nanoTime();
            new OrphanReaper(engine, job.policy().credentials(), job.identity().hostName()).reap("prepare");
            decisions = new ArrayList<>(checks.run(job.payload()));
            removeLeftovers();
            List<String> pulls =
                    PullPolicies.effective(declared().pullPolicy(), job.policy().image());
            RegistryAccess access =
                    RegistryAccess.of(job.payload(), image, job.policy().image());
            decisions.add(access.decision());
            ref = engine.ensureImage(image, new PullRequest(pulls, access.auth(), access.verify(), out::info));
        } catch (DriverFailure failure) {
            throw RefusalAudit.of(job, out).record(failure, checks.decisionsSoFar());
        }
        Map<String, String> labels = labels();
        boolean isolated = egress.isolated();
        String network = isolated ? job.identity().networkName() : "none";
        ContainerProfile profile = new ContainerProfile(job.policy());
        boolean secretFiles = job.policy().credentials().secretFiles();
        if (secretFiles) {
            decisions.add("secret files on tmpfs " + ContainerProfile.SECRETS_DIR + " (0400): "
                    + String.join(", ", SecretFiles.names(job.payload())));
        }
        String auditNetwork =
                egress.describe(network, "a /24 of " + egress.pool().cidr());
        audit.started(
                job.identity(),
                job.payload(),
                new JobAudit.Start(
                        image,
                        ref.id(),
                        ref.repoDigests(),
                        profile.summary(image, auditNetwork),
                        decisions,
                        Long.parseLong(labels.get(Labels.DEADLINE)),
                        (System.nanoTime() - started) / 1_000_000));
        String subnet = "";
        if (isolated) {
            subnet = engine.createJobNetwork(job.identity(), labels, egress.pool());
        }
        Map<String, String> containerLabels = new LinkedHashMap<>(labels);
        containerLabels.put(
                JobEntrypoint.LABEL,
                JobEntrypoint.label(JobEntrypoint.decide(declared().entrypoint(), ref.entrypoint())));
        // by the ID the name resolved to and was vetted as: a tag moved meanwhile cannot swap the image
        String resolved = ref.id() != null ? ref.id() : ref.reference();
        engine.startContainer(ContainerSpec.jobContainer(job.identity(), profile, resolved, network, containerLabels));
        if (secretFiles) {
            List<Secret> files = SecretFiles.collect(job.payload());
            try {
                engine.writeSecretFiles(
                        job.identity().containerName(), job.policy().job().user(), ContainerProfile.SECRETS_DIR, files);
            } finally {
                files.forEach(Secret::wipe);
            }
        }
        out.info("job " + job.identity().jobId() + " runs in its own container "
                + job.identity().containerName() + " ("
                + profile.summary(image + " " + shortId(ref.id()), egress.describe(network, subnet)) + ")");
        return Outcome.SUCCESS;
    }

    /** The job's {@code image:} as the trusted payload declares it (empty when it declares none). */
    private JobPayload.Image declared() {
        return job.payload().image() == null
                ? new JobPayload.Image(null)
                : job.payload().image();
    }

    private void removeLeftovers() throws DriverFailure {
        Removal leftover = engine.removeJob(job.identity());
        if (leftover.containers() + leftover.networks() > 0) {
            out.info("removed " + leftover.containers() + " container(s) and " + leftover.networks()
                    + " network(s) left by an earlier attempt of this job");
        }
    }

    private Map<String, String> labels() {
        long now = Instant.now().getEpochSecond();
        Map<String, String> labels = new LinkedHashMap<>(job.identity().labels());
        labels.put(Labels.CREATED, Long.toString(now));
        labels.put(
                Labels.DEADLINE,
                Long.toString(
                        now + job.timeoutSeconds() + job.policy().credentials().orphanGraceSeconds()));
        return labels;
    }

    private static String shortId(String id) {
        return id == null ? "" : id.length() > 19 ? id.substring(0, 19) : id;
    }
}
