#!/usr/bin/env bash
# Whole-job driver overhead, side by side in one run: the same no-op job (config, prepare, four run stages as the
# runner calls them for a job without cache or artifacts, cleanup) through
#   java-aot   bin/secure-executor as installed (JDK 25 AOT cache when built, else JDK 17 + CDS)
#   java-cds   bin/secure-executor on JDK 17 with the CDS archive
#   java-plain the same jar on JDK 17 with no archive
#   docker-cli scripts/bench/docker-cli-driver.sh (plain docker CLI doing the same Docker work)
# With BENCH_BASE_JAR=<jar> (another build, with its archives next to it: SECURE_EXECUTOR_JAR=<jar>
# scripts/build-cds.sh), two more variants compare it with this tree's build in the same run:
#   base-aot   bin/secure-executor with that jar (its AOT cache when built, else its CDS archive)
#   base-cds   the same on JDK 17 with its CDS archive
# Rounds interleave the variants. Prints medians of wall time and peak RSS per stage, whole-job medians and the
# ratio to docker-cli, as a Markdown table. Usage: scripts/bench-driver.sh [rounds, default 7]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS="${1:-7}"
bash "$ROOT/scripts/setup.sh" >/dev/null
JAR="$ROOT/executor/target/secure-executor.jar"
JDK17="${BENCH_JDK17:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/bin/java}"
work="$(mktemp -d /tmp/se-bench.XXXXXX)"
trap '[ -n "${BENCH_KEEP:-}" ] || rm -rf "$work"' EXIT
mkdir -p "$work/plain" && cp "$JAR" "$work/plain/secure-executor.jar"

driver_cmd() {
  case "$1" in
    java-aot) echo "$ROOT/bin/secure-executor" ;;
    java-cds) echo "env SECURE_EXECUTOR_JAVA=$JDK17 $ROOT/bin/secure-executor" ;;
    java-plain) echo "env SECURE_EXECUTOR_JAVA=$JDK17 SECURE_EXECUTOR_JAR=$work/plain/secure-executor.jar $ROOT/bin/secure-executor" ;;
    docker-cli) echo "$ROOT/scripts/bench/docker-cli-driver.sh" ;;
    base-aot) echo "env SECURE_EXECUTOR_JAR=$BENCH_BASE_JAR $ROOT/bin/secure-executor" ;;
    base-cds) echo "env SECURE_EXECUTOR_JAVA=$JDK17 SECURE_EXECUTOR_JAR=$BENCH_BASE_JAR $ROOT/bin/secure-executor" ;;
  esac
}

# one stage: appends "variant stage wall_ms rss_kb" to results
stage() {
  local variant="$1" name="$2"; shift 2
  local t0 t1 rss
  t0=$(date +%s%N)
  /usr/bin/time -f '%M' -o "$work/rss" $(driver_cmd "$variant") "$@" >/dev/null 2>/dev/null </dev/null || true
  rss="$(tail -1 "$work/rss")"
  t1=$(date +%s%N)
  echo "$variant $name $(( (t1 - t0) / 1000000 )) $rss" >>"$work/results"
}

script() { # a script shaped like the runner's bash wrapper
  printf '%s\n' '#!/usr/bin/env bash' "trap 'exit 1' TERM" \
    'case "$(set -o)" in *"pipefail"*) set -o pipefail;; esac; set -o errexit' 'set +o noclobber' \
    "(trap 'exit 1' TERM; eval \$'$1') < /dev/null" 'exit 0' >"$2"
}

