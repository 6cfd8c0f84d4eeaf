#!/usr/bin/env bash
# usage (from the worktree root): ab.sh OUT "name=jar name=jar ..." [REPEATS]: versus.sh's storm order on each Parley jar (and refircd), interleaved;
# the 4th storm (the measured W2 of versus.sh) and a 5th recorded.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
source $home/bench/c-tools.sh
out=$1; jars=$2; repeats=${3:-3}; port=33041
mkdir -p $out
trap stop_server EXIT
hz=$(getconf CLK_TCK)
cpu() { awk '{ print $14 + $15 }' /proc/$server_pid/stat; }
load() { local tag=$1; shift; (pinned 1 ${TOOLS_BIN:-$home/target/tools}/chatload -p $proto -P $port "$@" -S $server_pid -q -T $tag) > $dir/$tag.txt 2>&1 || true; }
echo "ab $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)" | tee $out/about.txt
printf 'server\trepeat\tstorm\tconn_per_s\tcpu_us_per_conn\n' > $out/runs.tsv
for ((r=1;r<=repeats;r++)); do
  for entry in $jars; do
    name=${entry%%=*}; jar=${entry#*=}; dir=$out/$name-r$r; mkdir -p $dir; rm -rf $dir/data
    if [[ $name == refircd ]]; then
      proto=irc
      (pinned 0 ${TOOLS_BIN:-$home/target/tools}/refircd $port 1) > $dir/server.out 2>&1 & server_pid=$!; sleep 0.5
    else
      proto=tcd
      { cat $home/bench/server.conf; echo "tcd.port = $port"; echo "listeners.only = tcd"; } > $dir/parley.conf
      (pinned 0 java -jar $jar serve --config $dir/parley.conf --data $dir/data) > $dir/server.out 2> $dir/server.log & server_pid=$!
      for _ in $(seq 300); do grep -q listening $dir/server.out 2>/dev/null && break; sleep 0.1; done
    fi
    load W1f -r 100 -c 50 -s 0 -R 0 -d 2 -i 1000
    load W1w -r 100 -c 50 -s 0 -R 0 -d 2 -i 1000
    load W2a -r 500 -c 10 -s 1 -R 0 -d 1 -i 1000
    for s in W2 W2b; do
      b=$(cpu); load $s -r 500 -c 10 -s 1 -R 0 -d 1 -i 1000; a=$(cpu)
      rate=$(grep -o 'conn_rate=[0-9]*' $dir/$s.txt | cut -d= -f2)
      printf '%s\t%s\t%s\t%s\t%s\n' $name $r $s "$rate" $(awk -v t=$((a-b)) -v hz=$hz 'BEGIN{printf "%.0f", t/hz*1e6/5000}') | tee -a $out/runs.tsv
    done
    stop_server
  done
done
echo "load after $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a $out/about.txt
python3 - $out/runs.tsv <<'PY' | tee $out/medians.tsv
import sys,statistics,collections
rows=[l.rstrip('\n').split('\t') for l in open(sys.argv[1])][1:]
d=collections.defaultdict(list)
for s,r,st,rate,cpu in rows: d[(s,st)].append((float(rate or 0),float(cpu)))
print('server\tstorm\tconn/s median\tcpu us median\truns (conn/s)')
for (s,st),v in d.items(): print(f'{s}\t{st}\t{statistics.median(a for a,_ in v):.0f}\t{statistics.median(b for _,b in v):.0f}\t{[int(a) for a,_ in v]}')
PY
