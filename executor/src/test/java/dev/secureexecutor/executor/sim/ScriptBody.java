package dev.secureexecutor.executor.sim;

import java.util.List;

/**
 * Accumulates the lines of a stage's script body, using the runner's idioms: ANSI-coloured notices, {@code export}
 * of every variable (file variables written under {@code <project>.tmp/}), {@code cd} into the project and each user
 * command echoed as {@code $ cmd} before it runs.
 */
final class ScriptBody {
    private static final String GREEN = "\u001b[32;1m";
    private static final String RESET = "\u001b[0;m";

    private final StringBuilder text = new StringBuilder();

    ScriptBody line(String line) {
        text.append(line).append('\n');
        return this;
    }

    ScriptBody notice(String message) {
        return line("echo " + BashQuoting.ansiC(GREEN + message + RESET));
    }

    ScriptBody cd(String dir) {
        return line("cd " + BashQuoting.quote(dir));
    }

    /**
     * Exports {@code variables}. With {@code writeFiles} (every exporting stage but cleanup_file_variables) the content
     * of each file variable is written to {@code <tempDir>/<KEY>}; otherwise only the path is exported.
     */
    ScriptBody exports(List<JobVariable> variables, String tempDir, boolean writeFiles) {
        boolean dirMade = false;
        for (JobVariable v : variables) {
            if (!v.file()) {
                line("export " + v.key() + "=" + BashQuoting.quote(v.value()));
                continue;
            }
            String path = tempDir + "/" + v.key();
            if (writeFiles) {
                if (!dirMade) {
                    line("mkdir -p " + BashQuoting.doubleQuoted(tempDir));
                    dirMade = true;
                }
                line("printf '%s' " + BashQuoting.ansiC(v.value()) + " > " + BashQuoting.doubleQuoted(path));
            }
            line("export " + v.key() + "=" + BashQuoting.doubleQuoted(path));
        }
        return this;
    }

    /** {@code GITLAB_ENV}: a dotenv file under {@code <project>.tmp} that each exporting stage sources. */
    ScriptBody sourceGitlabEnv(String tempDir) {
        String file = tempDir + "/gitlab_runner_env";
        return line("mkdir -p " + BashQuoting.doubleQuoted(tempDir))
                .line("export GITLAB_ENV=" + BashQuoting.doubleQuoted(file))
                .line("if [ -f \"$GITLAB_ENV\" ]; then set -o allexport; . \"$GITLAB_ENV\"; set +o allexport; fi");
    }

    /** A user command: echoed as {@code $ cmd} (first line only for multi-line commands), then run. */
    ScriptBody userCommand(String command) {
        String shown = command;
        int newline = command.indexOf('\n');
        if (newline >= 0) {
            shown = command.substring(0, newline) + " # collapsed multi-line command";
        }
        notice("$ " + shown);
        return line(command);
    }

    String text() {
        return text.toString();
    }
}
