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

if [ "${1:-}" = cli ]; then
  rounds="${2:-3}"
  mib="${3:-1024}"
  work="$(mktemp -d /tmp/bench-masking-XXXXXX)"
  trap 'rm -rf "$work"' EXIT
  mvn -B -q -Dstyle.color=never -pl executor -am package -DskipTests
  scripts/build-cds.sh > "$work/cds.log" 2>&1 || { cat "$work/cds.log" >&2; exit 1; }
  java -cp "$CP" dev.secureexecutor.masking.bench.LogGen "$work/log" $((mib << 20))
  java -cp "$CP" dev.secureexecutor.masking.bench.JobResponseGen "$work/job.json" 100
  cat "$work/log" > /dev/null
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
  for round in $(seq 1 "$rounds"); do
    echo "# round $round: $(uptime)"
    timed cat "cat '$work/log' | cat > /dev/null"
    timed jvm-copy "cat '$work/log' | java -XX:+UseSerialGC -XX:-UsePerfData -cp '$CP' dev.secureexecutor.masking.bench.PipeCopy > /dev/null"
    timed mask "cat '$work/log' | JOB_RESPONSE_FILE='$work/job.json' bin/secure-executor mask > /dev/null"
  done
  exit 0
fi

if [ "${1:-}" = pipe ]; then
  rounds="${2:-3}"
  mib="${3:-1024}"
  file="$(mktemp /tmp/bench-masking-XXXXXX.log)"
  trap 'rm -f "$file"' EXIT
  java -cp "$CP" dev.secureexecutor.masking.bench.LogGen "$file" $((mib << 20))
  c1=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xss512k -Xmx256m -XX:CICompilerCount=1)
  c2=(-XX:+UseSerialGC -XX:-UsePerfData -Xss512k -Xmx256m)
  run() { # label, command: prints wall seconds and MB/s
    local start end
    start=$(date +%s%N)
    bash -c "$2"
    end=$(date +%s%N)
    awk -v l="$1" -v ns=$((end - start)) -v b=$((mib << 20)) \
      'BEGIN { printf "%-9s %6.2f s %7.0f MB/s\n", l, ns / 1e9, b / (ns / 1e3) }'
  }
  cat "$file" > /dev/null
  base_cp="$ROOT/masking/target/test-classes:${MASKING_BASELINE:-}"
  for round in $(seq 1 "$rounds"); do
    echo "# round $round: $(uptime)"
    run cat "cat '$file' | cat > /dev/null"
    if [ -n "${MASKING_BASELINE:-}" ]; then
      run base-C1 "cat '$file' | java ${c1[*]} -cp '$base_cp' dev.secureexecutor.masking.bench.PipeMask > /dev/null"
    fi
    run mask-C1 "cat '$file' | java ${c1[*]} -cp '$CP' dev.secureexecutor.masking.bench.PipeMask > /dev/null"
    if [ -n "${MASKING_BASELINE:-}" ]; then
      run base-C2 "cat '$file' | java ${c2[*]} -cp '$base_cp' dev.secureexecutor.masking.bench.PipeMask > /dev/null"
    fi
    run mask-C2 "cat '$file' | java ${c2[*]} -cp '$CP' dev.secureexecutor.masking.bench.PipeMask > /dev/null"
  done
  exit 0
fi

exec java -cp "$CP" org.openjdk.jmh.Main 'dev\.secureexecutor\.masking\.bench\..*' \
  -f 1 -wi 2 -w 1s -i 3 -r 2s -tu us "$@"
