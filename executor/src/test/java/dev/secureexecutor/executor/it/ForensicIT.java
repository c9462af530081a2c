package dev.secureexecutor.executor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.executor.sim.DockerCli;
import dev.secureexecutor.executor.sim.DockerLeftovers;
import dev.secureexecutor.executor.sim.Interruption;
import dev.secureexecutor.executor.sim.JobObserver;
import dev.secureexecutor.executor.sim.JobResult;
import dev.secureexecutor.executor.sim.JobSpec;
import dev.secureexecutor.executor.sim.JobStatus;
import dev.secureexecutor.executor.sim.JobVariable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forensic test. Attack stopped: anyone on the host (another user, a later job, an admin's backup, a disk
 * image) finding a job's credentials after, or while, the job runs. Each job gets a random job token, a random
 * id_token and a random file variable; after each outcome (succeeded, failed, cancelled, aborted with cleanup while
 * run is alive, driver SIGKILLed, runner and driver SIGKILLed then reaped by the next prepare or by gc) the host's
 * files, and while the job runs {@code docker inspect} and {@code ps}, hold none of them in raw or base64 form.
 */
class ForensicIT extends DockerTierTestBase {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int CRASH_TIMEOUT_SECONDS = 20;

    @TempDir
    static Path dir;

    static Path policy;

    @BeforeAll
    static void writePolicy() throws IOException {
        String server = gitlab.url().toString().replaceAll("/$", "");
        policy = PolicyFiles.write(
                dir,
                "secret_files = true\norphan_grace_seconds = 0\n"
                        + "allowed_projects = [\"group/*\"]\nid_token_audiences = [\"" + server + "\"]\n");
    }

    /** What a running job looked like from the host: inspect output and process arguments. */
    private static final class WhileRunning implements JobObserver {
        private final long jobId;
        final AtomicReference<String> seen = new AtomicReference<>("");

        WhileRunning(long jobId) {
            this.jobId = jobId;
        }

