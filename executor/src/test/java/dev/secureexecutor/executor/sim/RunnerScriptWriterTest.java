package dev.secureexecutor.executor.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerScriptWriterTest {
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    @TempDir
    Path tmp;

    private final JobSpec job = JobSpec.builder(101, URI.create("http://127.0.0.1:8080"))
            .commit("main", SHA)
            .script("echo one", "exit 3")
            .afterScript("echo after")
            .variable(JobVariable.fileVariable("MY_FILE", "line1\nit's $NOT_EXPANDED\n"))
            .build();

    private ScriptContext context(String status) {
        List<JobVariable> vars = RunnerVariables.of(
                job, PayloadVariables.of(job), tmp.resolve("builds").toString(), false, status);
        return new ScriptContext(job, vars, tmp.resolve("builds/group/project").toString(), "sim-host");
    }

    @Test
    void wrapperHasTheRunnerShape() {
        String script = RunnerScriptWriter.wrap("echo hi\n", false);
        List<String> lines = script.lines().toList();
        assertEquals("#!/usr/bin/env bash", lines.get(0));
        assertTrue(lines.contains("trap 'exit 1' TERM"));
        assertTrue(lines.contains("case \"$(set -o)\" in *\"pipefail\"*) set -o pipefail;; esac; set -o errexit"));
        assertTrue(lines.contains("set +o noclobber"));
        assertTrue(lines.contains("(trap 'exit 1' TERM; eval $'echo hi\\n') < /dev/null"));
        assertEquals("exit 0", lines.get(lines.size() - 1));
        assertFalse(script.contains("xtrace"));
        assertTrue(RunnerScriptWriter.wrap("", true).contains("set -o xtrace"));
    }

    @Test
    void everyCallGetsAFreshPrivateDirectory() throws IOException {
        Path a = RunnerScriptWriter.write(tmp, Stage.of(Stage.Kind.PREPARE_SCRIPT), context("running"));
        Path b = RunnerScriptWriter.write(tmp, Stage.of(Stage.Kind.PREPARE_SCRIPT), context("running"));
        assertNotEquals(a.getParent(), b.getParent());
        assertEquals("script", a.getFileName().toString());
        assertTrue(a.getParent().getFileName().toString().matches("script\\d+"));
        assertEquals(tmp, a.getParent().getParent());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(a.getParent())));
    }

    @Test
    void prepareScriptExportsNothing() {
        String body = StageScripts.body(Stage.of(Stage.Kind.PREPARE_SCRIPT), context("running"));
        assertTrue(body.startsWith("echo \"Running on $(hostname) via sim-host...\""), body);
        assertFalse(body.contains("export"));
        assertFalse(body.contains(job.token));
    }

    @Test
    void userScriptExportsEverythingAndEchoesCommands() {
        Stage build = Stage.userScript(Stage.Kind.BUILD_SCRIPT, "build_script", job.script);
        String body = StageScripts.body(build, context("running"));
        assertTrue(body.contains("export CI_JOB_TOKEN=" + job.token + "\n"));
        assertTrue(body.contains("export CI_REPOSITORY_URL=" + job.repoUrlWithToken() + "\n"));
        assertTrue(body.contains(
                "printf '%s' $'line1\\nit\\'s $NOT_EXPANDED\\n' > \"" + tmp + "/builds/group/project.tmp/MY_FILE\""));
        assertTrue(body.contains("export MY_FILE=\"" + tmp + "/builds/group/project.tmp/MY_FILE\""));
        assertTrue(body.contains("cd " + tmp + "/builds/group/project\n"));
        assertTrue(body.contains("export GITLAB_ENV=\"" + tmp + "/builds/group/project.tmp/gitlab_runner_env\""));
        assertTrue(body.contains("$ echo one"));
        assertTrue(body.endsWith("exit 3\n"));
    }

    @Test
    void getSourcesPutsTheTokenOnlyIntoTheExternalGitConfig() {
        String body = StageScripts.body(Stage.of(Stage.Kind.GET_SOURCES), context("running"));
        String ext = tmp + "/builds/group/project.tmp/.gitlab-runner.ext.conf";
        assertTrue(
                body.contains("git config --file \"" + ext + "\" --replace-all url.http://gitlab-ci-token:" + job.token
                        + "@127.0.0.1:8080/group/project.git.insteadOf http://127.0.0.1:8080/group/project.git"),
                body);
        assertTrue(body.contains("git remote add origin http://127.0.0.1:8080/group/project.git"));
        assertTrue(body.contains("git config include.path \"" + ext + "\""));
        assertTrue(body.contains("credential.interactive never"));
        assertTrue(body.contains("export GIT_TERMINAL_PROMPT=0"));
        assertTrue(body.contains("--depth 20"));
        assertTrue(body.contains("git checkout -f -q " + SHA));
        assertTrue(body.trim().endsWith("| git credential reject || true"));
    }

    @Test
    void cleanupFileVariablesRemovesTheExtConfigAndFilesWithoutRewritingThem() {
        String body = StageScripts.body(Stage.of(Stage.Kind.CLEANUP_FILE_VARIABLES), context("failed"));
        assertTrue(body.contains("rm -f \"" + tmp + "/builds/group/project.tmp/.gitlab-runner.ext.conf\""));
        assertTrue(body.contains("rm -f \"" + tmp + "/builds/group/project.tmp/MY_FILE\""));
        assertFalse(body.contains("printf '%s'"));
    }

    @Test
    void theWrappedScriptRunsWithErrexitAndReturnsTheScriptsExitCode() throws Exception {
        Files.createDirectories(tmp.resolve("builds/group/project"));
        Stage build = Stage.userScript(Stage.Kind.BUILD_SCRIPT, "build_script", job.script);
        Path script = RunnerScriptWriter.write(tmp, build, context("running"));
        Process bash = new ProcessBuilder("bash", script.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bash.waitFor(10, TimeUnit.SECONDS));
        assertEquals(3, bash.exitValue(), out);
        assertTrue(out.contains("$ echo one"), out);
        assertTrue(out.contains("\none\n"), out);
        assertEquals("line1\nit's $NOT_EXPANDED\n", Files.readString(tmp.resolve("builds/group/project.tmp/MY_FILE")));
    }
}
