#!/usr/bin/env bash
# Issue 7's benchmark matrix: starts the packaged server pinned to one core, drives it with
# `parley bench` pinned to the other, each workload of the matrix once per repeat (repeats
# interleaved, a fresh server and data directory for every run), then writes the medians.
#
# Usage: bench/run.sh [OUT_DIR [ENTRY...]]   (default: docs/bench/<UTC date>-<commit>, the matrix)
#   An ENTRY replaces the matrix: "<workload> <protocol> <bench options...>", e.g.
#   bench/run.sh /tmp/sweep "W3 line --rate 10 --duration 5" "W5 tcd"
# Environment:
#   REPEATS=3        how many times the whole matrix runs
#   WARM_RUNS=0      unmeasured runs of the same entry against the same server before each measured
#                    one (its JIT warmed up, as a long-running server's is); not for W1, whose
#                    figure is memory growth, which a warm-up run would hide
#   QUICK=1          tiny shapes, to try the script in a minute (not for publishing)
#   SERVER_CORE=0 BENCH_CORE=1   the cores the server and the bench are pinned to
#   NICE=-10         the server's and the bench's nice value when run as root (the machine may be
#                    shared with builds; a higher priority keeps them from skewing the figures)
#   SERVER_JAVA_OPTS / BENCH_JAVA_OPTS   extra JVM options (Parley starts with dist/jvm.options
#                       first, as the `parley` launcher starts it; these come after and win)
#   NATS_SERVER=nats-server   the NATS server an entry with protocol "nats" runs instead of Parley
#                    (a peer measured the same way: pinned the same, GOMAXPROCS=1, default settings)
#   IRC=1            the IRC matrix instead: Parley's IRC ("irc"), IRC over its WebSocket ("ws"), and
#                    the same IRC workloads against ngIRCd ("ngircd") and InspIRCd ("inspircd"),
#                    Debian's packages (apt-get install -y ngircd inspircd), each run as a private
#                    process pinned like Parley, from a minimal config written to a temporary
#                    directory with its limits lifted as far as it allows
#   NGIRCD=ngircd INSPIRCD=inspircd   those servers' programs
#   IRC_PORT=27661 WEB_PORT=27662 NGIRCD_PORT=27663 INSPIRCD_PORT=27664   their ports
#
# Writes OUT_DIR/<workload>-<protocol>-r<N>.json (one per run), OUT_DIR/summary.txt (medians),
# OUT_DIR/machine.txt (what it ran on), OUT_DIR/runs.log (every run's output) and latency charts.
# Loopback only; every run is bounded in connections and time. Exit code 0 even when a run
# fails its checks (exit code 1) or does not sustain its offered rate (NOT SUSTAINED, exit code
# 4): both are in the summary's last column and lines, and in runs.log.
set -euo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$home/server/target/parley.jar"
out="${1:-$home/docs/bench/$(date -u +%F)-$(git -C "$home" rev-parse --short HEAD 2>/dev/null || echo unknown)}"
repeats="${REPEATS:-3}"
warm_runs="${WARM_RUNS:-0}"
server_core="${SERVER_CORE:-0}"
bench_core="${BENCH_CORE:-1}"
priority=()
if [[ "$EUID" -eq 0 ]]; then
  # In a session of its own, with that session's scheduler group at the same nice value: with
  # autogroup scheduling (Linux's default) a plain nice weighs a process only against the others
  # of its session, so it did nothing against other sessions' builds on a shared machine.
  priority=(setsid bash -c 'echo "$0" > /proc/self/autogroup; exec nice -n "$0" "$@"' "${NICE:--10}")
fi

# Ports away from Parley's defaults, so a server someone left running does not get in the way.
tcd_port=27710
nats_port=27700
line_port=27800
irc_port="${IRC_PORT:-27661}"
web_port="${WEB_PORT:-27662}"
ngircd_port="${NGIRCD_PORT:-27663}"
inspircd_port="${INSPIRCD_PORT:-27664}"
rooms=100                      # line rooms: one listener each, on line_port .. line_port+99
listeners=$((1 + rooms))       # lines the server prints once bound: TCD + every line listener

