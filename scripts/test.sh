#!/usr/bin/env bash
# The project's test command (README, .ci/run): prepares the machine (idempotent: Docker engine, job image),
# then builds everything and runs both tiers: the fast tier (surefire, no Docker) and the Docker tier (failsafe,
# *IT classes driving bin/secure-executor through the runner simulator against the real engine).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh --no-jar
exec mvn -B verify "$@"
