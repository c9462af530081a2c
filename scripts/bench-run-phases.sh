#!/usr/bin/env bash
# Where a `run` stage's time goes, for two builds of the driver side by side: one no-op job is prepared once, then
# its `run` stage is called alternately with each build (SECURE_EXECUTOR_DEBUG=1), and the phases it logs are
# collected: policy, payload and masker; Docker client; the rest of `run` (the exec's API calls); wall time.
# A build is a jar with its archives next to it (SECURE_EXECUTOR_JAR=<jar> scripts/build-cds.sh). Needs Docker and the
# default job image; wrap it in flock /tmp/docker-it.lock on a shared machine.
# Usage: scripts/bench-run-phases.sh BASE_JAR [NEW_JAR, default executor/target/secure-executor.jar] [rounds, default 10]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BASE="${1:?usage: scripts/bench-run-phases.sh BASE_JAR [NEW_JAR] [rounds]}"
NEW="${2:-$ROOT/executor/target/secure-executor.jar}"
ROUNDS="${3:-10}"
for jar in "$BASE" "$NEW"; do
  [ "${jar%.jar}.aot" -nt "$jar" ] || [ "${jar%.jar}.jsa" -nt "$jar" ] || echo "warning: no archive newer than $jar," \
    "so it runs a plain JVM (SECURE_EXECUTOR_JAR=$jar scripts/build-cds.sh)" >&2
done
dir="$(mktemp -d /tmp/se-phases.XXXXXX)"
chmod 700 "$dir"
id=$(( 810000000 + RANDOM ))
cat >"$dir/response.json" <<JSON
{"id": $id, "token": "glcbt-bench-$id", "job_info": {"project_full_path": "bench/noop"}, "runner_info": {"timeout": 600},
 "variables": [{"key": "CI_JOB_TOKEN", "value": "glcbt-bench-$id", "masked": true},
               {"key": "CI_SERVER_URL", "value": "http://bench.invalid", "masked": false}]}
JSON
printf 'echo hi\n' >"$dir/script"
export JOB_RESPONSE_FILE="$dir/response.json" BUILD_EXIT_CODE_FILE="$dir/code" TMPDIR="$dir" \
       BUILD_FAILURE_EXIT_CODE=1 SYSTEM_FAILURE_EXIT_CODE=2
trap 'SECURE_EXECUTOR_JAR="$NEW" "$ROOT/bin/secure-executor" cleanup >/dev/null 2>&1 </dev/null; rm -rf "$dir"' EXIT
SECURE_EXECUTOR_JAR="$NEW" "$ROOT/bin/secure-executor" prepare >/dev/null 2>&1 </dev/null
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for round in $(seq 1 "$ROUNDS"); do
  order="base new"
  (( round % 2 )) || order="new base"
  for build in $order; do
    jar="$BASE"
    [ "$build" = new ] && jar="$NEW"
    t0=$(date +%s%N)
    log=$(SECURE_EXECUTOR_JAR="$jar" SECURE_EXECUTOR_DEBUG=1 "$ROOT/bin/secure-executor" run "$dir/script" bench \
          2>&1 >/dev/null </dev/null)
    t1=$(date +%s%N)
    phases=$(sed -n 's/.*policy, payload and masker \([0-9]*\) ms; Docker client \([0-9]*\) ms.*/\1 \2/p' <<<"$log")
    took=$(sed -n 's/.*run took \([0-9]*\) ms.*/\1/p' <<<"$log")
    [ -n "$phases" ] && [ -n "$took" ] || { echo "no phases logged by $build: $log" >&2; exit 1; }
    echo "$build $phases $took $(( (t1 - t0) / 1000000 ))" >>"$dir/results"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
python3 - "$dir/results" "$ROUNDS" <<'PY'
import sys, statistics as st, collections
d = collections.defaultdict(lambda: [[], [], [], []])
for line in open(sys.argv[1]):
    build, *values = line.split()
    for i, v in enumerate(values):
        d[build][i].append(int(v))
print(f"Median of {sys.argv[2]} interleaved rounds, ms.\n")
print("| build | policy, payload and masker | Docker client | rest of `run` (exec API calls) | `run` in main | wall |")
print("|---|---|---|---|---|---|")
for build in ("base", "new"):
    policy, client, took, wall = d[build]
    rest = [t - p - c for p, c, t in zip(policy, client, took)]
    print(f"| {build} | {st.median(policy):.0f} | {st.median(client):.0f} | {st.median(rest):.0f}"
          f" | {st.median(took):.0f} | {st.median(wall):.0f} |")
PY
