#!/usr/bin/env bash
# Issue 18's one table: Parley beside a NATS server and the minimal C fan-out server (refircd),
# all driven by the same C load generator (chatload) with the same shapes, same pinning (server on
# core 0, load on core 1), interleaved: every repeat starts each server afresh, in turn. Prints
# every run and the medians. See docs/performance.md, "Parley beside NATS and the minimal server".
#
# Usage: bench/versus.sh [OUT_DIR]
# Environment:
#   REPEATS=3                 interleaved repeats
#   SERVERS="parley nats refircd"  also: parley-uring (Parley with transport = io_uring),
#                             parley-irc (Parley's IRC listener; parley-base-irc, the
#                             base jar's), and Debian's ngircd
#                             and inspircd (apt-get install -y ngircd inspircd), driven over IRC
#   JAR=server/target/parley.jar   Parley's jar (TCD listener, bench/server.conf)
#   BASE_JAR=                 a second Parley jar (an earlier build), measured as server
#                             "parley-base" in the same run: an A/B of a change, interleaved
#   Parley runs with the JVM options of dist/jvm.options, as the `parley` launcher starts it;
#   BASE_JAVA_OPTS=           parley-base's instead (default the same file; set it empty for
#                             a build from before dist/jvm.options existed, as its launcher ran it)
#   TOOLS=../shared/tools     where chatload.c and refircd.c are (built into target/tools)
#   WARM_ROUNDS=6 WARM_JIT_MS=100  Parley is warmed as in bench/calibrate.sh
#   PORT=27720                the servers' port (one of its own for each run at the same time)
# Per server and repeat, in this order:
#   W1 fresh  5,000 idle connections in 100 rooms on the fresh server: resident memory per connection
#   W1 warm   the same again once the first 5,000 have gone
#   W2        5,000 connect + join into 500 rooms, 1,000 in flight, twice; the second is measured
#             (connections/s, and server CPU per connection from /proc)
#   W2 JIT-warm  the same once the JIT is quiet: for Parley after storms until a storm compiled
#             for less than WARM_JIT_MS (at most WARM_W2_ROUNDS=16), for the others one storm more
#   W4, W3    after Parley's warm-up rounds: 100 rooms x 10 at 10,000 msg/s; 1 room x 500 at 2,000 msg/s
# Loopback only, every run bounded (chatload: at most 8 s each).
set -euo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$home/target/versus-$(date -u +%Y%m%dT%H%M%S)}"
repeats="${REPEATS:-3}"
jar="${JAR:-$home/server/target/parley.jar}"
base_jar="${BASE_JAR:-}"
if [[ -n $base_jar ]]; then
  servers="${SERVERS:-parley-base parley nats refircd}"
else
  servers="${SERVERS:-parley nats refircd}"
fi
tools="${TOOLS:-$home/../shared/tools}"
port="${PORT:-27720}"

mkdir -p "$out"
# shellcheck source=bench/c-tools.sh
source "$home/bench/c-tools.sh"
# shellcheck source=bench/irc-peers.sh
source "$home/bench/irc-peers.sh"
build_c_tools
trap stop_server EXIT

start_server() { # name run_dir
  case "$1" in
    refircd)
      (pinned 0 "$home/target/tools/refircd" "$port" 1) > "$2/server.out" 2>&1 &
      server_pid=$!
      sleep 0.5
      ;;
    nats)
      (export GOMAXPROCS=1; pinned 0 nats-server -a 127.0.0.1 -p "$port") > "$2/server.out" 2>&1 &
      server_pid=$!
      sleep 0.5
      ;;
    ngircd)
      irc_peer_config ngircd "$2"
      (pinned 0 ngircd -n -f "$2/ngircd.conf") > "$2/server.out" 2>&1 &
      server_pid=$!
      wait_for_port
      ;;
    inspircd)
      irc_peer_config inspircd "$2"
      (pinned 0 inspircd --nofork --runasroot --config="$2/inspircd.conf") > "$2/server.out" 2>&1 &
      server_pid=$!
      wait_for_port
      ;;
    parley | parley-base | parley-irc | parley-base-irc | parley-uring)
      local server_jar=$jar java_opts="@$home/dist/jvm.options" listener=tcd
      if [[ $1 == parley-base* ]]; then
        server_jar=$base_jar
        java_opts="${BASE_JAVA_OPTS-@$home/dist/jvm.options}"
      fi
      [[ $1 == *-irc ]] && listener=irc
      { cat "$home/bench/server.conf"; echo "$listener.port = $port"; echo "listeners.only = $listener"
        if [[ $1 == parley-uring ]]; then echo "transport = io_uring"; fi; } > "$2/parley.conf"
      (pinned 0 java $java_opts -jar "$server_jar" serve --config "$2/parley.conf" --data "$2/data") > "$2/server.out" 2> "$2/server.log" &
      server_pid=$!
      for _ in $(seq 300); do
        grep -q listening "$2/server.out" 2>/dev/null && return 0
        sleep 0.1
      done
      echo "Parley did not start; see $2/server.log" >&2
      exit 1
      ;;
  esac
}

