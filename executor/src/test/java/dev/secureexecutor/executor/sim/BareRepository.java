package dev.secureexecutor.executor.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Creates {@code <root>/<group>/<project>.git}, a bare repository with one commit on {@code main}, made with fixed
 * author and dates so the same files always give the same sha.
 */
final class BareRepository {
    /** The default content: a README and a build script whose output is deterministic. */
    static final Map<String, String> DEFAULT_FILES = defaultFiles();

    private BareRepository() {}

    /** Returns the commit sha of {@code main}. */
    static String create(Path root, String projectPath, Map<String, String> files) throws IOException {
        Path bare = root.resolve(projectPath + ".git");
        Files.createDirectories(bare.getParent());
        Path work = Files.createTempDirectory("fake-gitlab-work");
        try {
            git(root, "init", "-q", "--bare", "-b", "main", bare.toString());
            git(work, "init", "-q", "-b", "main", ".");
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path file = work.resolve(f.getKey());
                Files.createDirectories(file.getParent());
                Files.writeString(file, f.getValue(), StandardCharsets.UTF_8);
                if (f.getKey().endsWith(".sh")) {
                    file.toFile().setExecutable(true, false);
                }
            }
            git(work, "add", "-A");
            git(work, "commit", "-q", "-m", "Initial commit");
            git(work, "push", "-q", bare.toString(), "main");
            return git(work, "rev-parse", "HEAD").trim();
        } finally {
            RunnerTempDir.delete(work);
        }
    }

    private static String git(Path dir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                "git",
                "-c",
                "user.name=Fake GitLab",
                "-c",
                "user.email=fake-gitlab@example.invalid",
                "-c",
                "commit.gpgsign=false"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("GIT_"));
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.put("GIT_AUTHOR_DATE", "2025-01-01T00:00:00Z");
        env.put("GIT_COMMITTER_DATE", "2025-01-01T00:00:00Z");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("git " + String.join(" ", args) + " failed: " + out.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted running git", e);
        }
        return out;
    }

    private static Map<String, String> defaultFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("README.md", "# sample project\n\nServed by the fake GitLab of secure-executor's tests.\n");
        files.put("build.sh", """
                #!/usr/bin/env bash
                set -euo pipefail
                units=$(ls -1 | wc -l)
                echo "build.sh: compiling ${units} files"
                echo "BUILD-RESULT: sample-project ok"
                """);
        return java.util.Collections.unmodifiableMap(files);
    }
}
