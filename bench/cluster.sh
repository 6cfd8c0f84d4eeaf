#!/usr/bin/env bash
# The cluster bench: one shape over TCD against one node and against a cluster of two (and three)
# nodes on this machine, interleaved (1, 2, 3, 1, 2, 3, ...) so that the ratios come from one
# stretch of a shared machine's load. Every node is a cluster node (PostgreSQL store, NATS bus),
# so the one-node run carries the same store and bus as the others and the difference is the hop
# between nodes: in the 2- and 3-node runs a room's members alternate over the nodes (bench
# --ports), so nearly every delivery crosses NATS.
#
#   bench/cluster.sh [OUT_DIR]      REPEATS=2 NODES="1 2 3" SHAPE="--connections 200 ..."
#
# RATES="20 100" runs each node count at each --rate (messages in per second), after SHAPE's
# options. JARS="before=/tmp/old/parley.jar after=server/target/parley.jar" runs the nodes of
# each run from each of the labelled jars in turn (one before, one after, ...), so that a change
# is measured against what it changes in one stretch of the machine's load; the bench client is
# always server/target/parley.jar.
#
# Needs PostgreSQL on 127.0.0.1:5432 (trust auth for postgres) and NATS on 127.0.0.1:4222; each
# run gets a fresh database and its own NATS subjects. Results (JSON) and runs.tsv go to OUT_DIR.
set -euo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$home/server/target/parley.jar"
out="${1:-$home/bench/results/cluster-$(date -u +%Y%m%d-%H%M%S)}"
repeats="${REPEATS:-2}"
nodes_list="${NODES:-1 2 3}"
shape="${SHAPE:---connections 200 --rooms 1 --senders 10 --rate 500 --duration 15 --warmup 3 --drain 10}"
rates_list="${RATES:-}"
jars_list="${JARS:-}"
base_port=27910
mkdir -p "$out"

if [[ -z "$jars_list" ]]; then
  "$home/parley" --version >/dev/null # builds the jar when it is missing or stale
  jars_list="this=$jar"
fi
for labelled in $jars_list; do
  [[ -f "${labelled#*=}" ]] || { echo "no jar at ${labelled#*=}" >&2; exit 2; }
done

work="$(mktemp -d)"
pids=()
database=""
cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  pids=()
  if [[ -n "$database" ]]; then
    psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" >/dev/null || true
  fi
}
trap 'cleanup; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

# Starts $1 nodes of jar $2 on a fresh database; their TCD ports are base_port, base_port+1, ...
start_nodes() {
  local count="$1" node_jar="$2" prefix="bench$RANDOM$RANDOM"
  database="parley_bench_$RANDOM$RANDOM"
  psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $database" >/dev/null
  { cat "$home/bench/server.conf"; echo "bus.subject-prefix = $prefix"; echo "admin.port = off"; } > "$work/node.conf"
  for ((n = 0; n < count; n++)); do
    mkdir -p "$work/data-$n"
    java -jar "$node_jar" serve --config "$work/node.conf" --only tcd --tcd $((base_port + n)) --data "$work/data-$n" \
      --store "postgresql://127.0.0.1:5432/$database?user=postgres" --bus nats://127.0.0.1:4222 --node "n$n" \
      > "$work/node-$n.out" 2> "$work/node-$n.err" &
    pids+=("$!")
    # One at a time: a node reads the others' rosters when it starts.
    until grep -q "listening on port" "$work/node-$n.out" 2>/dev/null; do
      kill -0 "${pids[-1]}" || { cat "$work/node-$n.err" >&2; exit 3; }
      sleep 0.2
    done
  done
}

printf 'jar\trate\tnodes\trepeat\tdeliveries_per_s\tp50_ms\tp99_ms\tserver_cpu_us_per_delivery\tverdict\tfile\n' > "$out/runs.tsv"
for ((r = 1; r <= repeats; r++)); do
  for rate in ${rates_list:--}; do
    for count in $nodes_list; do
      for labelled in $jars_list; do
        label="${labelled%%=*}"
        start_nodes "$count" "${labelled#*=}"
        ports=$(seq -s, "$base_port" $((base_port + count - 1)))
        server_pids=$(IFS=,; echo "${pids[*]}")
        rate_option=""
        [[ "$rate" != "-" ]] && rate_option="--rate $rate"
        file="$out/W3-tcd-${label}-rate${rate}-${count}nodes-r$r.json"
        # shellcheck disable=SC2086
        java -jar "$jar" bench --protocol tcd --workload W3 $shape $rate_option --ports "$ports" --server-pid "$server_pids" \
          --out "$file" > "$work/bench.out" 2>&1 || true
        python3 - "$file" "$label" "$rate" "$count" "$r" >> "$out/runs.tsv" <<'PY'
import json, sys
path, label, rate, nodes, repeat = sys.argv[1:]
try:
    r = json.load(open(path))
except (OSError, ValueError):
    print(f"{label}\t{rate}\t{nodes}\t{repeat}\t-\t-\t-\t-\tno result\t{path}")
    sys.exit()
lat = r["latency"]
server = r.get("server") or {}
cpu = server.get("cpuPerDeliveryMicros")
verdict = "FAILED" if r.get("failures") else "ok"
print(f"{label}\t{rate}\t{nodes}\t{repeat}\t{r['rates']['deliveries']:.0f}\t{lat['p50'] / 1000:.1f}\t{lat['p99'] / 1000:.1f}\t"
      f"{'-' if cpu is None else f'{cpu:.2f}'}\t{verdict}\t{path}")
PY
        tail -1 "$out/runs.tsv"
        cleanup
      done
    done
  done
done
echo "runs: $out/runs.tsv"
