#!/usr/bin/env bash
# What the job network's set-up costs prepare, side by side in one run: prepare (then cleanup, not timed) of the same
# no-op job with this tree's driver ("net": egress-rules state check, a pool /24 picked from the listed job networks,
# network created with explicit subnet and bridge name) and with another build's jar (BENCH_BASE_JAR, e.g. the
# previous main: network created with Docker's own subnet choice), rounds interleaved, order alternating.
# Prints the median, min and max prepare wall time per variant. The egress rules must be installed
# (scripts/setup.sh). Usage: BENCH_BASE_JAR=<jar> scripts/bench-prepare-network.sh [rounds, default 9]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS="${1:-9}"
[ -f "${BENCH_BASE_JAR:-}" ] || { echo "set BENCH_BASE_JAR to the jar of the build to compare with" >&2; exit 1; }
work="$(mktemp -d /tmp/se-bench-net.XXXXXX)"
trap 'rm -rf "$work"' EXIT

prepare_once() { # variant id: appends "variant ms"
  local variant="$1" id="$2" dir="$work/job-$2" jar=() t0 t1
  [ "$variant" = base ] && jar=(env SECURE_EXECUTOR_JAR="$BENCH_BASE_JAR")
  mkdir -m 700 "$dir"
  printf '{"id": %s, "token": "glcbt-bench-%s", "job_info": {"project_full_path": "bench/noop"},
 "runner_info": {"timeout": 600}, "variables": [{"key": "CI_SERVER_URL", "value": "http://bench.invalid",
 "masked": false}]}\n' "$id" "$id" >"$dir/response.json"
  export JOB_RESPONSE_FILE="$dir/response.json" BUILD_EXIT_CODE_FILE="$dir/build_exit_code" TMPDIR="$dir" \
         BUILD_FAILURE_EXIT_CODE=1 SYSTEM_FAILURE_EXIT_CODE=2
  t0=$(date +%s%N)
  "${jar[@]}" "$ROOT/bin/secure-executor" prepare >"$dir/out" 2>&1 </dev/null || { cat "$dir/out" >&2; exit 1; }
  t1=$(date +%s%N)
  "${jar[@]}" "$ROOT/bin/secure-executor" cleanup >/dev/null 2>&1 </dev/null
  echo "$variant $(( (t1 - t0) / 1000000 ))" >>"$work/results"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for round in $(seq 1 "$ROUNDS"); do
  if (( round % 2 )); then order=(net base); else order=(base net); fi
  for k in 0 1; do prepare_once "${order[$k]}" $(( 810000000 + round * 10 + k )); done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
python3 - "$work/results" "$ROUNDS" <<'PY'
import sys, statistics as st, collections
ms = collections.defaultdict(list)
for line in open(sys.argv[1]):
    v, t = line.split(); ms[v].append(int(t))
print(f"prepare wall time, {sys.argv[2]} interleaved rounds\n")
print("| build | median | min | max |\n|---|---|---|---|")
for v in ("base", "net"):
    print(f"| {v} | {st.median(ms[v]):.0f} ms | {min(ms[v])} ms | {max(ms[v])} ms |")
print(f"| net - base | {st.median(ms['net']) - st.median(ms['base']):+.0f} ms | | |")
PY
