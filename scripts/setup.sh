#!/usr/bin/env bash
# Idempotent machine setup for secure-executor (new users and CI).
#   1. installs the Docker engine (Debian docker.io) and debootstrap if missing
#   2. starts dockerd in the background if it is not answering (no systemd here)
#   3. builds the default job image locally if missing (no registry is reachable)
#   4. builds the driver's shaded jar if any source is newer than it
# Re-running it when nothing changed takes seconds.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
IMAGE="${SECURE_EXECUTOR_IMAGE:-secure-executor/job-bookworm:1}"
SOCK=/var/run/docker.sock
log() { printf '[setup] %s\n' "$*" >&2; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

install_packages() {
  local missing=()
  command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
  command -v ip >/dev/null 2>&1 || missing+=(iproute2)
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]} (apt-get)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

docker_up() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

start_dockerd() {
  if docker_up; then return 0; fi
  log "starting dockerd (log: /var/log/secure-executor-dockerd.log)"
  # a stale pid file from a dead daemon would stop the new one from starting
  if [ -f /var/run/docker.pid ] && ! kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then
    as_root rm -f /var/run/docker.pid
  fi
  as_root sh -c 'nohup dockerd >/var/log/secure-executor-dockerd.log 2>&1 </dev/null &'
  for _ in $(seq 1 120); do
    if [ -S "$SOCK" ] && docker_up; then log "dockerd is up"; return 0; fi
    sleep 0.5
  done
  tail -n 20 /var/log/secure-executor-dockerd.log >&2 || true
  die "dockerd did not answer on $SOCK within 60 s; see /var/log/secure-executor-dockerd.log"
}

build_image() {
  if docker image inspect "$IMAGE" >/dev/null 2>&1; then return 0; fi
  log "building job image $IMAGE with debootstrap (a few minutes, once)"
  local work; work="$(mktemp -d /var/tmp/se-rootfs.XXXXXX)"
  trap 'as_root rm -rf "$work"' RETURN
  as_root debootstrap --variant=minbase --include=bash,git,ca-certificates,procps \
    bookworm "$work/rootfs" http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 \
    || { tail -n 30 "$work/debootstrap.log" >&2; die "debootstrap failed"; }
  # the job user: uid/gid 1000, home on a tmpfs at run time
  as_root chroot "$work/rootfs" sh -c 'groupadd -g 1000 job && useradd -u 1000 -g 1000 -d /home/job -M -s /bin/bash job'
  as_root chroot "$work/rootfs" sh -c 'apt-get clean; rm -rf /var/lib/apt/lists/* /var/cache/apt/*'
  as_root tar -C "$work/rootfs" -c . | docker import \
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c 'USER 1000:1000' -c 'CMD ["bash"]' - "$IMAGE" >/dev/null
  log "image $IMAGE built"
}

build_jar() {
  local jar="$ROOT/executor/target/secure-executor.jar"
  if [ -f "$jar" ] && [ -z "$(find "$ROOT" -path "$ROOT/*/target" -prune -o \
        \( -path '*/src/main/*' -o -name 'pom.xml' \) -type f -newer "$jar" -print -quit)" ]; then
    return 0
  fi
  log "building the driver (mvn package, tests skipped here; run them with the README's test command)"
  (cd "$ROOT" && mvn -B -q -DskipTests install) || die "maven build failed"
}

build_cds() {
  local jar="$ROOT/executor/target/secure-executor.jar" archive="$ROOT/executor/target/secure-executor.jsa"
  if [ -f "$archive" ] && [ "$archive" -nt "$jar" ]; then return 0; fi
  log "building the class-data-sharing archive (faster driver start-up)"
  bash "$ROOT/scripts/build-cds.sh" || log "CDS archive not built; the driver still works, it only starts slower"
}

install_packages
start_dockerd
build_image
if [ "${1:-}" != "--no-jar" ]; then build_jar; build_cds; fi
log "ready: docker $(docker version --format '{{.Server.Version}}'), image $IMAGE"