        @Override
        public void stageStarted(String stage, long pid) {
            if (!stage.equals("build_script")) {
                return;
            }
            try {
                String container = DockerLeftovers.containers(jobId).get(0).split(" ")[1];
                seen.set(ForensicSearch.inspect(container, container + "-net") + ForensicSearch.processArguments());
            } catch (IOException | RuntimeException e) {
                seen.set("<capture failed: " + e + ">");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String randomSecret() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return "deploy-" + HexFormat.of().formatHex(b);
    }

    private JobSpec.Builder forensicJob(String fileSecret) {
        return newJob().variable(JobVariable.fileVariable("DEPLOY_CONFIG", fileSecret));
    }

    /** Runs the job, checks what was seen while it ran and then the whole host; returns the result. */
    private JobResult runAndSearch(JobSpec job, String fileSecret, JobStatus expected) throws Exception {
        WhileRunning observer = new WhileRunning(job.jobId());
        gitlab.registerJob(job);
        JobResult r;
        try {
            r = PolicyFiles.simulator(policy).run(job, observer);
        } finally {
            gitlab.unregisterJob(job);
        }
        assertEquals(expected, r.status(), describe(r));
        List<String> values = new ArrayList<>(r.maskedValues());
        values.add(fileSecret);
        assertTrue(values.size() >= 3, "token, id_token and file secret: " + values.size());
        List<String> needles = ForensicSearch.needles(values);
        assertFalse(
                observer.seen.get().isEmpty() || observer.seen.get().startsWith("<"),
                "nothing captured while the job ran: " + observer.seen.get());
        assertEquals(
                List.of(),
                ForensicSearch.textHits(observer.seen.get(), needles),
                "docker inspect or ps showed a credential (needle indexes) while job " + job.jobId() + " ran");
        if (r.status() == JobStatus.RUNNER_CRASHED) {
            return r;
        }
        r.tmpDirs().forEach(t -> assertFalse(Files.exists(t), "the runner's <tmp> was not removed: " + t));
        assertHostClean(needles, job);
        assertNoSecretLeaked(r);
        assertNoStackTrace(r.driverLog() + r.runnerLog());
        return r;
    }

    private static void assertHostClean(List<String> needles, JobSpec job) throws Exception {
        assertEquals(
                List.of(),
                ForensicSearch.hostHits(needles),
                "files on the host hold a credential of job " + job.jobId());
    }

    /** The search itself: a value planted in base64 (URL-safe, odd alignment) inside a longer text is found. */
    @Test
    void searchFindsAPlantedEncodedSecretSoZeroHitsMeansSomething() throws Exception {
        String secret = randomSecret();
        String planted = java.util.Base64.getUrlEncoder().encodeToString(("x" + secret + "tail").getBytes());
        Path file = Files.createTempFile(Path.of("/var/tmp"), "forensic-control", ".txt");
        try {
            Files.writeString(file, "prefix " + planted + " suffix");
            assertEquals(List.of(file.toString()), ForensicSearch.hostHits(ForensicSearch.needles(List.of(secret))));
            assertFalse(
                    ForensicSearch.textHits(planted, ForensicSearch.needles(List.of(secret)))
                            .isEmpty(),
                    "the URL-safe form at alignment 1 is not among the needles");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void succeededJobSeesItsSecretFilesOnTmpfsAndLeavesNothing() throws Exception {
        String file = randomSecret();
        JobSpec job = forensicJob(file)
                .script(
                        "test \"$(cat \"$CI_JOB_TOKEN_FILE\")\" = \"$CI_JOB_TOKEN\" && echo TOKEN-FILE-OK",
                        "test \"$(cat \"$GITLAB_OIDC_TOKEN_FILE\")\" = \"$GITLAB_OIDC_TOKEN\" && echo ID-TOKEN-FILE-OK",
                        "test \"$(cat \"$DEPLOY_CONFIG_FILE\")\" = \"$(cat \"$DEPLOY_CONFIG\")\" && echo FILE-VARIABLE-OK",
                        "echo \"MODE $(stat -c '%a %u' \"$CI_JOB_TOKEN_FILE\") DIR $(stat -c '%a %u' /run/secrets)\"",
                        "for d in /builds /run/secrets /home/job /tmp; do echo \"MOUNT $d $(grep -E \"^[^ ]+ $d \" /proc/mounts"
                                + " | cut -d' ' -f3)\"; done",
                        "cat /proc/self/mounts | grep -c ' / overlay ro,' | sed 's/^/ROOT-RO /'")
                .build();
        JobResult r = runAndSearch(job, file, JobStatus.SUCCESS);
        String log = r.driverLog();
        for (String ok : List.of(
                "\nTOKEN-FILE-OK",
                "\nID-TOKEN-FILE-OK",
                "\nFILE-VARIABLE-OK",
                "MODE 400 100000 DIR 700 100000",
                "MOUNT /builds tmpfs",
                "MOUNT /run/secrets tmpfs",
                "MOUNT /home/job tmpfs",
                "MOUNT /tmp tmpfs",
                "ROOT-RO 1")) {
            assertTrue(log.contains(ok), ok + "\n" + describe(r));
        }
    }

    @Test
    void failedJobLeavesNothing() throws Exception {
        String file = randomSecret();
        runAndSearch(
                forensicJob(file)
                        .script("git config --get-regexp url >/dev/null && exit 3")
                        .build(),
                file,
                JobStatus.FAILED);
    }

    @Test
    void cancelledJobLeavesNothing() throws Exception {
        String file = randomSecret();
        runAndSearch(
                forensicJob(file)
                        .script("echo \"FORENSIC-CANCEL-$((1 + 1))\"", "sleep 300")
                        .afterScript("echo after")
                        .interruption(Interruption.cancelOnLine("FORENSIC-CANCEL-2"))
                        .build(),
                file,
                JobStatus.CANCELED);
    }

    @Test
    void abortedJobWithCleanupWhileRunIsAliveLeavesNothing() throws Exception {
        String file = randomSecret();
        runAndSearch(
                forensicJob(file)
                        .script("echo \"FORENSIC-ABORT-$((1 + 1))\"", "sleep 300")
                        .interruption(
                                Interruption.abortOnLine("FORENSIC-ABORT-2").withCleanupWhileRunning())
                        .build(),
                file,
                JobStatus.CANCELED);
    }

    @Test
    void driverSigkilledMidRunLeavesNothingOnceTheRunnerCleansUp() throws Exception {
        String file = randomSecret();
        runAndSearch(
                forensicJob(file)
                        .script("echo \"FORENSIC-KILL-$((1 + 1))\"", "sleep 300")
                        .interruption(Interruption.killDriverOnLine("FORENSIC-KILL-2"))
                        .build(),
                file,
                JobStatus.SYSTEM_FAILURE);
    }

    @Test
    void runnerAndDriverSigkilledMidRunAreReapedByTheNextPrepare() throws Exception {
        String file = randomSecret();
        JobSpec crashed = crashJob(file);
        JobResult r = runAndSearch(crashed, file, JobStatus.RUNNER_CRASHED);
        assertEquals(
                1,
                DockerLeftovers.containers(crashed.jobId()).size(),
                "the crashed job's container is gone" + " already: nothing to reap");
        removeDeadRunnersTmp(r);
        awaitDeadline(crashed.jobId());
        String next = randomSecret();
        runAndSearch(forensicJob(next).script("true").build(), next, JobStatus.SUCCESS);
        assertEquals(List.of(), DockerLeftovers.all(crashed.jobId()), "the next prepare did not reap the crashed job");
        String audit = Files.readString(PolicyFiles.auditLog(dir));
        assertTrue(
                audit.lines()
                        .anyMatch(l -> l.contains("\"job_id\":" + crashed.jobId() + ",")
                                && l.contains("\"by\":\"prepare\"")
                                && l.contains("\"verified\":true")),
                audit);
        List<String> values = new ArrayList<>(r.maskedValues());
        values.add(file);
        assertHostClean(ForensicSearch.needles(values), crashed);
    }

    @Test
    void runnerAndDriverSigkilledMidRunAreReapedByGcAndTheAuditLogShowsIt() throws Exception {
        String file = randomSecret();
        JobSpec crashed = crashJob(file);
        JobResult r = runAndSearch(crashed, file, JobStatus.RUNNER_CRASHED);
        removeDeadRunnersTmp(r);
        awaitDeadline(crashed.jobId());

        PolicyFiles.DriverRun before = PolicyFiles.launch(policy, "audit-log", "verify");
        assertEquals(1, before.exitCode(), before.output());
        assertTrue(
                before.output().contains("NO VERIFIED WIPE") && before.output().contains("job " + crashed.jobId()),
                before.output());

        PolicyFiles.DriverRun gc = PolicyFiles.launch(policy, "gc");
        assertEquals(0, gc.exitCode(), gc.output());
        assertTrue(
                gc.output().contains("job " + crashed.jobId()) && gc.output().contains("verified none remain"),
                gc.output());
        assertEquals(List.of(), DockerLeftovers.all(crashed.jobId()));

        PolicyFiles.DriverRun after = PolicyFiles.launch(policy, "audit-log", "verify");
        assertFalse(after.output().contains("job " + crashed.jobId() + " "), after.output());
        List<String> values = new ArrayList<>(r.maskedValues());
        values.add(file);
        assertHostClean(ForensicSearch.needles(values), crashed);
    }

    private JobSpec crashJob(String file) {
        return forensicJob(file)
                .timeoutSeconds(CRASH_TIMEOUT_SECONDS)
                .script("echo \"FORENSIC-CRASH-$((1 + 1))\"", "sleep 300")
                .interruption(Interruption.crashOnLine("FORENSIC-CRASH-2"))
                .build();
    }

    /** The dead runner's own {@code <tmp>} (its copy of the payload) is the runner's to remove, not the driver's. */
    private static void removeDeadRunnersTmp(JobResult r) throws IOException {
        for (Path tmp : r.tmpDirs()) {
            if (Files.exists(tmp)) {
                try (Stream<Path> walk = Files.walk(tmp)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
    }

    /** Waits until the container's deadline label is in the past (its job's timeout, no grace in this policy). */
    private static void awaitDeadline(long jobId) throws InterruptedException {
        String id = DockerLeftovers.containers(jobId).get(0).split(" ")[0];
        DockerCli.Result label =
                DockerCli.run("inspect", "-f", "{{index .Config.Labels \"dev.secureexecutor.deadline\"}}", id);
        long deadline = Long.parseLong(label.stdout().trim());
        long waitMillis = (deadline + 1) * 1000 - System.currentTimeMillis();
        assertTrue(waitMillis < (CRASH_TIMEOUT_SECONDS + 5) * 1000L, "deadline too far: " + waitMillis + " ms");
        if (waitMillis > 0) {
            Thread.sleep(waitMillis);
        }
    }
}
