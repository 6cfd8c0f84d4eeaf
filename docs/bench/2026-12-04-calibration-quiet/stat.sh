#!/usr/bin/env bash
# How this folder's system-call and CPU counts were taken: refircd on core 0; chatload, then
# `parley bench`, driving it with W4 (100 rooms x 10, 10,000 msg/s in) from core 1, each under
# `perf stat` for 4 s of its measured interval (the bench's per thread).
#
# Usage, from the project root: docs/bench/2026-12-04-calibration-quiet/stat.sh OUT_DIR [JAR]
#   JAR   the bench's jar (default server/target/parley.jar)
# Environment: TOOLS=../shared/tools (chatload.c and refircd.c, built into target/tools),
#   PORT=22100, BENCH_JAVA_OPTS= (JVM options for the bench)
# (`pinned` execs the program in place, so each `$!` below is the program's own pid.)
set -euo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
tools="${TOOLS:-$home/../shared/tools}"
out=$1
jar="${2:-$home/server/target/parley.jar}"
port="${PORT:-22100}"
mkdir -p "$out"
# shellcheck source=bench/c-tools.sh
source "$home/bench/c-tools.sh"
build_c_tools
(pinned 0 "$home/target/tools/refircd" "$port" 1) & server_pid=$!
trap stop_server EXIT
sleep 0.5
events=raw_syscalls:sys_enter,syscalls:sys_enter_recvfrom,syscalls:sys_enter_read
events+=,syscalls:sys_enter_epoll_wait,syscalls:sys_enter_epoll_pwait2,syscalls:sys_enter_sendto
events+=,syscalls:sys_enter_write,context-switches,task-clock,page-faults

(pinned 1 "$home/target/tools/chatload" -p irc -P "$port" -r 100 -c 10 -s 1 -R 10000 -d 8 -w 2 -i 200 \
  -S "$server_pid" -q -T cl) > "$out/chatload.txt" 2>&1 &
chatload_pid=$!
sleep 5
perf stat -e "$events" -p "$chatload_pid" -- sleep 4 2> "$out/chatload-stat.txt"
wait "$chatload_pid"
grep latency "$out/chatload.txt"

# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options
(pinned 1 java ${BENCH_JAVA_OPTS:-} -jar "$jar" bench --protocol irc-subset --port "$port" --workload W4 \
  --connections 1000 --rooms 100 --senders 100 --rate 10000 --duration 6 --warmup 2 --drain 10 \
  --server-pid "$server_pid" --out "$out/bench.json") > "$out/bench.txt" 2>&1 &
bench_pid=$!
for _ in $(seq 100); do grep -q 'measure ' "$out/bench.txt" 2>/dev/null && break; sleep 0.2; done
perf stat --per-thread -e "$events" -p "$bench_pid" -- sleep 4 2> "$out/bench-stat.txt"
wait "$bench_pid" || true
grep -E 'latency |bench  |warning' "$out/bench.txt"
