package dev.secureexecutor.executor.sim;

/**
 * The body (the part handed to {@code eval}) of each stage's script, shaped like the runner's bash shell writer.
 * get_sources lives in {@link GetSourcesScript}.
 */
final class StageScripts {
    private StageScripts() {}

    static String body(Stage stage, ScriptContext ctx) {
        return switch (stage.kind()) {
            case PREPARE_SCRIPT -> prepare(ctx);
            case GET_SOURCES -> GetSourcesScript.body(ctx);
            case CLEAR_WORKTREE -> clearWorktree(ctx);
            case BUILD_SCRIPT, USER_STEP, AFTER_SCRIPT -> user(stage, ctx);
            case RESTORE_CACHE ->
                helper(
                        ctx,
                        "cache-extractor --file ../../cache/default.zip --timeout 10",
                        "Extracting cache is disabled.");
            case DOWNLOAD_ARTIFACTS ->
                helper(
                        ctx,
                        "artifacts-downloader --url " + ctx.job().serverUrl() + " --token " + ctx.job().token + " --id "
                                + ctx.job().jobId,
                        "Downloading artifacts is disabled.");
            case ARCHIVE_CACHE, ARCHIVE_CACHE_ON_FAILURE ->
                helper(
                        ctx,
                        "cache-archiver --file ../../cache/default.zip --timeout 10 --path .cache/",
                        "Creating cache is disabled.");
            case UPLOAD_ARTIFACTS_ON_SUCCESS, UPLOAD_ARTIFACTS_ON_FAILURE ->
                helper(
                        ctx,
                        "artifacts-uploader --url "
                                + ctx.job().serverUrl() + " --token " + ctx.job().token + " --id " + ctx.job().jobId
                                + " --path out/",
                        "Uploading artifacts is disabled.");
            case CLEANUP_FILE_VARIABLES -> cleanupFileVariables(ctx);
        };
    }

    private static String prepare(ScriptContext ctx) {
        return new ScriptBody()
                .line("echo \"Running on $(hostname) via " + ctx.hostname().replaceAll("[\"$`\\\\]", "") + "...\"")
                .line("rm -f " + BashQuoting.doubleQuoted(ctx.tempProjectDir() + "/gitlab_runner_env"))
                .line("rm -f " + BashQuoting.doubleQuoted(ctx.tempProjectDir() + "/masking.db"))
                .text();
    }

    private static String clearWorktree(ScriptContext ctx) {
        return new ScriptBody()
                .cd(ctx.projectDir())
                .line("git clean -ffdx || true")
                .line("git reset --hard || true")
                .text();
    }

    private static String user(Stage stage, ScriptContext ctx) {
        ScriptBody body = new ScriptBody()
                .exports(ctx.variables(), ctx.tempProjectDir(), true)
                .sourceGitlabEnv(ctx.tempProjectDir())
                .cd(ctx.projectDir());
        stage.commands().forEach(body::userCommand);
        return body.text();
    }

    /** Stages that call the gitlab-runner helper binary, which the job image does not have. */
    private static String helper(ScriptContext ctx, String arguments, String disabledMessage) {
        return new ScriptBody()
                .exports(ctx.variables(), ctx.tempProjectDir(), true)
                .sourceGitlabEnv(ctx.tempProjectDir())
                .cd(ctx.projectDir())
                .line("if [ -x \"$(command -v gitlab-runner)\" ]; then gitlab-runner " + arguments + "; else echo "
                        + BashQuoting.quote("Missing gitlab-runner. " + disabledMessage) + "; fi")
                .text();
    }

    private static String cleanupFileVariables(ScriptContext ctx) {
        ScriptBody body = new ScriptBody().exports(ctx.variables(), ctx.tempProjectDir(), false);
        body.line(GetSourcesScript.credentialReject(ctx.job()));
        String tmp = ctx.tempProjectDir();
        for (String name : new String[] {"gitlab_runner_env", "masking.db", ".gitlab-runner.ext.conf", ".glr.gconf"}) {
            body.line("rm -f " + BashQuoting.doubleQuoted(tmp + "/" + name));
        }
        for (JobVariable v : ctx.fileVariables()) {
            body.line("rm -f " + BashQuoting.doubleQuoted(tmp + "/" + v.key()));
        }
        return body.text();
    }
}
