#!/usr/bin/env bash
# Calibrates `parley bench` against chatload, a single-threaded C load generator, on this machine:
# both drive the same server (the minimal C fan-out server refircd, over IRC, and Parley, over TCD)
# with the same W3 and W4 shapes, same pinning, interleaved (chatload, then each bench jar, then the
# next repeat), and the p50/p99 of every run and their medians are printed. See docs/performance.md,
# "Calibration against chatload and refircd".
#
# Usage: bench/calibrate.sh [OUT_DIR]
# Environment:
#   REPEATS=3           interleaved repeats of each (server, workload)
#   SERVERS="refircd parley"   WORKLOADS="W3 W4"
#   WARM_ROUNDS=6 WARM_JIT_MS=100   Parley is warmed by unmeasured rounds of the workloads until a
#                       round grows its JIT compilation time by less than WARM_JIT_MS (or WARM_ROUNDS)
#   JARS="now=server/target/parley.jar"   the bench jars to compare, name=path, space separated
#                       (Parley itself always runs from server/target/parley.jar, with
#                       dist/jvm.options as the `parley` launcher starts it); name=path#opt#...
#                       adds options, -X.../-D... the JVM's, the rest the bench's: e.g.
#                       "write=J intended=J#--latency-from=intended" runs one jar both ways
#   TOOLS=../shared/tools   where chatload.c and refircd.c are (built into target/tools)
#   SERVER_CORE=0 BENCH_CORE=1
#   PORT=27668          refircd's port; Parley's TCD listener is on PORT + 1 (default 27710). Give
#                       each calibration running at the same time a port of its own, below 32768
#                       (a port in the ephemeral range may be some client connection's own).
#   BENCH_JAVA_OPTS=    JVM options for the bench runs (e.g. -Xlog:gc:file=/tmp/gc-%p.log)
# Loopback only; each run is bounded (chatload: 8 s; the bench: 6 s measured after its warm-up).
# As root every process runs in a session of its own at nice -10 for that session's scheduler
# group: with autogroup scheduling (Linux's default) a plain `nice` only weighs a process against
# the others of its own session, so on a shared machine it did nothing against other sessions.
set -euo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$home/target/calibration-$(date -u +%Y%m%dT%H%M%S)}"
repeats="${REPEATS:-3}"
servers="${SERVERS:-refircd parley}"
workloads="${WORKLOADS:-W3 W4}"
jars="${JARS:-now=$home/server/target/parley.jar}"
tools="${TOOLS:-$home/../shared/tools}"
server_core="${SERVER_CORE:-0}"
bench_core="${BENCH_CORE:-1}"
ref_port="${PORT:-27668}"
if [[ -n "${PORT:-}" ]]; then tcd_port=$((PORT + 1)); else tcd_port=27710; fi
bench_java_opts="${BENCH_JAVA_OPTS:-}"

mkdir -p "$out"
# shellcheck source=bench/c-tools.sh
source "$home/bench/c-tools.sh"
build_c_tools
trap stop_server EXIT

start_server() {
  case "$1" in
    refircd)
      (pinned "$server_core" "$home/target/tools/refircd" "$ref_port" 1) &
      server_pid=$!
      sleep 0.5
      ;;
    parley)
      rm -rf "$out/data"
      { cat "$home/bench/server.conf"; echo "tcd.port = $tcd_port"; echo "listeners.only = tcd"; } > "$out/parley.conf"
      (pinned "$server_core" java @"$home/dist/jvm.options" -jar "$home/server/target/parley.jar" serve --config "$out/parley.conf" \
        --data "$out/data") > "$out/server.out" 2>> "$out/server.log" &
      server_pid=$!
      for _ in $(seq 300); do
        grep -q listening "$out/server.out" 2>/dev/null && return 0
        sleep 0.1
      done
      echo "Parley did not start; see $out/server.log" >&2
      exit 1
      ;;
  esac
}

# chatload's and the bench's options for one workload (W3: 1 x 500, 10 senders, 2,000 msg/s;
# W4: 100 x 10, one sender per room, 10,000 msg/s).
chatload_shape() { [[ $1 == W3 ]] && echo "-r 1 -c 500 -s 10 -R 2000" || echo "-r 100 -c 10 -s 1 -R 10000"; }
bench_shape() {
  [[ $1 == W3 ]] && echo "--workload W3 --connections 500 --senders 10 --rate 2000" \
    || echo "--workload W4 --connections 1000 --rooms 100 --senders 100 --rate 10000"
}


run_chatload() { # protocol port workload tag
  local line
  # shellcheck disable=SC2046 # the shape is a list of options
  (pinned "$bench_core" "$home/target/tools/chatload" -p "$1" -P "$2" $(chatload_shape "$3") -d 8 -w 2 -i 200 \
    -S "$server_pid" -q -T "$4") > "$out/$4.txt"
  line=$(grep latency_us "$out/$4.txt")
  awk -v tag="$4" '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } }
    END { printf "%s\t%.2f\t%.2f\t-\n", tag, v["p50"] / 1000, v["p99"] / 1000 }' <<< "$line"
}

