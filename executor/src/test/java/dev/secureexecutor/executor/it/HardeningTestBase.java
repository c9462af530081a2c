package dev.secureexecutor.executor.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.executor.sim.DockerCli;
import dev.secureexecutor.executor.sim.JobObserver;
import dev.secureexecutor.executor.sim.JobResult;
import dev.secureexecutor.executor.sim.JobSpec;
import dev.secureexecutor.executor.sim.RunnerSimulator;
import dev.secureexecutor.executor.sim.SimulatorSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Shared by the escape battery and the refusal tests: jobs under a chosen policy file, attack output markers, and
 * the check that the host is intact after each attack (Docker still answers, a host canary file is unchanged).
 */
abstract class HardeningTestBase extends DockerTierTestBase {
    private Path canaryDir;
    private Path canary;
    private String canaryContent;

    @BeforeEach
    void plantHostCanary() throws IOException {
        canaryDir = Files.createTempDirectory("secure-executor-canary-");
        canary = canaryDir.resolve("host-secret");
        canaryContent = "host-secret-" + UUID.randomUUID();
        Files.writeString(canary, canaryContent);
    }

    @AfterEach
    void removeHostCanary() throws IOException {
        Files.deleteIfExists(canary);
        Files.deleteIfExists(canaryDir);
    }

    /** A job with the runner's environment plus {@code SECURE_EXECUTOR_POLICY} (null: the built-in policy). */
    static JobResult runWithPolicy(JobSpec job, Path policy, JobObserver observer) {
        gitlab.registerJob(job);
        try {
            return new RunnerSimulator(withPolicy(settings(), policy)).run(job, observer);
        } finally {
            gitlab.unregisterJob(job);
        }
    }

    static SimulatorSettings withPolicy(SimulatorSettings settings, Path policy) {
        Map<String, String> env = new HashMap<>(settings.ownEnvironment());
        env.remove("SECURE_EXECUTOR_POLICY");
        if (policy != null) {
            env.put("SECURE_EXECUTOR_POLICY", policy.toString());
        }
        return settings.withOwnEnvironment(env);
    }

    /** Writes a policy for a test into the canary's temporary directory (removed after the test). */
    Path policy(String toml) {
        try {
            Path file = Files.createTempFile(canaryDir.getParent(), "policy-", ".toml");
            file.toFile().deleteOnExit();
            Files.writeString(file, "version = 1\n" + toml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The job ran its script to the end (the attack was attempted), whatever the attack's outcome. */
    static void assertAttempted(JobResult r, String attack) {
        assertTrue(line(r, "ATTEMPTED " + attack), "the attack script did not run to its end:\n" + describe(r));
    }

    /** A line the job printed starts with {@code prefix} (the runner's echo of the command starts with "$ "). */
    static boolean line(JobResult r, String prefix) {
        return r.driverLog().lines().anyMatch(l -> l.startsWith(prefix));
    }

    static void assertBlocked(JobResult r, String marker) {
        assertTrue(line(r, "BLOCKED " + marker), "no 'BLOCKED " + marker + "' line:\n" + describe(r));
    }

    static void assertNothingEscaped(JobResult r) {
        assertFalse(line(r, "ESCAPED"), "an attack succeeded:\n" + describe(r));
    }

    /** The host is intact: the daemon answers, and the job could neither see nor change the host canary. */
    void assertHostIntact(JobResult r) throws IOException {
        assertEquals(0, DockerCli.run("info", "--format", "{{.ServerVersion}}").exitCode(), "docker info answers");
        assertEquals(canaryContent, Files.readString(canary), "host canary file changed");
        assertFalse(r.driverLog().contains(canaryContent), "the host canary's content reached the job log");
        assertNoStackTrace(r.driverLog() + r.runnerLog());
        assertNoSecretLeaked(r);
    }

    /** Runs a perl one-liner (perl-base is in every Debian image) printing BLOCKED/ESCAPED with errno text. */
    static String perlSyscall(String marker, String setup, String call) {
        return "perl -e '" + setup + " if (" + call + " == -1) { print \"BLOCKED " + marker + ": $!\\n\" }"
                + " else { print \"ESCAPED " + marker + "\\n\" }'";
    }
}
