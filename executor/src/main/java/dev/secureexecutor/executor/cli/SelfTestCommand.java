package dev.secureexecutor.executor.cli;

import dev.secureexecutor.executor.Outcome;
import dev.secureexecutor.executor.env.RunnerEnv;
import dev.secureexecutor.executor.io.DriverOutput;
import dev.secureexecutor.executor.job.JobContext;
import dev.secureexecutor.executor.job.PolicySource;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.engine.EngineFactory;
import dev.secureexecutor.sandbox.engine.JobEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * {@code selftest}: runs one throw-away job through config, prepare, run and cleanup in this process, against this
 * host's Docker engine and policy, so an admin can check a runner host before registering it. The same run trains
 * the start-up archives ({@code scripts/build-cds.sh}). Its job carries a random token, is tied to the GitLab host
 * {@code selftest.invalid} (so it can never collide with a real job's labels) and leaves nothing behind.
 */
public final class SelfTestCommand {
    private static final String HOST = "selftest.invalid";

    private final RunnerEnv env;
    private final DriverOutput out;
    private final EngineFactory engines;

    public SelfTestCommand(RunnerEnv env, DriverOutput out, EngineFactory engines) {
        this.env = env;
        this.out = out;
        this.engines = engines;
    }

    public Outcome call() throws Exception {
        SecureRandom random = new SecureRandom();
        long jobId = 9_000_000_000L + Math.floorMod(random.nextLong(), 1_000_000_000L);
        String token = "glcbt-selftest-" + HexFormat.of().formatHex(random.generateSeed(12));
        Path dir = Files.createTempDirectory(
                "secure-executor-selftest",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            RunnerEnv jobEnv = jobEnv(dir, jobId, token);
            ByteArrayOutputStream config = new ByteArrayOutputStream();
            long t0 = System.nanoTime();
            new ConfigCommand(jobEnv, config).call();
            long tConfig = System.nanoTime();
            if (!config.toString(StandardCharsets.UTF_8).contains("\"builds_dir_is_shared\":false")) {
                throw DriverFailure.system("selftest: config printed an unexpected document", "report this");
            }
            JobContext job = JobContext.open(jobEnv, PolicySource.load(jobEnv), out);
            try (JobEngine engine = engines.open()) {
                long t1 = System.nanoTime();
                new PrepareCommand(job, engine, out).call();
                long t2 = System.nanoTime();
                Path script = dir.resolve("script");
                Files.writeString(script, "echo \"selftest: running as uid $(id -u); token: " + token + "\"\n");
                Outcome run = new RunCommand(job, engine, out, script, "build_script").call();
                long t3 = System.nanoTime();
                // read before cleanup, which overwrites and deletes the driver's files
                String exitCode =
                        Files.readString(dir.resolve("build_exit_code")).trim();
                new CleanupCommand(job, engine, out).call();
                long t4 = System.nanoTime();
                if (!run.succeeded() || !exitCode.equals("0")) {
                    throw DriverFailure.system(
                            "selftest: the job script failed (exit code " + exitCode + ")",
                            "run with SECURE_EXECUTOR_DEBUG=1 and check the image has bash");
                }
                out.info("selftest passed: config " + ms(t0, tConfig) + " ms, job context and Docker client "
                        + ms(tConfig, t1) + " ms, prepare " + ms(t1, t2) + " ms, run "
                        + ms(t2, t3) + " ms, cleanup " + ms(t3, t4) + " ms (one JVM)");
            } finally {
                job.payload().wipe();
            }
            return Outcome.SUCCESS;
        } finally {
            deleteTree(dir);
        }
    }

    private RunnerEnv jobEnv(Path dir, long jobId, String token) throws IOException {
        String payload = "{\"id\":" + jobId + ",\"token\":\"" + token + "\","
                + "\"job_info\":{\"name\":\"selftest\",\"stage\":\"test\","
                + "\"project_full_path\":\"secure-executor/selftest\"},"
                + "\"runner_info\":{\"timeout\":300},"
                + "\"variables\":[{\"key\":\"CI_JOB_TOKEN\",\"value\":\"" + token + "\",\"masked\":true},"
                + "{\"key\":\"CI_SERVER_URL\",\"value\":\"https://" + HOST + "\",\"masked\":false}]}";
        Path response = dir.resolve("response.json");
        Files.writeString(response, payload);
        Map<String, String> vars = new HashMap<>(env.all());
        vars.put("JOB_RESPONSE_FILE", response.toString());
        vars.put("BUILD_EXIT_CODE_FILE", dir.resolve("build_exit_code").toString());
        vars.put("TMPDIR", dir.toString());
        vars.keySet().removeIf(k -> k.startsWith("CUSTOM_ENV_"));
        return new RunnerEnv(vars);
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