if [[ -n "${QUICK:-}" ]]; then
  idle="--connections 400 --rooms 20 --duration 2"
  storm="--connections 400 --rooms 20 --in-flight 100"
  big="--connections 50 --senders 5 --rate 200 --duration 2 --warmup 1 --drain 5"
  light="--connections 50 --senders 5 --rate 20 --duration 2 --warmup 1 --drain 5"
  small="--connections 100 --rooms 10 --senders 10 --rate 1000 --duration 2 --warmup 1 --drain 5"
else
  idle="--connections 5000 --rooms 100 --duration 3"
  storm="--connections 5000 --rooms 100 --in-flight 1000"
  big="--connections 500 --senders 10 --rate 2000 --duration 5 --warmup 2 --drain 10"
  light="--connections 500 --senders 10 --rate 100 --duration 5 --warmup 2 --drain 10"
  small="--connections 1000 --rooms 100 --senders 100 --rate 10000 --duration 5 --warmup 2 --drain 10"
fi
# Each entry: workload, protocol, shape. The shapes are the issue's (W3: 1 room x 500, 10
# senders, 2,000 msg/s in = 1 M deliveries/s; W4: 100 rooms x 10, 10,000 msg/s in), plus W3 at
# a twentieth of the rate, to see latency below saturation. W1 and W2 use 5,000 connections
# (the issue's storm has 1,000 in flight) so that the whole matrix stays near 10 minutes.
matrix=(
  "W1 line $idle" "W1 tcd $idle"
  "W2 line $storm" "W2 tcd $storm"
  "W3 line $big" "W3 tcd $big"
  "W3 line $light" "W3 tcd $light"
  "W4 line $small" "W4 tcd $small"
)

# The IRC matrix (IRC=1): the same shapes for Parley's IRC, its WebSocket and the two peers, and
# W3 also at 100 senders of 2 msg/s each (100,000 deliveries/s): ngIRCd throttles each client to
# a few commands a second (its flood control has no setting to lift it), so a 200 msg/s sender
# measures its throttle, not its fan-out. W1 and W2 at 2,000 connections; W5 and W6 at their
# workloads' shapes over the matrix's 5 s.
if [[ -n "${IRC:-}" ]]; then
  if [[ -n "${QUICK:-}" ]]; then
    many="--connections 50 --senders 25 --rate 50 --duration 2 --warmup 1 --drain 5"
    churn="--connections 30 --senders 3 --rate 60 --duration 2 --warmup 1 --drain 5"
    slow="--connections 50 --senders 5 --rate 100 --duration 2 --warmup 1 --drain 5"
  else
    idle="--connections 2000 --rooms 100 --duration 3"
    storm="--connections 2000 --rooms 100 --in-flight 1000"
    many="--connections 500 --senders 100 --rate 200 --duration 5 --warmup 2 --drain 10"
    churn="--connections 100 --senders 10 --rate 1000 --duration 5 --warmup 2 --drain 10"
    slow="--connections 500 --senders 10 --rate 2000 --duration 5 --warmup 2 --drain 10"
  fi
  matrix=()
  for server in irc ws ngircd inspircd; do
    matrix+=("W1 $server $idle" "W2 $server $storm" "W3 $server $big" "W3 $server $many" "W4 $server $small"
      "W5 $server $churn" "W6 $server $slow")
  done
fi