run_bench() { # jar[#option...] protocol port workload tag
  local jar=${1%%#*} option options=() jvm=()
  if [[ $1 == *#* ]]; then
    IFS='#' read -ra options <<< "${1#*#}"
  fi
  # -X and -D options are the JVM's, the others the bench's.
  for option in "${options[@]}"; do [[ $option == -[XD]* ]] && jvm+=("$option"); done
  for option in "${jvm[@]}"; do options=("${options[@]/"$option"}"); done
  # shellcheck disable=SC2046,SC2086 # the shape and the JVM options are lists of options
  (pinned "$bench_core" java $bench_java_opts "${jvm[@]}" -jar "$jar" bench --protocol "$2" --port "$3" $(bench_shape "$4") \
    --duration 6 --warmup 2 --drain 10 --server-pid "$server_pid" --out "$out/$5.json" ${options[@]}) > "$out/$5.txt" 2>&1 || true
  if [[ ! -f "$out/$5.json" ]]; then
    echo "$5: no result; see $out/$5.txt" >&2
    printf '%s\t-\t-\t-\n' "$5"
    return
  fi
  python3 -c 'import json, sys
d = json.load(open(sys.argv[1])); lag = d.get("sendLag") or {}
print("%s\t%.2f\t%.2f\t%s" % (sys.argv[2], d["latency"]["p50"] / 1000, d["latency"]["p99"] / 1000,
      "%.2f" % (lag["p99"] / 1000) if lag else "-"))' "$out/$5.json" "$5"
}

{
  echo "calibration $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg), $repeats repeats, jars: $jars"
  printf 'run\tp50 ms\tp99 ms\tbench send lag p99 ms\n'
} | tee "$out/runs.tsv"
for server in $servers; do
  start_server "$server"
  # chatload's irc and the bench's irc-subset are the same IRC subset (#r<k>, no CAP, no echo), refircd's.
  if [[ $server == refircd ]]; then protocol=irc bench_protocol=irc-subset port=$ref_port
  else protocol=tcd bench_protocol=tcd port=$tcd_port; fi
  if [[ $server == parley ]]; then
    # A long-running server is warm: unmeasured rounds of every workload until its JIT has gone
    # quiet (compilation time grew less than WARM_JIT_MS over a round; two rounds did not suffice
    # here, the C2 thread still took a fifth of the core), at most WARM_ROUNDS rounds.
    admin_port=$(grep -o 'Admin HTTP listening on port [0-9]*' "$out/server.out" | grep -o '[0-9]*$')
    for ((round = 1; round <= ${WARM_ROUNDS:-6}; round++)); do
      jit_before=$(jit_ms "$admin_port")
      for workload in $workloads; do run_chatload "$protocol" "$port" "$workload" "$server-$workload-warm-up" > /dev/null; done
      jit_grew=$(( $(jit_ms "$admin_port") - jit_before ))
      echo "warm-up round $round: the server's JIT compiled for $jit_grew ms" | tee -a "$out/warm-up.txt" >&2
      (( jit_grew < ${WARM_JIT_MS:-100} )) && break
    done
  fi
  for ((r = 1; r <= repeats; r++)); do
    for workload in $workloads; do
      run_chatload "$protocol" "$port" "$workload" "$server-$workload-chatload-r$r" | tee -a "$out/runs.tsv"
      for entry in $jars; do
        run_bench "${entry#*=}" "$bench_protocol" "$port" "$workload" "$server-$workload-bench_${entry%%=*}-r$r" \
          | tee -a "$out/runs.tsv"
      done
    done
  done
  stop_server
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/runs.tsv"

# Medians per (server, workload, tool), and each tool's ratio to chatload.
echo
tail -n +3 "$out/runs.tsv" | grep -v '^load' | python3 -c 'import sys, statistics
rows = {}
for line in sys.stdin:
    tag, p50, p99, _ = line.rstrip("\n").split("\t")
    if p50 == "-":
        continue
    key = tag.rsplit("-r", 1)[0]
    rows.setdefault(key, []).append((float(p50), float(p99)))
med = {k: (statistics.median(a for a, _ in v), statistics.median(b for _, b in v), len(v)) for k, v in rows.items()}
print("server-workload-tool\tp50 ms\tp99 ms\tp50 / chatload\tp99 / chatload\truns")
for k, (p50, p99, n) in med.items():
    base = med.get(k.rsplit("-", 1)[0] + "-chatload")
    ratio = ("%.2f\t%.2f" % (p50 / base[0], p99 / base[1])) if base and base[0] and base[1] else "-\t-"
    print("%s\t%.2f\t%.2f\t%s\t%d" % (k, p50, p99, ratio, n))' | tee "$out/medians.tsv"
echo "Results in $out"
