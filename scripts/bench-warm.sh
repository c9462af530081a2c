#!/usr/bin/env bash
# The warm driver (docs/WARM-DRIVER.md) against the docker-CLI driver, interleaved in one run, median of rounds.
#   scripts/bench-warm.sh job [rounds=9]        whole no-op job (config, prepare, 4 run stages, cleanup), per stage;
#                                               and the warm `run` stage against `docker exec -i … bash` of the same
#                                               script on the same container (order alternating); agent peak RSS
#   scripts/bench-warm.sh concurrent [rounds=3] 8 no-op jobs at once per variant: total wall time and the peak of
#                                               the summed RSS of the variant's processes (sampled every 50 ms)
# Variants: warm (bin/secure-executor as installed: the agent is on by default), cold (SECURE_EXECUTOR_AGENT=off,
# job mode only), docker-cli (scripts/bench/docker-cli-driver.sh). Stages run straight from this shell, as the
# runner runs them (no wrapper process: the agent serves the children of the process that ran prepare). Run it in
# its own process group (setsid) so that the concurrent mode's RSS sum covers only its own processes.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODE="${1:-job}"
ROUNDS="${2:-$([ "$MODE" = job ] && echo 9 || echo 3)}"
work="$(mktemp -d /tmp/se-warm-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT
now() { local t=$EPOCHREALTIME; echo $(( ${t/./} / 1000 )); }
BASE_ID=$(( 830000000 + ($$ % 1000) * 1000 ))

driver() {
  case "$1" in
    warm) "$ROOT/bin/secure-executor" "${@:2}" ;;
    cold) SECURE_EXECUTOR_AGENT=off "$ROOT/bin/secure-executor" "${@:2}" ;;
    docker-cli) "$ROOT/scripts/bench/docker-cli-driver.sh" "${@:2}" ;;
  esac
}

script() { # a script shaped like the runner's bash wrapper
  printf '%s\n' '#!/usr/bin/env bash' "trap 'exit 1' TERM" \
    'case "$(set -o)" in *"pipefail"*) set -o pipefail;; esac; set -o errexit' 'set +o noclobber' \
    "(trap 'exit 1' TERM; eval \$'$1') < /dev/null" 'exit 0' >"$2"
}

setup_job() { # id dir: the runner's <tmp> for one job
  mkdir -m 700 "$2"
  cat >"$2/response.json" <<JSON
{"id": $1, "token": "glcbt-bench-$1", "job_info": {"project_full_path": "bench/noop"},
 "runner_info": {"timeout": 600},
 "variables": [{"key": "CI_JOB_TOKEN", "value": "glcbt-bench-$1", "masked": true},
               {"key": "CI_SERVER_URL", "value": "http://bench.invalid", "masked": false}]}
JSON
  script 'echo "Running on $(hostname)..."' "$2/prepare_script"
  script 'export CI_JOB_TOKEN=glcbt-bench-x\necho "Fetching changes..."' "$2/get_sources"
  script 'export CI_JOB_TOKEN=glcbt-bench-x\necho "$ true"\ntrue' "$2/build_script"
  script 'rm -f /builds/bench/noop.tmp/.gitlab-runner.ext.conf' "$2/cleanup_file_variables"
}

job_env() { # dir
  export JOB_RESPONSE_FILE="$1/response.json" BUILD_EXIT_CODE_FILE="$1/build_exit_code" TMPDIR="$1" \
         BUILD_FAILURE_EXIT_CODE=1 SYSTEM_FAILURE_EXIT_CODE=2
}

timed() { # variant name args...: appends "variant name ms"
  local t0; t0=$(now)
  driver "$1" "${@:3}" >/dev/null 2>&1 </dev/null || true
  echo "$1 $2 $(( $(now) - t0 ))" >>"$work/results"
}

container_of() { # variant job-id
  if [ "$1" = docker-cli ]; then echo "bench-cli-$2"; else
    docker ps -q --filter "label=dev.secureexecutor.job-id=$2" | head -1; fi
}

