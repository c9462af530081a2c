#!/usr/bin/env bash
# End-to-end demo of secure-executor: a simulated gitlab-runner drives the real driver launcher through one job
# (clone from a fake GitLab with the job token, build, print the token in several forms to show masking), prints the
# job log, then ONE verdict line: "DEMO PASSED: ..." (exit 0) or "DEMO FAILED: <reason>" (exit 1).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
log() { printf '[demo] %s\n' "$*" >&2; }
verdict_failed() { echo "DEMO FAILED: $*"; exit 1; }

log "preparing the machine (scripts/setup.sh: Docker, job image, driver jar)"
scripts/setup.sh >&2 || verdict_failed "scripts/setup.sh failed (see above)"

if [ ! -f executor/target/secure-executor.jar ]; then
  log "building the driver jar"
  mvn -B -q -DskipTests package >&2 || verdict_failed "the driver jar does not build"
fi

log "compiling the simulator (executor test classes)"
cp_file="$ROOT/executor/target/demo-classpath.txt"
mvn -B -q -pl executor -am test-compile dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >&2 \
  || verdict_failed "the executor test classes do not compile"
[ -s "$cp_file" ] || verdict_failed "maven wrote no test classpath to $cp_file"

log "running one job through the simulated runner and bin/secure-executor"
set +e
java -Dsecure-executor.root="$ROOT" \
  -cp "$ROOT/executor/target/test-classes:$ROOT/executor/target/classes:$(cat "$cp_file")" \
  dev.secureexecutor.executor.sim.DemoJob
status=$?
set -e
if [ "$status" -ne 0 ] && [ "$status" -ne 1 ]; then
  verdict_failed "the demo program crashed (exit $status)"
fi
exit "$status"
