#!/usr/bin/env bash
# Cost of the launcher's channel to a warm agent, per call, as the launcher pays it (a new bash each time):
#   floor  - `bash -c :` (what any bash launcher costs);
#   fifo   - bash: mkfifo a reply FIFO, one request line into the agent's request FIFO, read the reply line;
#   procfd - bash: the reply comes back on a pipe the launcher holds (bash's `<(:)`, a fork but no exec), which
#            the agent opens as /proc/<launcher pid>/fd/4, as it opens the launcher's stdout and stderr;
#   socat  - bash: socat to a unix socket (one request line, one reply line).
# The responder is a small python loop standing in for the agent (its own cost is not what is compared).
# Usage: scripts/bench/agent-channel.sh [rounds]   (median wall per call, variants interleaved)
set -euo pipefail
rounds="${1:-200}"
dir="$(mktemp -d)"; chmod 700 "$dir"
trap 'kill "${responders[@]}" 2>/dev/null; rm -rf "$dir"' EXIT
mkfifo -m 600 "$dir/req"
python3 - "$dir" <<'PY' &
import os, sys
d = sys.argv[1]
req = os.open(d + "/req", os.O_RDWR)
buf = b""
while True:
    buf += os.read(req, 4096)
    while b"\n" in buf:
        line, buf = buf.split(b"\n", 1)
        name = line.decode().split("\t")[0]
        reply = os.open(name if name.startswith("/proc/") else d + "/" + name, os.O_WRONLY if name.startswith("/proc/") else os.O_RDWR)
        os.write(reply, b"0\n"); os.close(reply)
PY
responders=($!)
python3 - "$dir/sock" <<'PY' &
import socket, sys, os
s = socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); os.chmod(sys.argv[1], 0o600); s.listen(64)
while True:
    c, _ = s.accept(); f = c.makefile("rb"); f.readline(); c.sendall(b"0\n"); c.close()
PY
responders+=($!)
sleep 0.5
cat > "$dir/fifo.sh" <<'SH'
r="$1/r.$$"; mkfifo -m 600 "$r"; exec 4<>"$r" 3<>"$1/req"
printf 'r.%s\trun\n' "$$" >&3; read -r -u 4 status; rm -f "$r"; exit "$status"
SH
cat > "$dir/procfd.sh" <<'SH'
exec 4<> <(:) 3<>"$1/req"
printf '/proc/%s/fd/4\trun\n' "$$" >&3; read -r -u 4 status; exit "$status"
SH
cat > "$dir/socat.sh" <<'SH'
read -r status < <(printf 'run\n' | socat - "UNIX-CONNECT:$1/sock"); exit "$status"
SH
declare -A t
for ((i = 0; i < rounds; i++)); do
  for v in floor fifo procfd socat; do
    s=$EPOCHREALTIME
    case $v in floor) bash -c : ;; fifo) bash "$dir/fifo.sh" "$dir" ;; procfd) bash "$dir/procfd.sh" "$dir" ;; socat) bash "$dir/socat.sh" "$dir" ;; esac
    e=$EPOCHREALTIME
    t[$v]+="$(( (${e/./} - ${s/./}) )) "
  done
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg); $rounds rounds, median microseconds per call"
for v in floor fifo procfd socat; do
  printf '%-6s %s us\n' "$v" "$(tr ' ' '\n' <<<"${t[$v]}" | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
done
