package dev.secureexecutor.executor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.executor.sim.JobObserver;
import dev.secureexecutor.executor.sim.JobResult;
import dev.secureexecutor.executor.sim.JobSpec;
import dev.secureexecutor.executor.sim.JobStatus;
import dev.secureexecutor.executor.sim.RunningJob;
import dev.secureexecutor.executor.sim.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pool of two engines: this host's (unix socket) and a second dockerd in its own network namespace reached over
 * mutual TLS ({@link SecondEngine}), with a CA and certificates made by Bouncy Castle here. Jobs are placed by
 * capacity and run end to end on both (clone from the fake GitLab on the host, masking, wipe); wrong client
 * certificates, a wrong CA and plain TCP are refused before a token goes anywhere; a dying engine fails only its
 * own job.
 */
class RemoteEngineIT extends DockerTierTestBase {
    private static final int LOCAL_CAPACITY = 100;
    private static TestPki pki;
    private static SecondEngine remote;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSecondEngine() throws Exception {
        pki = TestPki.newCa("secure-executor test pool CA");
        remote = SecondEngine.start(pki);
    }

    @AfterAll
    static void stopSecondEngine() throws Exception {
        if (remote != null) {
            remote.close();
        }
    }

    @Test
    void jobsArePlacedOnBothEnginesByCapacityRunEndToEndAndLeaveNothing() throws Exception {
        // this host's engine also runs other tests' jobs, which count towards its load: room for them
        Path policy = pool(remoteEngine(1, clientCert(pki)) + localEngine(LOCAL_CAPACITY));
        List<JobSpec> jobs = List.of(job(4), job(4));
        List<RunningJob> running = new ArrayList<>();
        for (JobSpec j : jobs) {
            gitlab.registerJob(j);
            running.add(PolicyFiles.simulator(policy).start(j, JobObserver.NONE));
            Thread.sleep(1500); // the first one is placed before the second is counted
        }
        List<String> engines = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            JobResult r = running.get(i).await(Duration.ofMinutes(3));
            gitlab.unregisterJob(jobs.get(i));
            assertEquals(JobStatus.SUCCESS, r.status(), describe(r));
            assertTrue(r.driverLog().contains("BUILD-RESULT: sample-project ok"), describe(r));
            assertTrue(gitlab.successfulRequests(jobs.get(i).token()) > 0, "cloned from the host's fake GitLab");
            engines.add(
                    r.jobLog().contains("placed on engine remote (")
                            ? "remote"
                            : r.jobLog().contains("placed on engine local (") ? "local" : "?");
            assertNoSecretLeaked(r);
            assertNoStackTrace(r.jobLog());
            assertEquals(List.of(), remote.leftovers(jobs.get(i).jobId()), "left on the second engine");
        }
        assertEquals(
                List.of("remote", "local"),
                engines,
                "the remote engine (listed first, capacity 1) takes the"
                        + " first job; full, it sends the second to this host's engine");
        assertEquals(List.of(), recordsLeft(), "placement records after cleanup");
        List<String> needles =
                ForensicSearch.needles(jobs.stream().map(JobSpec::token).toList());
        List<String> hits = ForensicSearch.hostHits(needles);
        assertEquals(
                List.of(),
                hits,
                "a job token on disk (both data roots: /var/lib/docker and " + remote.dataRoot() + " under /tmp)");
    }

    @Test
    void aClientCertificateFromAnotherCaIsRefusedBeforeAnyTokenIsSent() throws Exception {
        TestPki rogue = TestPki.newCa("rogue CA");
        assertRefusedAtPrepare(pool(remoteEngine(1, clientCert(rogue))), "");
    }

    @Test
    void anEngineCertificateNotFromThePoolsCaIsRefusedBeforeAnyTokenIsSent() throws Exception {
        TestPki other = TestPki.newCa("another CA");
        Path certs = clientCert(pki);
        other.writeCa(certs.resolve("ca.pem")); // the driver now trusts only a CA that did not sign the engine
        assertRefusedAtPrepare(pool(remoteEngine(1, certs)), "SSLHandshakeException");
    }

    @Test
    void plainTcpToAnEngineIsRefusedBeforeAnyConnection() throws Exception {
        Path policy = pool("[[engines]]\nname = \"remote\"\nendpoint = \"tcp://" + remote.address() + ":2375\"\n");
        JobSpec j = job(0);
        JobResult r = run(policy, j);
        assertNotEquals(JobStatus.SUCCESS, r.status(), describe(r));
        assertTrue(r.calls("prepare").isEmpty(), "config refused the policy, no prepare: " + r.summary());
        assertTrue(
                r.runnerLog().contains("without mutual TLS") || r.jobLog().contains("without mutual TLS"), describe(r));
        assertEquals(0, gitlab.successfulRequests(j.token()));
    }

    @Test
    void killingOneEngineMidJobFailsThatJobCleanlyWhileTheOtherKeepsServing() throws Exception {
        Path policy =
                pool(remoteEngine(1, clientCert(pki)) + localEngine(LOCAL_CAPACITY), "orphan_grace_seconds = 0\n");
        JobSpec doomed = newJob().script("echo started-$CI_JOB_ID", "sleep 40")
                .timeoutSeconds(30)
                .build();
        gitlab.registerJob(doomed);
        Instant deadline = Instant.now().plusSeconds(32); // created after this, timeout 30 s, orphan grace 0
        RunningJob first = PolicyFiles.simulator(policy).start(doomed, JobObserver.NONE);
        waitForContainer(doomed.jobId());
        JobSpec survivor = job(8);
        gitlab.registerJob(survivor);
        RunningJob second = PolicyFiles.simulator(policy).start(survivor, JobObserver.NONE);
        Thread.sleep(4000);
        remote.kill();
        try {
            killedEngineChecks(policy, first, second, deadline, doomed, survivor);
        } finally {
            if (!remote.isRunning()) {
                remote.startDaemon(); // the next tests need it
            }
        }
    }

    private void killedEngineChecks(
            Path policy, RunningJob first, RunningJob second, Instant deadline, JobSpec doomed, JobSpec survivor)
            throws Exception {
        JobResult dead = first.await(Duration.ofMinutes(2));
        JobResult alive = second.await(Duration.ofMinutes(2));
        assertNotEquals(JobStatus.SUCCESS, dead.status(), describe(dead));
        assertNoStackTrace(dead.jobLog());
        assertEquals(JobStatus.SUCCESS, alive.status(), describe(alive));
        assertTrue(alive.jobLog().contains("placed on engine local ("), describe(alive));
        JobResult after = run(policy, job(0));
        assertEquals(JobStatus.SUCCESS, after.status(), describe(after));
        assertTrue(after.jobLog().contains("engine remote (" + remote.endpoint() + ") skipped"), describe(after));
        assertTrue(after.jobLog().contains("placed on engine local ("), describe(after));
        gitlab.unregisterJob(doomed);
        gitlab.unregisterJob(survivor);
        // the engine comes back; once the dead job's deadline has passed, gc (which sweeps every engine) reaps it
        remote.startDaemon();
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), deadline).toMillis()));
        PolicyFiles.DriverRun gc = PolicyFiles.launch(policy, "gc");
        assertEquals(0, gc.exitCode(), gc.output());
        assertEquals(List.of(), remote.leftovers(doomed.jobId()), "gc reaped the dead job on the second engine");
    }

    private void assertRefusedAtPrepare(Path policy, String why) throws Exception {
        JobSpec j = job(0);
        JobResult r = run(policy, j);
        assertEquals(JobStatus.SYSTEM_FAILURE, r.status(), describe(r));
        assertTrue(
                r.jobLog().contains("engine remote (" + remote.endpoint() + ") skipped: did not answer (" + why),
                describe(r));
        assertTrue(r.jobLog().contains("no engine of the pool may take this job"), describe(r));
        assertEquals(0, gitlab.successfulRequests(j.token()), "the token was used");
        assertEquals(List.of(), remote.leftovers(j.jobId()));
        assertNoStackTrace(r.jobLog());
        assertNoSecretLeaked(r);
    }

    private JobResult run(Path policy, JobSpec j) {
        gitlab.registerJob(j);
        try {
            return PolicyFiles.simulator(policy).run(j, JobObserver.NONE);
        } finally {
            gitlab.unregisterJob(j);
        }
    }

    private JobSpec job(int sleepSeconds) {
        return newJob().script("echo MARKER-$CI_JOB_ID", "./build.sh", "sleep " + sleepSeconds)
                .build();
    }

    private void waitForContainer(long jobId) throws InterruptedException {
        for (int i = 0; i < 720 && remote.leftovers(jobId).isEmpty(); i++) {
            Thread.sleep(250);
        }
        assertTrue(!remote.leftovers(jobId).isEmpty(), "job " + jobId + " never reached the second engine");
    }

    private List<String> recordsLeft() throws Exception {
        Path records = dir.resolve("key/engines");
        if (!Files.isDirectory(records)) {
            return List.of();
        }
        try (var files = Files.list(records)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".engine"))
                    .toList();
        }
    }

    /** A client certificate of {@code issuer} (valid now) with the pool's CA, in a fresh directory. */
    private Path clientCert(TestPki issuer) throws Exception {
        Path certs = Files.createTempDirectory(dir, "certs");
        pki.writeCa(certs.resolve("ca.pem"));
        issuer.client(
                        "secure-executor",
                        Instant.now().minusSeconds(3600),
                        Instant.now().plus(Duration.ofDays(90)))
                .write(certs.resolve("cert.pem"), certs.resolve("key.pem"));
        return certs;
    }

    private String remoteEngine(int capacity, Path certs) {
        return "[[engines]]\nname = \"remote\"\nendpoint = \"" + remote.endpoint() + "\"\n"
                + "ca = \"" + certs.resolve("ca.pem") + "\"\ncert = \"" + certs.resolve("cert.pem") + "\"\n"
                + "key = \"" + certs.resolve("key.pem") + "\"\ncapacity = " + capacity + "\nlabels = [\"netns\"]\n";
    }

    private static String localEngine(int capacity) {
        return "[[engines]]\nname = \"local\"\nendpoint = \"unix:///var/run/docker.sock\"\ncapacity = " + capacity
                + "\n";
    }

    private Path pool(String engines) throws Exception {
        return pool(engines, "");
    }

    private Path pool(String engines, String credentialKeys) throws Exception {
        return PolicyFiles.write(dir, engines, credentialKeys);
    }
}
