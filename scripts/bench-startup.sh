#!/usr/bin/env bash
# Start-up cost of two builds of the driver, side by side in one run (no Docker needed):
#   mask       cold `bin/secure-executor mask </dev/null` with JOB_RESPONSE_FILE=<payload> (wall time)
#   mask-none  the same without JOB_RESPONSE_FILE (the floor: JVM start, masked output, no payload)
#   phase      the `run` stage's "policy, payload and masker" phase, as SECURE_EXECUTOR_DEBUG=1 logs it; DOCKER_HOST
#              names a socket that does not exist, so the stage stops right after that phase
# each on the JDK 25 AOT cache ("aot") and on JDK 17 with the CDS archive ("cds"). A build is a jar with its archives
# next to it (SECURE_EXECUTOR_JAR=<jar> scripts/build-cds.sh builds them); the launcher ignores archives older than
# the jar, so build them after the jar. Rounds interleave every case in a rotating order.
# Usage: scripts/bench-startup.sh BASE_JAR [NEW_JAR, default executor/target/secure-executor.jar] [rounds, default 10]
# Prints medians and ranges in ms as a Markdown table, and the load average before and after.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BASE="${1:?usage: scripts/bench-startup.sh BASE_JAR [NEW_JAR] [rounds]}"
NEW="${2:-$ROOT/executor/target/secure-executor.jar}"
ROUNDS="${3:-10}"
PAYLOAD="${BENCH_PAYLOAD:-$ROOT/executor/src/test/resources/payloads/full.json}"
JDK17="${BENCH_JDK17:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/bin/java}"
for jar in "$BASE" "$NEW"; do
  [ -f "${jar%.jar}.jsa" ] && [ "${jar%.jar}.jsa" -nt "$jar" ] \
    || { echo "no CDS archive newer than $jar: run SECURE_EXECUTOR_JAR=$jar scripts/build-cds.sh" >&2; exit 1; }
  [ -f "${jar%.jar}.aot" ] && [ "${jar%.jar}.aot" -nt "$jar" ] || echo "note: no AOT cache for $jar; aot = cds" >&2
done
work="$(mktemp -d /tmp/se-startup.XXXXXX)"
trap 'rm -rf "$work"' EXIT
chmod 700 "$work"
printf 'true\n' >"$work/script"

# one measurement: appends "build jvm case ms" to results
measure() {
  local build="$1" jvm="$2" what="$3" jar ms t0 t1
  jar="$BASE"; [ "$build" = new ] && jar="$NEW"
  local -a env=(SECURE_EXECUTOR_JAR="$jar" TMPDIR="$work")
  [ "$jvm" = cds ] && env+=(SECURE_EXECUTOR_JAVA="$JDK17")
  case "$what" in
    mask)
      t0=$(date +%s%N)
      env "${env[@]}" JOB_RESPONSE_FILE="$PAYLOAD" "$ROOT/bin/secure-executor" mask </dev/null >/dev/null
      t1=$(date +%s%N); ms=$(( (t1 - t0) / 1000000 )) ;;
    mask-none)
      t0=$(date +%s%N)
      env -u JOB_RESPONSE_FILE "${env[@]}" "$ROOT/bin/secure-executor" mask </dev/null >/dev/null
      t1=$(date +%s%N); ms=$(( (t1 - t0) / 1000000 )) ;;
    phase)
      ms=$(env "${env[@]}" JOB_RESPONSE_FILE="$PAYLOAD" SECURE_EXECUTOR_DEBUG=1 \
             DOCKER_HOST="unix://$work/no-docker.sock" "$ROOT/bin/secure-executor" run "$work/script" bench \
             </dev/null 2>&1 >/dev/null | sed -n 's/.*policy, payload and masker \([0-9]*\) ms.*/\1/p' || true) ;;
  esac
  [ -n "$ms" ] || { echo "no figure for $build $jvm $what" >&2; exit 1; }
  echo "$build $jvm $what $ms" >>"$work/results"
}

cases=()
for what in mask mask-none phase; do
  for jvm in aot cds; do
    for build in base new; do cases+=("$build $jvm $what"); done
  done
done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for round in $(seq 1 "$ROUNDS"); do
  n=${#cases[@]}
  for k in $(seq 0 $((n - 1))); do
    # rotate, and reverse every other round, so that no case always follows the same one
    if (( round % 2 )); then i=$(( (k + round) % n )); else i=$(( (n - 1 - k + round) % n )); fi
    measure ${cases[$i]}
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

python3 - "$work/results" "$ROUNDS" "$PAYLOAD" <<'PY'
import sys, statistics as st, collections
res = collections.defaultdict(list)
for line in open(sys.argv[1]):
    build, jvm, what, ms = line.split()
    res[(build, jvm, what)].append(int(ms))
print(f"Median (min–max) of {sys.argv[2]} interleaved rounds, ms. Payload: {sys.argv[3]}\n")
print("| case | JVM | base | new | new − base |")
print("|---|---|---|---|---|")
for what, label in [("mask", "`mask </dev/null` with the payload"), ("mask-none", "`mask </dev/null` without payload"),
                    ("phase", "`run`: policy, payload and masker")]:
    for jvm in ("aot", "cds"):
        b, n = res[("base", jvm, what)], res[("new", jvm, what)]
        cell = lambda v: f"{st.median(v):.0f} ({min(v)}–{max(v)})"
        print(f"| {label} | {jvm} | {cell(b)} | {cell(n)} | {st.median(n) - st.median(b):+.0f} |")
PY
