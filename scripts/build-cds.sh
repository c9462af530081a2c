#!/usr/bin/env bash
# Builds the class-data-sharing archive that cuts the driver's start-up (the runner starts it ~12 times per job).
# Training: one real mini job (config, prepare, run, cleanup, mask) through bin/secure-executor against the local
# Docker engine, each stage dumping the classes it loaded; then one static AppCDS archive from their union.
# The launcher uses the archive only while it is newer than the jar. Needs Docker and the default job image.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAR="${SECURE_EXECUTOR_JAR:-$ROOT/executor/target/secure-executor.jar}"
ARCHIVE="${JAR%.jar}.jsa"
JAVA="${SECURE_EXECUTOR_JAVA:-java}"
work="$(mktemp -d /tmp/se-cds.XXXXXX)"
trap 'rm -rf "$work"' EXIT
chmod 700 "$work"

job_id=$(( 900000000 + RANDOM ))
cat >"$work/response.json" <<JSON
{"id": $job_id, "token": "glcbt-cds-training-not-a-secret",
 "job_info": {"name": "cds-training", "stage": "test", "project_full_path": "secure-executor/cds-training"},
 "git_info": {"repo_url": "http://gitlab-ci-token:glcbt-cds-training-not-a-secret@127.0.0.1:9/x/y.git"},
 "runner_info": {"timeout": 300},
 "variables": [{"key": "CI_JOB_TOKEN", "value": "glcbt-cds-training-not-a-secret", "masked": true},
               {"key": "CI_SERVER_URL", "value": "http://127.0.0.1:9", "masked": false}],
 "features": {"token_mask_prefixes": []}}
JSON
printf '%s\n' 'echo "training $(id -u)"; exit 0' >"$work/script"
export JOB_RESPONSE_FILE="$work/response.json" BUILD_EXIT_CODE_FILE="$work/build_exit_code" TMPDIR="$work" \
       BUILD_FAILURE_EXIT_CODE=1 SYSTEM_FAILURE_EXIT_CODE=2 SECURE_EXECUTOR_JAR="$JAR"
stage() { SECURE_EXECUTOR_CDS_TRAINING="$work/$1.classes" "$ROOT/bin/secure-executor" "${@:2}" >/dev/null 2>&1 </dev/null; }
stage config config
stage prepare prepare
stage run run "$work/script" build_script || true
stage cleanup cleanup
echo "warm-up" | SECURE_EXECUTOR_CDS_TRAINING="$work/mask.classes" "$ROOT/bin/secure-executor" mask >/dev/null 2>&1
cat "$work"/*.classes | awk '!seen[$0]++' >"$work/all.classes"
rm -f "$ARCHIVE"
"$JAVA" -Xshare:dump -XX:SharedClassListFile="$work/all.classes" -XX:SharedArchiveFile="$ARCHIVE" \
  -XX:+UseSerialGC -cp "$JAR" -Xlog:disable -Xlog:all=error:stderr >/dev/null
printf '[cds] %s (%s classes)\n' "$ARCHIVE" "$(grep -vc '^#' "$work/all.classes")" >&2
