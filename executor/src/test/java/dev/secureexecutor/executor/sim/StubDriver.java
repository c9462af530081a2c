package dev.secureexecutor.executor.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A tiny bash custom-executor driver that runs job scripts on the host, for testing the simulator itself without
 * Docker. Each call appends {@code <verb> <args> pid pgid cwd stdin} to {@code calls.log} and dumps its environment
 * to {@code env-<n>-<verb>}. Knobs (the runner's own environment): {@code STUB_PREPARE_EXITS="2 2 0"} scripts
 * prepare's exit codes attempt by attempt, {@code STUB_CONFIG_GARBAGE} makes config print non-JSON,
 * {@code STUB_RUN_IGNORE_TERM} makes run (and the script under it) ignore SIGTERM.
 */
final class StubDriver {
    private static final String SCRIPT = """
            #!/usr/bin/env bash
            set -u
            verb="$1"; shift
            dir="$STUB_DIR"
            n=$(( $(ls "$dir" | grep -c '^env-') + 1 ))
            env > "$dir/env-$n-$verb"
            echo "$verb $* pid=$$ pgid=$(ps -o pgid= -p $$ | tr -d ' ') cwd=$PWD stdin=$(readlink /proc/$$/fd/0)" >> "$dir/calls.log"
            case "$verb" in
              config)
                echo "stub config on stderr" >&2
                if [ -n "${STUB_CONFIG_GARBAGE:-}" ]; then echo "this is not json"; exit 0; fi
                printf '{"builds_dir":"%s","cache_dir":"%s","builds_dir_is_shared":false,"hostname":"stub-host",' "$dir/builds" "$dir/cache"
                printf '"driver":{"name":"stub","version":"0.1"},"shell":"bash","job_env":{"STUB_JOB_ENV":"from-config"}}\\n'
                ;;
              prepare)
                attempt=$(( $(cat "$dir/prepare-count" 2>/dev/null || echo 0) + 1 ))
                echo "$attempt" > "$dir/prepare-count"
                codes=(${STUB_PREPARE_EXITS:-0})
                code=${codes[$(( attempt - 1 ))]:-0}
                echo "stub prepare attempt $attempt exits $code"
                exit "$code"
                ;;
              run)
                script="$1"; stage="$2"
                if [ -n "${STUB_RUN_IGNORE_TERM:-}" ]; then trap '' TERM; fi
                bash "$script"
                rc=$?
                if [ "$rc" -ne 0 ]; then
                  echo "$rc" > "$BUILD_EXIT_CODE_FILE"
                  exit "$BUILD_FAILURE_EXIT_CODE"
                fi
                ;;
              cleanup)
                echo "stub cleanup"
                ;;
            esac
            """;

    final Path dir;
    final Path launcher;

    private StubDriver(Path dir, Path launcher) {
        this.dir = dir;
        this.launcher = launcher;
    }

    static StubDriver create(Path dir) throws IOException {
        Path launcher = dir.resolve("stub-driver");
        Files.writeString(launcher, SCRIPT, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwx------"));
        return new StubDriver(dir, launcher);
    }

    /** Settings for a simulator driving this stub; {@code extraEnv} reaches the stub as the runner's own env. */
    SimulatorSettings settings(Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("STUB_DIR", dir.toString());
        env.putAll(extraEnv);
        return SimulatorSettings.runnerDefaults(launcher)
                .withOwnEnvironment(env)
                .withPrepareRetryWait(java.time.Duration.ofMillis(100))
                .withKillTimeouts(java.time.Duration.ofSeconds(3), java.time.Duration.ofSeconds(5));
    }

    List<String> calls() throws IOException {
        Path log = dir.resolve("calls.log");
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    /** The environment the n-th call (1-based, any verb) saw. */
    Map<String, String> environmentOfCall(int n) throws IOException {
        try (var files = Files.list(dir)) {
            Path file = files.filter(p -> p.getFileName().toString().startsWith("env-" + n + "-"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no call " + n));
            Map<String, String> env = new HashMap<>();
            // env(1) output: values may hold newlines; a line without '=' continues the previous value
            String last = null;
            for (String line : Files.readAllLines(file)) {
                int eq = line.indexOf('=');
                if (eq > 0 && line.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    last = line.substring(0, eq);
                    env.put(last, line.substring(eq + 1));
                } else if (last != null) {
                    env.put(last, env.get(last) + "\n" + line);
                }
            }
            return env;
        }
    }
}
