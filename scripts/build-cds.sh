#!/usr/bin/env bash
# Builds the class-data-sharing archive that cuts the driver's start-up (the runner starts it ~12 times per job).
# Training: `secure-executor selftest` (one real throw-away job: config, prepare, run, cleanup, in one JVM, against
# the local Docker engine) plus `mask`, each dumping the classes it loaded; then one static AppCDS archive.
# The launcher uses the archive only while it is newer than the jar. Needs Docker and the default job image.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="${SECURE_EXECUTOR_JAR:-$ROOT/executor/target/secure-executor.jar}"
ARCHIVE="${JAR%.jar}.jsa"
JAVA="${SECURE_EXECUTOR_JAVA:-java}"
work="$(mktemp -d /tmp/se-cds.XXXXXX)"
trap 'rm -rf "$work"' EXIT
chmod 700 "$work"

export TMPDIR="$work" SECURE_EXECUTOR_JAR="$JAR"
# selftest runs config, prepare, run and cleanup of a throw-away job in one JVM; mask covers the stdin path.
SECURE_EXECUTOR_CDS_TRAINING="$work/selftest.classes" "$ROOT/bin/secure-executor" selftest >/dev/null 2>&1 </dev/null
echo "warm-up" | SECURE_EXECUTOR_CDS_TRAINING="$work/mask.classes" "$ROOT/bin/secure-executor" mask >/dev/null 2>&1
cat "$work"/*.classes | awk '!seen[$0]++' >"$work/all.classes"
rm -f "$ARCHIVE"
"$JAVA" -Xshare:dump -XX:SharedClassListFile="$work/all.classes" -XX:SharedArchiveFile="$ARCHIVE" \
  -XX:+UseSerialGC -cp "$JAR" -Xlog:disable -Xlog:all=error:stderr >/dev/null
printf '[cds] %s (%s classes)\n' "$ARCHIVE" "$(grep -vc '^#' "$work/all.classes")" >&2

# JDK 25+ on the host: also build an AOT cache (classes loaded and linked ahead of time), which the launcher
# prefers. SECURE_EXECUTOR_AOT_JAVA names that JDK's java; otherwise the newest /usr/lib/jvm/*25* is used.
aot_java="${SECURE_EXECUTOR_AOT_JAVA:-}"
if [ -z "$aot_java" ]; then
  for candidate in /usr/lib/jvm/*-2[5-9]-*/bin/java /usr/lib/jvm/*-2[5-9]/bin/java; do
    [ -x "$candidate" ] && aot_java="$candidate"
  done
fi
if [ -n "$aot_java" ]; then
  rm -f "${JAR%.jar}.aot" "${JAR%.jar}.aot.java"
  if SECURE_EXECUTOR_JAVA="$aot_java" SECURE_EXECUTOR_AOT_TRAINING="${JAR%.jar}.aot" \
       "$ROOT/bin/secure-executor" selftest >/dev/null 2>&1 </dev/null && [ -f "${JAR%.jar}.aot" ]; then
    printf '%s\n' "$aot_java" >"${JAR%.jar}.aot.java"
    printf '[aot] %s (%s)\n' "${JAR%.jar}.aot" "$aot_java" >&2
  else
    rm -f "${JAR%.jar}.aot"
    printf '[aot] not built with %s; the launcher uses the CDS archive\n' "$aot_java" >&2
  fi
fi
