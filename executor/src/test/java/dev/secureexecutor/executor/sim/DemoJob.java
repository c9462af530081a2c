package dev.secureexecutor.executor.sim;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The end-to-end demo (run by {@code scripts/demo.sh}): a fake GitLab, one sample job through the simulated runner
 * and the real driver launcher (clone with the job token, build, print the token in several forms), the job log,
 * then exactly one verdict line, {@code DEMO PASSED: ...} or {@code DEMO FAILED: <reason>}, and exit 0 or 1.
 */
public final class DemoJob {
    private final PrintStream out;

    private DemoJob(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        List<String> failures;
        try {
            failures = new DemoJob(out).run();
        } catch (IOException | RuntimeException e) {
            failures = List.of(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (failures.isEmpty()) {
            out.println("DEMO PASSED: job succeeded, cloned with its job token, the raw token never appeared in "
                    + "the log, nothing left in Docker");
            System.exit(0);
        }
        out.println("DEMO FAILED: " + String.join("; ", failures));
        System.exit(1);
    }

    private List<String> run() throws IOException {
        try (FakeGitLab gitlab = FakeGitLab.start()) {
            String sha = gitlab.addProject("demo/sample-project");
            long jobId = 900_000_000L + System.currentTimeMillis() / 1000 % 100_000_000L;
            JobSpec job = JobSpec.builder(jobId, gitlab.url())
                    .project("demo/sample-project", 7)
                    .commit("main", sha)
                    .image("secure-executor/job-bookworm:1")
                    .script(
                            "./build.sh",
                            "echo \"the job token: $CI_JOB_TOKEN\"",
                            "echo \"base64 of it: $(printf '%s' \"$CI_JOB_TOKEN\" | base64 -w0)\"",
                            "echo \"repository URL: $CI_REPOSITORY_URL\"",
                            "echo \"registry password on stderr: $CI_REGISTRY_PASSWORD\" >&2",
                            "echo \"id_token: $GITLAB_OIDC_TOKEN\"")
                    .afterScript("echo \"after_script: the job is $CI_JOB_STATUS\"")
                    .build();
            out.println("== fake GitLab at " + gitlab.url() + ", job " + jobId + " (" + job.projectPath() + "@"
                    + sha.substring(0, 8) + ")");
            gitlab.registerJob(job);
            JobResult result;
            try {
                result = new RunnerSimulator(SimulatorSettings.runnerDefaults()
                                .withKillTimeouts(java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(10)))
                        .run(job);
            } finally {
                gitlab.unregisterJob(job);
            }
            out.println("==================== job log ====================");
            out.print(result.jobLog());
            out.println("================= runner log (cleanup) =================");
            out.print(result.runnerLog());
            out.println("========================================================");
            out.println(result.summary());
            return verdict(job, result, gitlab);
        }
    }

    private static List<String> verdict(JobSpec job, JobResult result, FakeGitLab gitlab) {
        List<String> failures = new ArrayList<>();
        if (!result.succeeded()) {
            failures.add("the job ended " + result.status() + " (" + result.reason() + ")");
        }
        if (!gitlab.authenticatedTokens().contains(job.token())) {
            failures.add("the fake GitLab never saw the job token (get_sources did not clone with it)");
        }
        if (!result.jobLog().contains("BUILD-RESULT: sample-project ok")) {
            failures.add("build.sh's output is missing from the job log");
        }
        if (result.jobLog().contains(job.token()) || result.runnerLog().contains(job.token())) {
            failures.add("the raw job token appears in the driver's output");
        }
        long otherSecrets = result.maskedValues().stream()
                .filter(s -> result.jobLog().contains(s))
                .count();
        if (otherSecrets > 0) {
            failures.add(otherSecrets + " masked value(s) appear raw in the job log");
        }
        List<String> left = DockerLeftovers.all(job.jobId());
        if (!left.isEmpty()) {
            DockerLeftovers.remove(job.jobId());
            failures.add("Docker resources left behind (now removed): " + left);
        }
        return failures;
    }
}
