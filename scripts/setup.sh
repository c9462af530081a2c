#!/usr/bin/env bash
# Idempotent machine setup for secure-executor (new users and CI).
#   1. installs the Docker engine (Debian docker.io) and debootstrap if missing
#   2. registers gVisor (Debian's runsc) as the Docker runtime "runsc" in /etc/docker/daemon.json
#   3. starts dockerd in the background if it is not answering (no systemd here)
#   4. builds the default job image locally if missing (no registry is reachable)
#   5. builds the driver's shaded jar if any source is newer than it
#   6. installs the egress rules of job networks (nftables table inet secure_executor; README, Network)
# Re-running it when nothing changed takes seconds.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
IMAGE="${SECURE_EXECUTOR_IMAGE:-secure-executor/job-bookworm:1}"
SOCK=/var/run/docker.sock
DOCKERD_LOG=/var/log/secure-executor-dockerd.log
DAEMON_JSON=/etc/docker/daemon.json
# gVisor's options (README, gVisor): ptrace is the platform that works without nested virtualisation (bookworm's
# runsc has no systrap); its own network stack cannot start on kernels >= 6.11, so it uses the job's network
# namespace directly (google/gvisor#10704).
RUNSC_ARGS='["--platform=ptrace", "--network=host"]'
log() { printf '[setup] %s\n' "$*" >&2; }
die() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

install_packages() {
  local missing=()
  command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
  command -v ip >/dev/null 2>&1 || missing+=(iproute2)
  command -v runsc >/dev/null 2>&1 || missing+=(runsc)
  command -v jq >/dev/null 2>&1 || missing+=(jq)
  [ -x /usr/sbin/nft ] || missing+=(nftables)
  command -v docker-registry >/dev/null 2>&1 || missing+=(docker-registry) # RegistryIT: a private registry
  command -v htpasswd >/dev/null 2>&1 || missing+=(apache2-utils)          # RegistryIT: its htpasswd auth
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]} (apt-get)"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

docker_up() { docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }

start_dockerd() {
  if docker_up; then return 0; fi
  log "starting dockerd (log: $DOCKERD_LOG)"
  # a stale pid file from a dead daemon would stop the new one from starting
  if [ -f /var/run/docker.pid ] && ! kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then
    as_root rm -f /var/run/docker.pid
  fi
  # dockerd outlives this script, so it must not inherit the caller's descriptors: a lock taken with flock(1)
  # around setup.sh would otherwise stay held for as long as dockerd runs
  as_root bash -c 'for fd in /proc/$$/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done
    nohup dockerd >"$0" 2>&1 </dev/null &' "$DOCKERD_LOG"
  for _ in $(seq 1 120); do
    if [ -S "$SOCK" ] && docker_up; then log "dockerd is up"; return 0; fi
    sleep 0.5
  done
  tail -n 20 "$DOCKERD_LOG" >&2 || true
  die "dockerd did not answer on $SOCK within 60 s; see $DOCKERD_LOG"
}

daemon_has_runsc() { [[ "$(docker info --format '{{json .Runtimes}}' 2>/dev/null)" == *'"runsc"'* ]]; }

# The running dockerd is the one start_dockerd started when its stdout is setup.sh's log.
dockerd_pid_if_ours() {
  local pid
  pid="$(cat /var/run/docker.pid 2>/dev/null)" || return 1
  [ "$(as_root readlink "/proc/$pid/fd/1" 2>/dev/null)" = "$DOCKERD_LOG" ] && echo "$pid"
}

# Adds runsc to daemon.json (keeping every other key; an existing runsc entry is left as it is). A dockerd that
# setup.sh started reloads it on SIGHUP, which registers runtimes without stopping running containers; another
# dockerd belongs to someone else and is left alone.
register_gvisor() {
  if docker_up && daemon_has_runsc; then return 0; fi
  local pid=""
  if docker_up && ! pid="$(dockerd_pid_if_ours)"; then
    log "note: the running dockerd was not started by setup.sh and has no runsc runtime; for job.runtime =" \
      "\"runsc\" add \"runtimes\": {\"runsc\": {\"path\": \"$(command -v runsc)\", \"runtimeArgs\":" \
      "$RUNSC_ARGS}} to $DAEMON_JSON, then send that dockerd SIGHUP"
    return 0
  fi
  if ! as_root jq -e '.runtimes.runsc' "$DAEMON_JSON" >/dev/null 2>&1; then
    local merged
    merged="$( (as_root cat "$DAEMON_JSON" 2>/dev/null || echo '{}') | jq --arg path "$(command -v runsc)" \
      --argjson args "$RUNSC_ARGS" '.runtimes.runsc = {path: $path, runtimeArgs: $args}')" \
      || die "$DAEMON_JSON is not valid JSON, so runsc cannot be added to it (dockerd would not start with it" \
        "either); fix the file and re-run setup.sh"
    as_root mkdir -p "$(dirname "$DAEMON_JSON")"
    printf '%s\n' "$merged" | as_root tee "$DAEMON_JSON.setup-tmp" >/dev/null
    as_root mv "$DAEMON_JSON.setup-tmp" "$DAEMON_JSON"
    log "registered gVisor as Docker runtime runsc in $DAEMON_JSON"
  fi
  [ -n "$pid" ] || return 0
  log "reloading dockerd (pid $pid) so it registers runsc (running containers are not touched)"
  as_root kill -HUP "$pid"
  for _ in $(seq 1 20); do daemon_has_runsc && return 0; sleep 0.5; done
  tail -n 5 "$DOCKERD_LOG" >&2 || true
  die "dockerd did not register runsc after reloading $DAEMON_JSON; see $DOCKERD_LOG"
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

# The egress rules of job networks, from the policy (SECURE_EXECUTOR_POLICY or the default path) and gitlab-runner's
# config.toml; GitLab endpoints added earlier with --gitlab are kept. Idempotent: the table is replaced atomically.
install_firewall() {
  [ -f "$ROOT/executor/target/secure-executor.jar" ] || return 0
  as_root "$ROOT/bin/secure-executor" firewall apply >&2 \
    || die "the egress rules could not be installed; prepare refuses jobs with a network until they are"
}

install_packages
register_gvisor
start_dockerd
build_image
if [ "${1:-}" != "--no-jar" ]; then build_jar; fi
install_firewall  # before build_cds: its training job's prepare needs the rules
if [ "${1:-}" != "--no-jar" ]; then build_cds; fi
gvisor="gVisor: not registered (see the note above)"
daemon_has_runsc && gvisor="gVisor: runtime runsc"
log "ready: docker $(docker version --format '{{.Server.Version}}'), image $IMAGE, $gvisor"
