#!/usr/bin/env bash
# Measures W2 (connect + register + join rate, and the server's CPU per connection) and W1 (resident
# memory per idle connection) with chatload against refircd (the minimal C server, IRC subset),
# nats-server (GOMAXPROCS=1, a port of its own) and Parley's TCD listener (bench/server.conf),
# interleaved: each repeat runs every server once. Every server is fresh for each (server, repeat)
# and is pinned to SERVER_CORE, chatload to BENCH_CORE. See docs/performance.md, "Connections per
# second" and "Memory per idle connection".
#
# W2: 5,000 connections into 500 rooms (-r 500 -c 10 -s 1 -R 0 -d 1 -i 1000), twice against one
#     server; the second (warm) storm is the figure. CPU per connection is the server's user+system
#     CPU over the whole chatload run (connect, 2 s settle, 1 s hold) divided by the connections.
# W1: 5,000 idle connections in 100 rooms (-r 100 -c 50 -s 1 -R 0 -d 2 -i 1000): fresh (the first
#     storm against a new server) and warm (the second, after the first closed); per_conn is
#     chatload's VmRSS growth per connection after the hold.
#
# Usage: bench/connections.sh [OUT_DIR]
# Environment: REPEATS=3  SERVERS="refircd nats parley"  WORKLOADS="W2 W1"
#   JARS="now=server/target/parley.jar"   the Parley jars to compare, name=path, space separated
#                     (each is a server of its own in the interleaving: parley-<name>)
#   STORMS=2          storms against each server; the third on show how a longer-running server does
#   JAVA_OPTS="..."   extra JVM options for Parley (e.g. -Xmn16m, a JFR recording), after
#                     dist/jvm.options (as the `parley` launcher starts it), so they win
#   TOOLS=../shared/tools   where chatload.c and refircd.c are (built into target/tools)
#   SERVER_CORE=0 BENCH_CORE=1
set -euo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$home/target/connections-$(date -u +%Y%m%dT%H%M%S)}"
repeats="${REPEATS:-3}"
servers="${SERVERS:-refircd nats parley}"
workloads="${WORKLOADS:-W2 W1}"
jars="${JARS:-now=$home/server/target/parley.jar}"
storms="${STORMS:-2}"
tools="${TOOLS:-$home/../shared/tools}"
server_core="${SERVER_CORE:-0}"
bench_core="${BENCH_CORE:-1}"
ref_port=27669
nats_port=27423
tcd_port=27711

mkdir -p "$out"
# shellcheck source=bench/c-tools.sh
source "$home/bench/c-tools.sh"
build_c_tools
trap stop_server EXIT

wait_for() { # file pattern
  for _ in $(seq 300); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "server did not start; see $1" >&2
  exit 1
}

start_server() { # server tag
  case "$1" in
    refircd)
      (pinned "$server_core" "$home/target/tools/refircd" "$ref_port" 1) > "$out/$2.server.out" 2>&1 &
      server_pid=$!
      sleep 0.5
      ;;
    nats)
      (GOMAXPROCS=1 pinned "$server_core" nats-server -a 127.0.0.1 -p "$nats_port") > "$out/$2.server.out" 2>&1 &
      server_pid=$!
      wait_for "$out/$2.server.out" "Server is ready"
      ;;
    parley-*)
      rm -rf "$out/data"
      { cat "$home/bench/server.conf"; echo "tcd.port = $tcd_port"; echo "listeners.only = tcd"; } > "$out/parley.conf"
      # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
      (pinned "$server_core" java @"$home/dist/jvm.options" ${JAVA_OPTS:-} -jar "$3" serve \
        --config "$out/parley.conf" --data "$out/data") > "$out/$2.server.out" 2>> "$out/$2.server.log" &
      server_pid=$!
      wait_for "$out/$2.server.out" listening
      ;;
  esac
}

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server_pid/stat"; }

storm() { # protocol port shape tag
  local before after
  before=$(cpu_ticks)
  # shellcheck disable=SC2086 # the shape is a list of options
  (pinned "$bench_core" "$home/target/tools/chatload" -p "$1" -P "$2" $3 -S "$server_pid" -q -T "$4") > "$out/$4.txt"
  after=$(cpu_ticks)
  awk -v tag="$4" -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" '
    { for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[2] != "") v[kv[1]] = kv[2] } }
    END { printf "%s\t%d\t%d\t%.1f\t%d\n", tag, v["ready"], v["conn_rate"] + 0, ticks * 1e6 / hz / v["ready"], v["per_conn"] + 0 }' "$out/$4.txt"
}

expanded=""
for server in $servers; do
  if [[ $server == parley ]]; then
    for entry in $jars; do expanded+=" parley-${entry%%=*}=${entry#*=}"; done
  else
    expanded+=" $server=-"
  fi
done

{
  echo "connections $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg), $repeats repeats, jars: $jars, JAVA_OPTS=${JAVA_OPTS:-}"
  printf 'run\tready\tconn/s\tserver cpu us/conn\tper_conn after hold\n'
} | tee "$out/runs.tsv"
for ((r = 1; r <= repeats; r++)); do
  for workload in $workloads; do
    if [[ $workload == W2 ]]; then shape="-r 500 -c 10 -s 1 -R 0 -d 1 -i 1000"
    else shape="-r 100 -c 50 -s 1 -R 0 -d 2 -i 1000"; fi
    for entry in $expanded; do
      server=${entry%%=*} jar=${entry#*=}
      case $server in
        refircd) protocol=irc port=$ref_port ;;
        nats) protocol=nats port=$nats_port ;;
        parley-*) protocol=tcd port=$tcd_port ;;
      esac
      start_server "$server" "$server-$workload-r$r" "$jar"
      storm "$protocol" "$port" "$shape" "$server-$workload-cold-r$r" | tee -a "$out/runs.tsv"
      storm "$protocol" "$port" "$shape" "$server-$workload-warm-r$r" | tee -a "$out/runs.tsv"
      for ((s = 3; s <= storms; s++)); do
        storm "$protocol" "$port" "$shape" "$server-$workload-storm$s-r$r" | tee -a "$out/runs.tsv"
      done
      stop_server
    done
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/runs.tsv"

# Medians per (server, workload, cold/warm).
echo
tail -n +3 "$out/runs.tsv" | grep -v '^load' | python3 -c 'import sys, statistics
rows = {}
for line in sys.stdin:
    tag, ready, rate, cpu, per_conn = line.rstrip("\n").split("\t")
    rows.setdefault(tag.rsplit("-r", 1)[0], []).append((float(rate), float(cpu), float(per_conn)))
print("server-workload-storm\tconn/s\tcpu us/conn\tper_conn B\truns")
for k, v in rows.items():
    print("%s\t%.0f\t%.1f\t%.0f\t%d" % (k, statistics.median(a for a, _, _ in v), statistics.median(b for _, b, _ in v),
          statistics.median(c for _, _, c in v), len(v)))' | tee "$out/medians.tsv"
echo "Results in $out"
