#!/usr/bin/env bash
# The script behind this folder's figures: one server on core 0, warmed (Parley only) with W4 and
# W3 rounds, then W4 and W3 from chatload on core 1, printing each run's user and system CPU
# ticks, p50, p99 and CPU per delivery. Kept as the record of how they were taken; bench/versus.sh
# is the project's comparison.
#
# Usage, from the project root: docs/bench/2026-12-04-pass/probe.sh SERVER OUT_DIR [JAR]
#   SERVER   parley, parley-uring (transport = io_uring) or refircd
#   JAR      default server/target/parley.jar
# Environment:
#   TOOLS=../shared/tools  chatload.c and refircd.c (built into target/tools)
#   WARM=4                 warm-up rounds of W4 + W3 (Parley)
#   W4R=10000              W4's messages per second in
#   PORT=27760
#   PERF=1                 perf stat --per-thread of the server for 4 s of W4 (stat-W4.txt)
#   PREC=1                 perf record of core 0 for 3 s of W4 (perf-W4.data)
#   PROF=cpu AP=/tmp/ap/linux-x64/libasyncProfiler.so [PROFI=200us]
#                          async-profiler for 4 s of W4 (prof-W4.collapsed)
set -euo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
tools="${TOOLS:-$home/../shared/tools}"
server=$1
dir=$2
jar="${3:-$home/server/target/parley.jar}"
port="${PORT:-27760}"
# shellcheck source=bench/c-tools.sh
source "$home/bench/c-tools.sh"
build_c_tools
mkdir -p "$dir"
trap stop_server EXIT

if [[ $server == refircd ]]; then
  (pinned 0 "$home/target/tools/refircd" "$port" 1) > "$dir/server.out" 2>&1 &
  server_pid=$!
  sleep 0.5
  protocol=irc
else
  { cat "$home/bench/server.conf"; echo "tcd.port = $port"; echo "listeners.only = tcd"
    if [[ $server == parley-uring ]]; then echo "transport = io_uring"; fi; } > "$dir/parley.conf"
  (pinned 0 java "@$home/dist/jvm.options" -jar "$jar" serve --config "$dir/parley.conf" --data "$dir/data") \
    > "$dir/server.out" 2> "$dir/server.log" &
  server_pid=$!
  for _ in $(seq 300); do
    grep -q listening "$dir/server.out" 2>/dev/null && break
    sleep 0.1
  done
  protocol=tcd
fi

load() { # tag chatload-options...
  local tag=$1
  shift
  (pinned 1 "$home/target/tools/chatload" -p "$protocol" -P "$port" "$@" -S "$server_pid" -q -T "$tag") \
    > "$dir/$tag.txt" 2>&1 || true
}
w4() { load "$1" -r 100 -c 10 -s 1 -R "${W4R:-10000}" -d 8 -w 2 -i 200; }
w3() { load "$1" -r 1 -c 500 -s 10 -R 2000 -d 8 -w 2 -i 200; }

store_metrics() { # file: the store's batch and commit counters and the GC pauses, from /metrics
  local admin
  admin=$(grep -o 'Admin HTTP listening on port [0-9]*' "$dir/server.out" | grep -o '[0-9]*$')
  curl -s "http://127.0.0.1:$admin/metrics" \
    | grep -E '^parley_store_(batch|commit)_(tasks|seconds)_(count|sum)|^jvm_gc_pause_seconds_(count|sum)' > "$1" || true
}

# Started 3 s into W4, beside it.
observe_w4() {
  sleep 3
  if [[ -n ${PERF:-} ]]; then
    local events=context-switches,task-clock,sched:sched_wakeup
    for call in sendto recvfrom write read writev epoll_wait epoll_pwait2 epoll_ctl futex pwrite64 pread64 fcntl; do
      events+=",syscalls:sys_enter_$call"
    done
    perf stat --per-thread -e "$events" -p "$server_pid" -o "$dir/stat-W4.txt" -- sleep 4 > /dev/null 2>&1 || true
  fi
  if [[ -n ${PREC:-} ]]; then
    perf record -C 0 -g -F 2000 -o "$dir/perf-W4.data" -- sleep 3 > /dev/null 2>&1 || true
  fi
  if [[ -n ${PROF:-} ]]; then
    jcmd "$server_pid" JVMTI.agent_load "$AP" "\"start,event=$PROF,interval=${PROFI:-200us}\"" > /dev/null
    sleep 4
    jcmd "$server_pid" JVMTI.agent_load "$AP" "\"stop,file=$dir/prof-W4.collapsed\"" > /dev/null
  fi
}

if [[ $server != refircd ]]; then
  for _ in $(seq "${WARM:-4}"); do
    w4 warm-W4
    w3 warm-W3
  done
fi
for workload in W4 W3; do
  read -r user0 system0 < <(awk '{ print $14, $15 }' "/proc/$server_pid/stat")
  if [[ $server != refircd ]]; then store_metrics "$dir/metrics0-$workload.txt"; fi
  if [[ $workload == W4 ]]; then
    observe_w4 &
    w4 W4
  else
    w3 W3
  fi
  if [[ $server != refircd ]]; then store_metrics "$dir/metrics-$workload.txt"; fi
  read -r user1 system1 < <(awk '{ print $14, $15 }' "/proc/$server_pid/stat")
  echo "$server $workload utime=$((user1 - user0)) stime=$((system1 - system0)) ticks;" \
    "$(grep -o 'p50=[0-9.]*\|p99=[0-9.]*\|server_cpu_us_per_delivery=[0-9.]*\|([0-9.]*%)' "$dir/$workload.txt" | tr '\n' ' ')"
done
wait
