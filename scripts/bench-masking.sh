#!/usr/bin/env bash
# Masking throughput benchmark (JMH, one fork, short runs; a few minutes in all).
#   scripts/bench-masking.sh                 # all benchmarks: masker with 1/100/1000 secrets and the plain copy
#   scripts/bench-masking.sh -p secrets=100  # extra JMH options are passed through
# Scores are in ops/us with one op per byte, i.e. MB/s (10^6 bytes/s). Don't run it in parallel with other
# benchmarks: the machine is shared.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CP_FILE="$ROOT/masking/target/bench-classpath.txt"
mvn -B -q -Dstyle.color=never -pl masking test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test
CP="$ROOT/masking/target/test-classes:$ROOT/masking/target/classes:$(cat "$CP_FILE")"
echo "# $(java -version 2>&1 | head -1); nproc=$(nproc); $(uname -m)"
exec java -cp "$CP" org.openjdk.jmh.Main 'dev\.secureexecutor\.masking\.bench\..*' \
  -f 1 -wi 2 -w 1s -i 3 -r 2s -tu us "$@"
