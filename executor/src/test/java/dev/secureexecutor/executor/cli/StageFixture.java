package dev.secureexecutor.executor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.secureexecutor.executor.env.RunnerEnv;
import dev.secureexecutor.executor.io.DriverOutput;
import dev.secureexecutor.executor.job.JobContext;
import dev.secureexecutor.masking.Masker;
import dev.secureexecutor.sandbox.DriverFailure;
import dev.secureexecutor.sandbox.policy.Policy;
import dev.secureexecutor.sandbox.policy.PolicyLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One job as a stage sees it, without a runner or Docker: a policy written to a temporary directory (its audit log
 * and key there too), a job payload file, the runner's environment, and the driver's masked output captured in
 * memory. Stages run against a {@code FakeJobEngine}.
 */
final class StageFixture {
    static final String TOKEN = "glcbt-stage-test-token-0123456789abcdef";
    static final String IMAGE = "secure-executor/job-bookworm:1";
    static final long JOB_ID = 4242;

    private static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    final DriverOutput out = DriverOutput.to(stdout, stderr, Masker.rulesOnly());
    private String credentials = "";
    private String sections = "";
    private final List<String[]> maskedVariables = new ArrayList<>();
    private String project = "group/project";
    private String image;
    private final Map<String, String> env = new HashMap<>();

    StageFixture(Path dir) {
        this.dir = dir;
    }

    /** Extra keys for the policy's {@code [credentials]} table. */
    StageFixture credentials(String keys) {
        credentials += keys + "\n";
        return this;
    }

    /** Extra policy tables (not {@code [credentials]}). */
    StageFixture sections(String tables) {
        sections += tables + "\n";
        return this;
    }

    StageFixture project(String path) {
        project = path;
        return this;
    }

    /** The image the job's {@code image:} names (else the policy's default). */
    StageFixture image(String name) {
        image = name;
        return this;
    }

    StageFixture maskedVariable(String name, String value) {
        maskedVariables.add(new String[] {name, value});
        return this;
    }

    StageFixture env(String name, String value) {
        env.put(name, value);
        return this;
    }

    Path auditLog() {
        return dir.resolve("audit/audit.jsonl");
    }

    Path exitCodeFile() {
        return dir.resolve("build_exit_code");
    }

    Policy policy() throws Exception {
        return PolicyLoader.parse(
                "version = 1\n" + sections + "[credentials]\naudit_log = \"" + auditLog() + "\"\naudit_key_file = \""
                        + dir.resolve("key/audit.key") + "\"\n" + credentials,
                "test policy");
    }

    RunnerEnv runnerEnv() throws IOException {
        Path payload = dir.resolve("response.json");
        Files.writeString(payload, payload());
        Map<String, String> vars = new HashMap<>(env);
        vars.put("JOB_RESPONSE_FILE", payload.toString());
        vars.put("BUILD_EXIT_CODE_FILE", exitCodeFile().toString());
        return new RunnerEnv(vars);
    }

    JobContext job() throws Exception {
        return JobContext.open(runnerEnv(), policy(), out);
    }

    /** Everything the driver printed (stdout then stderr), after releasing what the masker held back. */
    String log() {
        out.finish();
        return stdout.toString(StandardCharsets.UTF_8) + stderr.toString(StandardCharsets.UTF_8);
    }

    List<JsonNode> auditLines() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        if (Files.exists(auditLog())) {
            for (String line : Files.readAllLines(auditLog())) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    /** Each audit line as {@code <event> <job id>}, in order. */
    List<String> auditEvents() throws IOException {
        return auditLines().stream()
                .map(l -> l.get("event").asText() + " " + l.get("job_id").asLong())
                .toList();
    }

    static DriverFailure.Refusal refusalOf(DriverFailure f) {
        return f.refusal().orElseThrow(() -> new AssertionError("not a refusal: " + f.problem()));
    }

    private String payload() {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", JOB_ID);
        root.put("token", TOKEN);
        root.putObject("job_info").put("name", "build").put("stage", "test").put("project_full_path", project);
        root.putObject("runner_info").put("timeout", 600);
        if (image != null) {
            root.putObject("image").put("name", image);
        }
        ArrayNode vars = root.putArray("variables");
        vars.addObject()
                .put("key", "CI_SERVER_URL")
                .put("value", "https://gitlab.example.com")
                .put("public", true);
        vars.addObject().put("key", "CI_PROJECT_PATH").put("value", project).put("public", true);
        vars.addObject().put("key", "CI_JOB_TOKEN").put("value", TOKEN).put("masked", true);
        for (String[] v : maskedVariables) {
            vars.addObject().put("key", v[0]).put("value", v[1]).put("masked", true);
        }
        return root.toString();
    }

    /** The egress rules' state file of a host whose rules match the built-in policy and this job's GitLab. */
    Path firewallState() throws java.io.IOException {
        Path file = dir.resolve("firewall/firewall.json");
        new dev.secureexecutor.sandbox.network.FirewallState(
                        "10.213.0.0/16",
                        "gitlab-only",
                        true,
                        true,
                        List.of(),
                        List.of("https://gitlab.example.com"),
                        List.of(),
                        List.of(),
                        "",
                        dev.secureexecutor.sandbox.network.FirewallState.currentBootId(),
                        0)
                .write(file);
        return file;
    }
}