protocol_of() { case "$1" in parley | parley-base | parley-uring) echo tcd ;; nats) echo nats ;; *) echo irc ;; esac; }

wait_for_port() { # until the server accepts on $port (at most 30 s)
  for _ in $(seq 300); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "the server on port $port did not start; see its server.out" >&2
  exit 1
}

# A minimal config for an IRC peer ($1: ngircd or inspircd) in $2 (bench/irc-peers.sh).
irc_peer_config() {
  ulimit -n 20000 2>/dev/null || true
  if [[ $1 == ngircd ]]; then
    write_ngircd_conf "$2/ngircd.conf" "$port"
  else
    write_inspircd_conf "$2/inspircd.conf" "$port" "$2"
  fi
}

load() { # server tag options...: one chatload run, its output in $dir/tag.txt
  local server=$1 tag=$2
  shift 2
  local peer=()
  # ngIRCd throttles every client to a few commands a second unless it is an operator with +F.
  [[ $server == ngircd ]] && peer=(-O "OPER bench bench" -F)
  (pinned 1 "$home/target/tools/chatload" -p "$(protocol_of "$server")" -P "$port" "$@" "${peer[@]}" -S "$server_pid" -q -T "$tag") \
    > "$dir/$tag.txt" 2>&1 || true
}

field() { grep -o "$2=[0-9.]*" "$dir/$1.txt" | tail -1 | cut -d= -f2; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$server_pid/stat"; }

w2_storm() { # tag label: one measured W2 storm, its rate and the server's CPU per connection
  local before after
  before=$(cpu_ticks)
  load "$server" "$1" -r 500 -c 10 -s 1 -R 0 -d 1 -i 1000
  after=$(cpu_ticks)
  record "$server" "$r" "$2: connections/s" "$(field "$1" conn_rate)"
  record "$server" "$r" "$2: server CPU us per connection (incl. 1 s idle hold)" \
    "$(awk -v t=$((after - before)) -v hz="$hz" 'BEGIN { printf "%.0f", t / hz * 1e6 / 5000 }')"
}

printf 'server\trepeat\tmetric\tvalue\n' > "$out/runs.tsv"
record() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" | tee -a "$out/runs.tsv"; }

echo "versus $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg), $repeats repeats, servers: $servers" | tee "$out/about.txt"
hz=$(getconf CLK_TCK)
for ((r = 1; r <= repeats; r++)); do
  for server in $servers; do
    dir="$out/$server-r$r"
    mkdir -p "$dir"
    start_server "$server" "$dir"
    load "$server" W1-fresh -r 100 -c 50 -s 0 -R 0 -d 2 -i 1000
    record "$server" "$r" "W1 fresh: resident bytes per idle connection" "$(field W1-fresh per_conn | head -1)"
    load "$server" W1-warm -r 100 -c 50 -s 0 -R 0 -d 2 -i 1000
    record "$server" "$r" "W1 warm: resident bytes per idle connection" "$(field W1-warm per_conn | head -1)"
    load "$server" W2-warm-up -r 500 -c 10 -s 1 -R 0 -d 1 -i 1000
    w2_storm W2 "W2"
    if [[ $server == parley* ]]; then
      admin_port=$(grep -o 'Admin HTTP listening on port [0-9]*' "$dir/server.out" | grep -o '[0-9]*$')
      # A JVM's connect path is compiled only after some 15,000 connections: storms until the
      # JIT is quiet, as the rounds below do for W3/W4 (a server that has served for a while).
      for ((round = 1; round <= ${WARM_W2_ROUNDS:-16}; round++)); do
        jit_before=$(jit_ms "$admin_port")
        load "$server" warm-W2 -r 500 -c 10 -s 1 -R 0 -d 1 -i 1000
        jit_grew=$(( $(jit_ms "$admin_port") - jit_before ))
        echo "parley r$r W2 warm-up storm $round: JIT compiled for $jit_grew ms" >> "$out/warm-up.txt"
        (( jit_grew < ${WARM_JIT_MS:-100} )) && break
      done
    fi
    w2_storm W2-warm "W2 JIT-warm"
    if [[ $server == parley* ]]; then
      for ((round = 1; round <= ${WARM_ROUNDS:-6}; round++)); do
        jit_before=$(jit_ms "$admin_port")
        load "$server" warm-W4 -r 100 -c 10 -s 1 -R 10000 -d 8 -w 2 -i 200
        load "$server" warm-W3 -r 1 -c 500 -s 10 -R 2000 -d 8 -w 2 -i 200
        jit_grew=$(( $(jit_ms "$admin_port") - jit_before ))
        echo "parley r$r warm-up round $round: JIT compiled for $jit_grew ms" >> "$out/warm-up.txt"
        (( jit_grew < ${WARM_JIT_MS:-100} )) && break
      done
    fi
    load "$server" W4 -r 100 -c 10 -s 1 -R 10000 -d 8 -w 2 -i 200
    record "$server" "$r" "W4: p50 ms" "$(awk -v v="$(field W4 p50)" 'BEGIN { printf "%.2f", v / 1000 }')"
    record "$server" "$r" "W4: p99 ms" "$(awk -v v="$(field W4 p99)" 'BEGIN { printf "%.2f", v / 1000 }')"
    record "$server" "$r" "W4: server CPU us per delivery" "$(field W4 server_cpu_us_per_delivery)"
    record "$server" "$r" "W4: delivered %" "$(grep -o '([0-9.]*%)' "$dir/W4.txt" | tr -d '()%')"
    load "$server" W3 -r 1 -c 500 -s 10 -R 2000 -d 8 -w 2 -i 200
    record "$server" "$r" "W3: p50 ms" "$(awk -v v="$(field W3 p50)" 'BEGIN { printf "%.2f", v / 1000 }')"
    record "$server" "$r" "W3: p99 ms" "$(awk -v v="$(field W3 p99)" 'BEGIN { printf "%.2f", v / 1000 }')"
    record "$server" "$r" "W3: server CPU us per delivery" "$(field W3 server_cpu_us_per_delivery)"
    record "$server" "$r" "W3: delivered %" "$(grep -o '([0-9.]*%)' "$dir/W3.txt" | tr -d '()%')"
    stop_server
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out/about.txt"

# Medians per (metric, server), one column per server, and Parley's ratio to each other server.
python3 - "$out/runs.tsv" "$servers" <<'EOF' | tee "$out/medians.tsv"
import statistics, sys
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1])][1:]
servers = sys.argv[2].split()
values = {}
for server, _, metric, value in rows:
    if value not in ("", "-"):
        values.setdefault(metric, {}).setdefault(server, []).append(float(value))
others = [s for s in servers if s != "parley"]
print("\t".join(["metric"] + servers + [f"parley / {s}" for s in others if "parley" in servers]))
for metric, by_server in values.items():
    med = {s: statistics.median(v) for s, v in by_server.items()}
    cells = [f"{med[s]:.2f}" if s in med else "-" for s in servers]
    ratios = [f"{med['parley'] / med[s]:.2f}" if "parley" in med and med.get(s) else "-" for s in others if "parley" in servers]
    print("\t".join([metric] + cells + ratios))
EOF
echo "Results in $out"
