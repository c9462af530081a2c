#!/usr/bin/env bash
# Output latency: how long a line printed by a job takes to reach the runner through the driver (exec stream,
# masking, stdout). A real job container prints `$EPOCHREALTIME` every 100 ms; the host reads the launcher's
# stdout and subtracts the printed time from its arrival time (same clock: the container shares the host's).
# Usage: scripts/bench-latency.sh [lines, default 50]. Prints median, p95 and max in ms.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LINES="${1:-50}"
bash "$ROOT/scripts/setup.sh" >/dev/null
work="$(mktemp -d /tmp/se-latency.XXXXXX)"
id=$(( 700000000 + RANDOM ))
export JOB_RESPONSE_FILE="$work/response.json" BUILD_EXIT_CODE_FILE="$work/build_exit_code" TMPDIR="$work" \
       BUILD_FAILURE_EXIT_CODE=1 SYSTEM_FAILURE_EXIT_CODE=2
trap '"$ROOT/bin/secure-executor" cleanup >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
cat >"$work/response.json" <<JSON
{"id": $id, "token": "glcbt-latency-$id", "runner_info": {"timeout": 600},
 "variables": [{"key": "CI_JOB_TOKEN", "value": "glcbt-latency-$id", "masked": true},
               {"key": "CI_SERVER_URL", "value": "http://latency.invalid", "masked": false}]}
JSON
printf 'for ((i = 0; i < %d; i++)); do echo "$EPOCHREALTIME"; sleep 0.1; done\n' "$LINES" >"$work/script"
"$ROOT/bin/secure-executor" prepare >/dev/null 2>&1
"$ROOT/bin/secure-executor" run "$work/script" build_script 2>/dev/null | while IFS= read -r printed; do
  arrived="$EPOCHREALTIME"
  echo "$printed $arrived"
done >"$work/samples"
python3 - "$work/samples" <<'PY'
import sys, statistics as st
d = sorted((float(b) - float(a)) * 1000 for a, b in (l.split() for l in open(sys.argv[1]) if len(l.split()) == 2))
p95 = d[min(len(d) - 1, int(round(0.95 * (len(d) - 1))))]
print(f"lines {len(d)}: median {st.median(d):.1f} ms, p95 {p95:.1f} ms, max {d[-1]:.1f} ms (printed in the job -> read by the runner)")
PY