if [[ $# -gt 1 ]]; then
  matrix=("${@:2}")
fi

if [[ "$(nproc)" -lt 2 ]]; then
  echo "bench/run.sh needs two cores (the server on one, the bench on the other); this machine has $(nproc)" >&2
  exit 2
fi

# Builds the jar when it is missing or older than the sources (the launcher knows how).
"$home/parley" --version >/dev/null

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

extra=""
for ((k = 1; k < rooms; k++)); do
  extra+="${extra:+, }$((line_port + k))=bench-line-$k"
done
# bench/server.conf lifts the abuse limits (every bench connection comes from 127.0.0.1); the
# listeners are added here.
{
  cat "$home/bench/server.conf"
  cat <<EOF
tcd.port = $tcd_port
line.port = $line_port
line.room = bench-line-0
line.extra-listeners = $extra
listeners.only = tcd,line
EOF
} > "$work/parley.conf"

# The IRC peers: a minimal config each (bench/irc-peers.sh).
# shellcheck source=bench/irc-peers.sh
source "$home/bench/irc-peers.sh"
write_ngircd_conf "$work/ngircd.conf" "$ngircd_port"
write_inspircd_conf "$work/inspircd.conf" "$inspircd_port" "$work"

# An IRC peer ($1: ngircd or inspircd), pinned like Parley; ready once its port accepts.
start_irc_peer() {
  local port
  ulimit -n 20000 2>/dev/null || true   # W1/W2's connections (the JVM raises its own limit)
  if [[ "$1" == ngircd ]]; then
    port=$ngircd_port
    "${priority[@]}" taskset -c "$server_core" "${NGIRCD:-ngircd}" -n -f "$work/ngircd.conf" >> "$out/server.log" 2>&1 &
  else
    port=$inspircd_port
    "${priority[@]}" taskset -c "$server_core" "${INSPIRCD:-inspircd}" --nofork --runasroot --config="$work/inspircd.conf" \
      >> "$out/server.log" 2>&1 &
  fi
  server_pid=$!
  for _ in $(seq 1 300); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      return 0
    fi
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "$1 did not start; see $out/server.log" >&2
      exit 3
    fi
    sleep 0.1
  done
  echo "$1 did not listen on port $port within 30 s (is the port taken? set ${1^^}_PORT)" >&2
  exit 3
}

# nats-server logs to stderr: into server.out (to see it is ready) and, like Parley's, server.log.
start_nats_server() {
  : > "$work/server.out"
  GOMAXPROCS=1 "${priority[@]}" taskset -c "$server_core" "${NATS_SERVER:-nats-server}" -a 127.0.0.1 -p "$nats_port" \
    2> >(tee "$work/server.out" >> "$out/server.log") &
  server_pid=$!
  for _ in $(seq 1 300); do
    if grep -q "Server is ready" "$work/server.out" 2>/dev/null; then
      return 0
    fi
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "the NATS server did not start; see $out/server.log" >&2
      exit 3
    fi
    sleep 0.1
  done
  echo "the NATS server was not ready within 30 s" >&2
  exit 3
}

start_server() {
  local data="$work/data-$1" only=() expect=$listeners
  if [[ "${2:-}" == irc || "${2:-}" == ws ]]; then
    # IRC and its WebSocket only (then the admin line): the TCD and line ports stay free.
    only=(--only irc,web --irc "$irc_port" --web "$web_port")
    expect=3
  fi
  : > "$work/server.out"
  "${priority[@]}" taskset -c "$server_core" java @"$home/dist/jvm.options" ${SERVER_JAVA_OPTS:-} -jar "$jar" serve --config "$work/parley.conf" --data "$data" \
    "${only[@]}" > "$work/server.out" 2>> "$out/server.log" &
  server_pid=$!
  for _ in $(seq 1 300); do
    if [[ "$(grep -c listening "$work/server.out" 2>/dev/null)" -ge "$expect" ]]; then
      return 0
    fi
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo "the server did not start; see $out/server.log" >&2
      exit 3
    fi
    sleep 0.1
  done
  echo "the server did not bind its $listeners listeners within 30 s" >&2
  exit 3
}

# Waits (at most 30 s) until the server's CPU time stops rising: the end of a warm-up run (its
# connections closing, their leaves stored and announced) must not count in the measured run.
# A server that has died is idle too: the measured run then fails and says so.
wait_until_idle() {
  local before after
  before=$(awk '{print $14 + $15}' "/proc/$server_pid/stat" 2>/dev/null) || return 0
  for _ in $(seq 1 30); do
    sleep 1
    after=$(awk '{print $14 + $15}' "/proc/$server_pid/stat" 2>/dev/null) || return 0
    if (( after - before < 5 )); then   # under 5 % of a core over that second
      return 0
    fi
    before=$after
  done
}

# A server that died during its run is reported by that run; the matrix goes on.
stop_server() {
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" || true
  server_pid=""
}

mkdir -p "$out"
: > "$out/runs.log"
: > "$out/server.log"
{
  echo "Parley benchmark matrix, $(date -u +%FT%TZ), commit $(git -C "$home" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "server pinned to core $server_core, bench pinned to core $bench_core, $repeats interleaved repeats," \
    "$warm_runs unmeasured warm-up run(s) before each measured one but W1, priority: ${priority[*]:-default}"
  echo
  echo "nproc: $(nproc)"
  lscpu | grep -E '^(Model name|CPU\(s\)|Thread|Core|Socket|Hypervisor|L2|L3|Virtualization)' || true
  echo "memory: $(free -m | awk '/^Mem:/ {print $2 " MiB"}')"
  echo "kernel: $(uname -srm)"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "load average before: $(cat /proc/loadavg)"
} > "$out/machine.txt"

started=$(date +%s)
for ((r = 1; r <= repeats; r++)); do
  for entry in "${matrix[@]}"; do
    read -r workload server shape <<< "$entry"
    protocol=$server
    case "$server" in
      tcd) port=$tcd_port ;;
      nats) port=$nats_port ;;
      irc) port=$irc_port ;;
      ws) port=$web_port ;;
      ngircd) port=$ngircd_port; protocol=irc ;;
      inspircd) port=$inspircd_port; protocol=irc ;;
      *) port=$line_port ;;
    esac
    rate=$(sed -n 's/.*--rate \([0-9]*\).*/-\1/p' <<< "$shape")
    senders=$(sed -n 's/.*--senders \([0-9]*\).*/x\1/p' <<< "$shape")
    name="$workload-$server$rate$senders-r$r"
    if [[ "$server" == nats ]]; then
      start_nats_server
    elif [[ "$server" == ngircd || "$server" == inspircd ]]; then
      start_irc_peer "$server"
    else
      start_server "$name" "$server"
    fi
    echo "== $name (server pid $server_pid, load $(cut -d' ' -f1 /proc/loadavg))" | tee -a "$out/runs.log"
    if [[ "$workload" != W1 ]]; then
      for ((w = 1; w <= warm_runs; w++)); do
        echo "   warm-up run $w, not measured" >> "$out/runs.log"
        # shellcheck disable=SC2086 # the shape is a list of options
        "${priority[@]}" taskset -c "$bench_core" java ${BENCH_JAVA_OPTS:-} -jar "$jar" bench --protocol "$protocol" \
          --workload "$workload" --port "$port" $shape --out "$work/warm-up.json" >> "$out/runs.log" 2>&1 || true
        wait_until_idle
      done
    fi
    # shellcheck disable=SC2086 # the shape is a list of options
    "${priority[@]}" taskset -c "$bench_core" java ${BENCH_JAVA_OPTS:-} -jar "$jar" bench --protocol "$protocol" --workload "$workload" \
      --port "$port" $shape --server-pid "$server_pid" --out "$out/$name.json" >> "$out/runs.log" 2>&1 \
      || echo "   $name: exit code $? (see runs.log)" | tee -a "$out/runs.log"
    stop_server
  done
