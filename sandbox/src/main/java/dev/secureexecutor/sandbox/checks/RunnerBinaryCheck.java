package dev.secureexecutor.sandbox.checks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code runner.gitlab_runner_binary} is mounted read-only into every job: it must be an executable file on this
 * host, never a socket or a directory. The policy schema already refused anything that is not an absolute path to a
 * {@code gitlab-runner}; this rule judges what is on the disk.
 */
public final class RunnerBinaryCheck implements Check<String> {
    public static final String KEY = "runner.gitlab-runner-binary";

    /** @param binary the policy's {@code runner.gitlab_runner_binary}; empty when none is mounted (nothing to judge) */
    @Override
    public List<Finding> judge(String binary) {
        if (binary.isEmpty()) {
            return List.of();
        }
        Path path = Path.of(binary);
        if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
            return List.of(Finding.fail(
                    KEY,
                    "runner.gitlab_runner_binary " + binary + " is not an executable file on"
                            + " this host: mounting anything else (a socket, a directory) would expose the host to the job",
                    "point runner.gitlab_runner_binary at the gitlab-runner executable, or leave it empty"));
        }
        return List.of(Finding.pass(KEY, binary + " is an executable file; jobs get it read-only"));
    }
}
