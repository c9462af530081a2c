#!/usr/bin/env bash
# Benchmark baseline, not a product: a plain docker-CLI custom-executor driver doing the same Docker work as
# secure-executor (labelled leftover removal, a per-job bridge network, one hardened container, `docker exec -i`
# with the script on stdin, removal by label). It masks nothing and checks nothing; it exists so that
# scripts/bench-driver.sh can put the Java driver's overhead side by side with the cheapest honest alternative.
set -euo pipefail
job_id="$(grep -o '"id": *[0-9]*' "$JOB_RESPONSE_FILE" | head -1 | grep -o '[0-9]*$')"
label="bench.docker-cli.job-id=$job_id"
name="bench-cli-$job_id"
remove_all() {
  local ids
  ids="$(docker ps -aq --filter "label=$label")"
  [ -z "$ids" ] || docker rm -f $ids >/dev/null
  ids="$(docker network ls -q --filter "label=$label")"
  [ -z "$ids" ] || docker network rm $ids >/dev/null
}
case "$1" in
  config)
    printf '{"builds_dir":"/builds","cache_dir":"/cache","builds_dir_is_shared":false,"hostname":"%s","driver":{"name":"docker-cli-baseline","version":"1"},"shell":"bash"}\n' "$(hostname)"
    ;;
  prepare)
    remove_all
    docker network create --label "$label" -o com.docker.network.bridge.enable_icc=false "$name-net" >/dev/null
    docker run -d --name "$name" --label "$label" --user 65534:65534 --init --entrypoint sleep \
      --cap-drop ALL --security-opt no-new-privileges:true --read-only \
      --tmpfs /builds:rw,exec,nosuid,nodev,size=4g,uid=1000,gid=1000,mode=0700 \
      --tmpfs /cache:rw,exec,nosuid,nodev,size=4g,uid=1000,gid=1000,mode=0700 \
      --tmpfs /home/job:rw,exec,nosuid,nodev,size=256m,uid=1000,gid=1000,mode=0700 \
      --tmpfs /tmp:rw,exec,nosuid,nodev,size=1g,mode=1777 \
      --memory 2g --memory-swap 2g --cpus 2 --pids-limit 1024 \
      --ulimit nofile=4096:8192 --ulimit nproc=8192:8192 --ulimit core=0:0 \
      --ipc private --cgroupns private --network "$name-net" --log-driver none --restart no \
      -e HOME=/home/job "${SECURE_EXECUTOR_IMAGE:-secure-executor/job-bookworm:1}" infinity >/dev/null
    ;;
  run)
    rm -f "$BUILD_EXIT_CODE_FILE"
    set +e
    docker exec -i -u 1000:1000 -w /builds "$name" bash < "$2"
    code=$?
    set -e
    echo "$code" > "$BUILD_EXIT_CODE_FILE"
    [ "$code" = 0 ] || exit "$BUILD_FAILURE_EXIT_CODE"
    ;;
  cleanup)
    remove_all
    ;;
esac