job() {
  local variant="$1" id="$2" dir="$work/job-$2"
  mkdir -m 700 "$dir"
  cat >"$dir/response.json" <<JSON
{"id": $id, "token": "glcbt-bench-$id", "job_info": {"project_full_path": "bench/noop"},
 "runner_info": {"timeout": 600},
 "variables": [{"key": "CI_JOB_TOKEN", "value": "glcbt-bench-$id", "masked": true},
               {"key": "CI_SERVER_URL", "value": "http://bench.invalid", "masked": false}]}
JSON
  script 'echo "Running on $(hostname)..."' "$dir/prepare_script"
  script 'export CI_JOB_TOKEN=glcbt-bench-x\necho "Fetching changes..."' "$dir/get_sources"
  script 'export CI_JOB_TOKEN=glcbt-bench-x\necho "$ true"\ntrue' "$dir/build_script"
  script 'rm -f /builds/bench/noop.tmp/.gitlab-runner.ext.conf' "$dir/cleanup_file_variables"
  export JOB_RESPONSE_FILE="$dir/response.json" BUILD_EXIT_CODE_FILE="$dir/build_exit_code" TMPDIR="$dir" \
         BUILD_FAILURE_EXIT_CODE=1 SYSTEM_FAILURE_EXIT_CODE=2
  local t0 t1
  t0=$(date +%s%N)
  stage "$variant" config config
  stage "$variant" prepare prepare
  for s in prepare_script get_sources build_script cleanup_file_variables; do
    stage "$variant" "run:$s" run "$dir/$s" "$s"
  done
  stage "$variant" cleanup cleanup
  t1=$(date +%s%N)
  echo "$variant JOB $(( (t1 - t0) / 1000000 )) 0" >>"$work/results"
}

variants=(java-aot java-cds java-plain docker-cli)
if [ -n "${BENCH_BASE_JAR:-}" ]; then
  [ -f "$BENCH_BASE_JAR" ] || { echo "BENCH_BASE_JAR $BENCH_BASE_JAR does not exist" >&2; exit 1; }
  [ "${BENCH_BASE_JAR%.jar}.jsa" -nt "$BENCH_BASE_JAR" ] || echo "warning: no CDS archive newer than" \
    "$BENCH_BASE_JAR, so base-* run a plain JVM (SECURE_EXECUTOR_JAR=$BENCH_BASE_JAR scripts/build-cds.sh)" >&2
  variants=(java-aot base-aot java-cds base-cds java-plain docker-cli)
fi
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for round in $(seq 1 "$ROUNDS"); do
  # rotate the order each round so no variant always runs first, and reverse it every other round so no variant
  # always follows the same one
  n=${#variants[@]}
  for k in $(seq 0 $(( n - 1 ))); do
    if (( round % 2 )); then i=$(( (k + round) % n )); else i=$(( (n - 1 - k + round) % n )); fi
    v="${variants[$i]}"
    job "$v" $(( 800000000 + round * 10 + k ))
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

python3 - "$work/results" "$ROUNDS" "${variants[@]}" <<'PY'
import sys, statistics as st, collections
rows = [l.split() for l in open(sys.argv[1])]
wall = collections.defaultdict(list); rss = collections.defaultdict(list)
for v, s, w, r in rows:
    wall[(v, s)].append(int(w)); rss[(v, s)].append(int(r))
variants = sys.argv[3:]
stages = ["config", "prepare", "run:prepare_script", "run:get_sources", "run:build_script",
          "run:cleanup_file_variables", "cleanup"]
print(f"Median of {sys.argv[2]} interleaved rounds. Wall time in ms / peak RSS in MB.\n")
print("| stage | " + " | ".join(variants) + " |")
print("|---|" + "---|" * len(variants))
for s in stages:
    cells = [f"{st.median(wall[(v, s)]):.0f} ms / {st.median(rss[(v, s)]) / 1024:.0f} MB" for v in variants]
    print(f"| {s} | " + " | ".join(cells) + " |")
job = {v: st.median(wall[(v, "JOB")]) for v in variants}
print("| **whole job** | " + " | ".join(f"**{job[v]:.0f} ms**" for v in variants) + " |")
print("| ratio to docker-cli | " + " | ".join(f"{job[v] / job['docker-cli']:.2f}x" for v in variants) + " |")
PY
