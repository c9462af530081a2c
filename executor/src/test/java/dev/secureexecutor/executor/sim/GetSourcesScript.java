package dev.secureexecutor.executor.sim;

/**
 * The get_sources body with the runner's default {@code FF_GIT_URLS_WITHOUT_TOKENS=false}: the token lives in
 * {@code <project>.tmp/.gitlab-runner.ext.conf} as {@code url.<url with token>.insteadOf}, pulled in through
 * {@code include.path}; the remote itself is added without credentials. Adapted to the fake GitLab's http URL.
 */
final class GetSourcesScript {
    private GetSourcesScript() {}

    static String body(ScriptContext ctx) {
        JobSpec job = ctx.job();
        String dir = ctx.projectDir();
        String template = ctx.tempProjectDir() + "/git-template";
        String ext = ctx.extGitConfig();
        String remote = job.repoUrlWithoutToken();
        ScriptBody body = new ScriptBody()
                .exports(ctx.variables(), ctx.tempProjectDir(), true)
                .sourceGitlabEnv(ctx.tempProjectDir())
                .line("export GIT_TERMINAL_PROMPT=0")
                .line("export GCM_INTERACTIVE=Never")
                .line("export GIT_LFS_SKIP_SMUDGE=1")
                .notice(
                        job.depth > 0
                                ? "Fetching changes with git depth set to " + job.depth + "..."
                                : "Fetching changes...");
        for (String lock : new String[] {"index.lock", "shallow.lock", "HEAD.lock", "config.lock"}) {
            body.line("rm -f " + BashQuoting.doubleQuoted(dir + "/.git/" + lock));
        }
        body.line("rm -f " + BashQuoting.doubleQuoted(dir + "/.git/config"))
                .line("rm -rf " + BashQuoting.doubleQuoted(dir + "/.git/hooks"))
                .line("mkdir -p " + BashQuoting.doubleQuoted(template))
                .line("git config -f " + BashQuoting.doubleQuoted(template + "/config")
                        + " fetch.recurseSubmodules false")
                .line("git config -f " + BashQuoting.doubleQuoted(template + "/config")
                        + " credential.interactive never")
                .line("git init " + BashQuoting.doubleQuoted(dir) + " --template " + BashQuoting.doubleQuoted(template))
                .cd(dir)
                .line(insteadOf(ext, tokenUrl(job, job.projectPath + ".git"), remote))
                .line(insteadOf(ext, tokenUrl(job, ""), job.serverUrl()))
                .line("git config include.path " + BashQuoting.doubleQuoted(ext))
                .line("git remote add origin " + BashQuoting.quote(remote) + " || git remote set-url origin "
                        + BashQuoting.quote(remote))
                .line(fetch(job))
                .notice("Checking out " + job.sha.substring(0, 8) + " as detached HEAD (ref is " + job.ref + ")...")
                .line("git checkout -f -q " + job.sha)
                .line("git clean -ffdx")
                .notice("Skipping Git submodules setup")
                .line(credentialReject(job));
        return body.text();
    }

    /** Drops any credential a user's helper may have cached for the server (runner 19.3, !6609). */
    static String credentialReject(JobSpec job) {
        String input = "url=" + job.serverUrl() + "\nusername=gitlab-ci-token";
        return "echo " + BashQuoting.ansiC(input) + " | git credential reject || true";
    }

    private static String tokenUrl(JobSpec job, String path) {
        String base =
                job.gitlabUrl.getScheme() + "://gitlab-ci-token:" + job.token + "@" + job.gitlabUrl.getRawAuthority();
        return path.isEmpty() ? base : base + "/" + path;
    }

    private static String insteadOf(String extConfig, String withToken, String plain) {
        return "git config --file " + BashQuoting.doubleQuoted(extConfig) + " --replace-all "
                + BashQuoting.quote("url." + withToken + ".insteadOf") + " " + BashQuoting.quote(plain);
    }

    private static String fetch(JobSpec job) {
        StringBuilder cmd = new StringBuilder("git fetch origin --prune");
        cmd.append(' ').append(BashQuoting.quote("+refs/heads/" + job.ref + ":refs/remotes/origin/" + job.ref));
        cmd.append(' ').append(BashQuoting.quote("+refs/tags/*:refs/tags/*"));
        if (job.depth > 0) {
            cmd.append(" --depth ").append(job.depth);
        }
        return cmd.toString();
    }
}
