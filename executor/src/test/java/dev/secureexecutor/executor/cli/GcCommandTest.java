package dev.secureexecutor.executor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.secureexecutor.executor.Outcome;
import dev.secureexecutor.executor.engine.FakeJobEngine;
import dev.secureexecutor.executor.env.RunnerEnv;
import dev.secureexecutor.executor.job.HostName;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.JobIdentity;
import dev.secureexecutor.sandbox.Labels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gc's logic through a fake engine: it reaps only this host's jobs whose deadline passed (a job still within its
 * time, another host's job sharing the daemon, and a container without the driver's deadline label are left alone),
 * records each wipe, and closes the engine it opened.
 */
class GcCommandTest {
    @TempDir
    Path dir;

    private static JobIdentity job(long id, String host, long deadline, FakeJobEngine engine) {
        JobIdentity job = new JobIdentity(id, "gitlab.example.com", "r", "g/p", host);
        Map<String, String> labels = new LinkedHashMap<>(job.labels());
        if (deadline > 0) {
            labels.put(Labels.DEADLINE, Long.toString(deadline));
        }
        engine.withJobResources(job.containerName(), labels);
        return job;
    }

    @Test
    void reapsOnlyThisHostsExpiredJobsAndRecordsEachWipe() throws Exception {
        StageFixture f = new StageFixture(dir);
        Path policy = Files.writeString(
                dir.resolve("policy.toml"),
                "version = 1\n[credentials]\naudit_log = \"" + f.auditLog() + "\"\naudit_key_file = \""
                        + dir.resolve("key") + "\"\n");
        Map<String, String> vars = new HashMap<>();
        vars.put("SECURE_EXECUTOR_POLICY", policy.toString());
        RunnerEnv env = new RunnerEnv(vars);
        String here = HostName.get(env);
        long now = Instant.now().getEpochSecond();
        FakeJobEngine engine = new FakeJobEngine();
        JobIdentity expired = job(1, here, now - 60, engine);
        JobIdentity running = job(2, here, now + 3600, engine);
        JobIdentity elsewhere = job(3, here + "-other", now - 60, engine);
        JobIdentity unlabelled = job(4, here, 0, engine);

        Outcome outcome = new GcCommand(env, f.out, () -> engine).call();

        assertEquals(Outcome.SUCCESS, outcome);
        assertFalse(engine.resources().containsKey(expired.containerName()), "the expired job was not reaped");
        for (JobIdentity kept : List.of(running, elsewhere, unlabelled)) {
            assertTrue(engine.resources().containsKey(kept.containerName()), "gc reaped " + kept);
        }
        assertEquals(List.of("wiped 1"), f.auditEvents());
        assertEquals("gc", f.auditLines().get(0).get("by").asText());
        assertTrue(f.log().contains("gc: 1 expired job(s) reaped on " + here), f.log());
        assertTrue(engine.closed(), "gc left its engine connection open");
    }

    @Test
    void anExpiredJobThatCannotBeRemovedFailsGc() throws Exception {
        StageFixture f = new StageFixture(dir);
        Path policy = Files.writeString(
                dir.resolve("policy.toml"),
                "version = 1\n[credentials]\naudit_log = \"" + f.auditLog() + "\"\naudit_key_file = \""
                        + dir.resolve("key") + "\"\n");
        RunnerEnv env = new RunnerEnv(Map.of("SECURE_EXECUTOR_POLICY", policy.toString()));
        FakeJobEngine engine = new FakeJobEngine();
        JobIdentity stuck = job(1, HostName.get(env), Instant.now().getEpochSecond() - 60, engine);
        engine.withStuck(stuck.containerName());

        DriverFailure failure = assertThrows(DriverFailure.class, () -> new GcCommand(env, f.out, () -> engine).call());

        assertTrue(failure.problem().contains("could not remove everything of 1 expired job(s)"), failure.problem());
        assertTrue(f.log().contains("SOME REMAIN"), f.log());
        assertFalse(f.auditLines().get(0).get("verified").asBoolean());
    }
}
