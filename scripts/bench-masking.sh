#!/usr/bin/env bash
# Masking throughput benchmarks.
#   scripts/bench-masking.sh                  # JMH (one fork, short runs): masker with 1/100/1000 production-shaped
#                                             # secrets, the per-byte scan baselines and the plain copy
#   scripts/bench-masking.sh -p secrets=100   # extra JMH options are passed through
#   MASKING_CLASSES=/tmp/old/classes scripts/bench-masking.sh ...
#                                             # the same benchmarks against another build of the engine's classes
#                                             # (e.g. main's, compiled with javac) for before/after runs
#   scripts/bench-masking.sh pipe [ROUNDS] [SIZE_MIB]
#                                             # the `secure-executor mask` pipe figure without the executor: times
#                                             # `cat F | cat` and `cat F | java PipeMask` (100 secrets, minLength 3)
#                                             # with the launcher's C1-only flags and with C2, interleaved, on a
#                                             # synthetic log of SIZE_MIB (default 1024) in /tmp, deleted afterwards;
#                                             # with MASKING_BASELINE=DIR also the engine classes in DIR, in the
#                                             # same rounds (before/after side by side)
#   scripts/bench-masking.sh cli [ROUNDS] [SIZE_MIB]
#                                             # the real CLI: `cat F | bin/secure-executor mask > /dev/null` with a
#                                             # JOB_RESPONSE_FILE holding the same 100 secrets as masked variables,
#                                             # against `cat F | cat` and a JVM plain copy (PipeCopy) on the same
#                                             # pipe, interleaved; builds the jar and its CDS/AOT archives first
# JMH scores are in ops/us with one op per byte, i.e. MB/s (10^6 bytes/s). Don't run it in parallel with other
# benchmarks: the machine is shared.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CP_FILE="$ROOT/masking/target/bench-classpath.txt"
mvn -B -q -Dstyle.color=never -pl masking test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test
ENGINE="${MASKING_CLASSES:-$ROOT/masking/target/classes}"
CP="$ROOT/masking/target/test-classes:$ENGINE:$(cat "$CP_FILE")"
echo "# $(java -version 2>&1 | head -1); nproc=$(nproc); $(uname -m); engine=$ENGINE; $(uptime)"

if [ "${1:-}" = cli ] || [ "${1:-}" = pipe ]; then
  mode="$1"
  rounds="${2:-3}"
  mib="${3:-1024}"
  work="$(mktemp -d /tmp/bench-masking-XXXXXX)"
  trap 'rm -rf "$work"' EXIT
  timed() { # label, command: wall seconds, MB/s, and the ratio to the round's cat
    local start end ns
    start=$(date +%s%N)
    bash -c "$2"
    end=$(date +%s%N)
    ns=$((end - start))
    [ "$1" = cat ] && cat_ns=$ns
    awk -v l="$1" -v ns=$ns -v c="$cat_ns" -v b=$((mib << 20)) \
      'BEGIN { printf "%-10s %6.2f s %7.0f MB/s %5.2fx cat\n", l, ns / 1e9, b / (ns / 1e3), c / ns }'
  }
  if [ "$mode" = cli ]; then
    mvn -B -q -Dstyle.color=never -pl executor -am package -DskipTests
    scripts/build-cds.sh > "$work/cds.log" 2>&1 || { cat "$work/cds.log" >&2; exit 1; }
    java -cp "$CP" dev.secureexecutor.masking.bench.JobResponseGen "$work/job.json" 100
  fi
  java -cp "$CP" dev.secureexecutor.masking.bench.LogGen "$work/log" $((mib << 20))
  cat "$work/log" > /dev/null
  c1=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xss512k -Xmx256m -XX:CICompilerCount=1)
  c2=(-XX:+UseSerialGC -XX:-UsePerfData -Xss512k -Xmx256m)
  base_cp="$ROOT/masking/target/test-classes:${MASKING_BASELINE:-}"
  pipe_mask() { # label, JVM options, classpath
    timed "$1" "cat '$work/log' | java $2 -cp '$3' dev.secureexecutor.masking.bench.PipeMask > /dev/null"
  }
  for round in $(seq 1 "$rounds"); do
    echo "# round $round: $(uptime)"
    timed cat "cat '$work/log' | cat > /dev/null"
    if [ "$mode" = cli ]; then
      timed jvm-copy "cat '$work/log' | java ${c2[*]} -cp '$CP' dev.secureexecutor.masking.bench.PipeCopy > /dev/null"
      timed mask "cat '$work/log' | JOB_RESPONSE_FILE='$work/job.json' bin/secure-executor mask > /dev/null"
      continue
    fi
    [ -z "${MASKING_BASELINE:-}" ] || pipe_mask base-C1 "${c1[*]}" "$base_cp"
    pipe_mask mask-C1 "${c1[*]}" "$CP"
    [ -z "${MASKING_BASELINE:-}" ] || pipe_mask base-C2 "${c2[*]}" "$base_cp"
    pipe_mask mask-C2 "${c2[*]}" "$CP"
  done
  exit 0
fi

exec java -cp "$CP" org.openjdk.jmh.Main 'dev\.secureexecutor\.masking\.bench\..*' \
  -f 1 -wi 2 -w 1s -i 3 -r 2s -tu us "$@"