done

echo "load average after: $(cat /proc/loadavg)" >> "$out/machine.txt"
echo "matrix time: $(( $(date +%s) - started )) s" >> "$out/machine.txt"
# The peers' results say protocol irc, like Parley's: each gets a table of its own.
parley_results=()
for file in "$out"/*.json; do
  case "$file" in
    *-ngircd*|*-inspircd*) ;;
    *) parley_results+=("$file") ;;
  esac
done
: > "$out/summary.txt"
if (( ${#parley_results[@]} > 0 )); then
  java -jar "$jar" bench --summary "${parley_results[@]}" > "$out/summary.txt"
fi
for peer in ngircd inspircd; do
  if compgen -G "$out/*-$peer*.json" > /dev/null; then
    { echo; echo "== $peer (protocol irc)"; java -jar "$jar" bench --summary "$out"/*-"$peer"*.json; } >> "$out/summary.txt"
  fi
done
# One chart per workload that sends, from the first repeat of each protocol and rate.
for workload in W3 W4; do
  if compgen -G "$out/$workload-*-r1.json" > /dev/null; then
    java -jar "$jar" bench --chart "$out/$workload-latency.png" "$out/$workload"-*-r1.json > /dev/null
  fi
done
cat "$out/summary.txt"
echo "Results in $out"