one_job() { # variant id
  local v="$1" id="$2" dir="$work/job-$2" t0 c pid
  setup_job "$id" "$dir"
  job_env "$dir"
  t0=$(now)
  timed "$v" config config
  timed "$v" prepare prepare
  for s in prepare_script get_sources build_script cleanup_file_variables; do
    timed "$v" "run:$s" run "$dir/$s" "$s"
  done
  local before_cleanup; before_cleanup=$(now)
  if [ "$v" = warm ]; then # the run stage against docker exec on the same container, order alternating
    c="$(container_of "$v" "$id")"
    local rt=${SECURE_EXECUTOR_RUNTIME_DIR:-${XDG_RUNTIME_DIR:+$XDG_RUNTIME_DIR/secure-executor}}
    pid="$(cut -d' ' -f1 "${rt:-/tmp/secure-executor-$EUID}/${JOB_RESPONSE_FILE//[^A-Za-z0-9._-]/_}/pid" 2>/dev/null || true)"
    [ -z "$pid" ] || echo "agent rss $(awk '/VmHWM/ {print $2}' "/proc/$pid/status")" >>"$work/results"
    for k in 1 2; do
      if (( (id + k) % 2 )); then timed warm pair:run run "$dir/build_script" build_script
      else local e0; e0=$(now); docker exec -i -u 1000:1000 -w /builds "$c" bash <"$dir/build_script" >/dev/null 2>&1 || true
        echo "warm pair:docker-exec $(( $(now) - e0 ))" >>"$work/results"; fi
    done
  fi
  local paired=$(( $(now) - before_cleanup ))
  timed "$v" cleanup cleanup
  echo "$v JOB $(( $(now) - t0 - paired ))" >>"$work/results"
}

concurrent() { # variant round: 8 jobs at once; total time and peak summed RSS
  local v="$1" r="$2" k="$3" t0 i sampler pgid
  pgid=$(ps -o pgid= $$ | tr -d ' ')
  # everything this bench starts (launchers, JVMs, agents, docker CLIs) is in its process group; the sampler's own
  # ps, awk and sleep are left out
  ( while :; do ps -eo rss=,pgid=,comm= | awk -v g="$pgid" '$2 == g && $3 !~ /^(ps|awk|sleep)$/ {s += $1}
      END {print s + 0}'; sleep 0.05; done ) >"$work/rss-$v-$r" &
  sampler=$!
  t0=$(now)
  for i in $(seq 1 8); do
    ( id=$(( BASE_ID + 500 + r * 20 + k * 10 + i )); setup_job "$id" "$work/c-$v-$r-$i"; job_env "$work/c-$v-$r-$i"
      driver "$v" config; driver "$v" prepare
      for s in prepare_script get_sources build_script cleanup_file_variables; do
        driver "$v" run "$work/c-$v-$r-$i/$s" "$s"; done
      driver "$v" cleanup ) >/dev/null 2>&1 </dev/null &
  done
  wait $(jobs -p | grep -v "^$sampler\$")
  echo "$v CONC $(( $(now) - t0 )) $(sort -n "$work/rss-$v-$r" | tail -1)" >>"$work/results"
  kill "$sampler"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for round in $(seq 1 "$ROUNDS"); do
  if [ "$MODE" = job ]; then variants=(warm docker-cli cold); else variants=(warm docker-cli); fi
  (( round % 2 )) || variants=($(printf '%s\n' "${variants[@]}" | tac))
  for k in "${!variants[@]}"; do # job ids of their own (other benches may share the engine)
    if [ "$MODE" = job ]; then one_job "${variants[$k]}" $(( BASE_ID + round * 10 + k ))
    else concurrent "${variants[$k]}" "$round" "$k"; fi
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
python3 - "$work/results" "$MODE" "$ROUNDS" <<'PY'
import sys, statistics as st, collections
rows = [l.split() for l in open(sys.argv[1])]
mode, rounds = sys.argv[2], sys.argv[3]
if mode == "concurrent":
    t = collections.defaultdict(list); m = collections.defaultdict(list)
    for v, _, ms, rss in rows: t[v].append(int(ms)); m[v].append(int(rss))
    print(f"8 concurrent no-op jobs, median of {rounds} rounds\n\n| variant | total | peak summed RSS |\n|---|---|---|")
    for v in t: print(f"| {v} | {st.median(t[v]):.0f} ms | {st.median(m[v]) / 1024:.0f} MB |")
    print(f"| warm / docker-cli | {st.median(t['warm']) / st.median(t['docker-cli']):.2f}x | |")
    sys.exit()
w = collections.defaultdict(list); agent = []
for r in rows:
    if r[0] == "agent": agent.append(int(r[2]))
    else: w[(r[0], r[1])].append(int(r[2]))
variants = [v for v in ["warm", "docker-cli", "cold"] if (v, "JOB") in w]
stages = ["config", "prepare", "run:prepare_script", "run:get_sources", "run:build_script",
          "run:cleanup_file_variables", "cleanup"]
print(f"Median of {rounds} interleaved rounds, wall ms.\n\n| stage | " + " | ".join(variants) + " |")
print("|---|" + "---|" * len(variants))
for s in stages + ["JOB"]:
    print(f"| {s} | " + " | ".join(f"{st.median(w[(v, s)]):.0f}" for v in variants) + " |")
job = {v: st.median(w[(v, "JOB")]) for v in variants}
print("| ratio to docker-cli | " + " | ".join(f"{job[v] / job['docker-cli']:.2f}x" for v in variants) + " |")
run, ex = st.median(w[("warm", "pair:run")]), st.median(w[("warm", "pair:docker-exec")])
print(f"\nrun stage, same script and container: warm run {run:.0f} ms, docker exec -i bash {ex:.0f} ms: {run / ex:.2f}x")
if agent: print(f"agent peak RSS (VmHWM before cleanup): median {st.median(agent) / 1024:.0f} MB, max {max(agent) / 1024:.0f} MB")
PY
