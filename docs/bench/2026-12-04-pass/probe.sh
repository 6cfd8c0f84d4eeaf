#!/usr/bin/env bash
# usage: w4probe.sh SERVER(parley|parley-uring|refircd) OUT [JAR]  -- warm, then W4 + W3 with utime/stime split
set -euo pipefail
home=/work/main; tools=/work/shared/tools; server=$1; out=$2; jar=${3:-/tmp/parley-base.jar}; port=${PORT:-27760}
source $home/bench/c-tools.sh
mkdir -p $out; dir=$out
trap stop_server EXIT
if [[ $server == refircd ]]; then
  (pinned 0 $home/target/tools/refircd $port 1) > $dir/server.out 2>&1 & server_pid=$!; sleep 0.5; proto=irc
else
  { cat $home/bench/server.conf; echo "tcd.port = $port"; echo "listeners.only = tcd"; [[ $server == parley-uring ]] && echo "transport = io_uring"; true; } > $dir/parley.conf
  (pinned 0 java @$home/dist/jvm.options ${JOPTS:-} -jar $jar serve --config $dir/parley.conf --data $dir/data) > $dir/server.out 2> $dir/server.log & server_pid=$!
  for _ in $(seq 300); do grep -q listening $dir/server.out 2>/dev/null && break; sleep 0.1; done
  proto=tcd
fi
load() { local tag=$1; shift; (pinned 1 $home/target/tools/chatload -p $proto -P $port "$@" -S $server_pid -q -T $tag) > $dir/$tag.txt 2>&1 || true; }
if [[ $server != refircd ]]; then
  for i in $(seq ${WARM:-4}); do load warm-W4 -r 100 -c 10 -s 1 -R 10000 -d 8 -w 2 -i 200; load warm-W3 -r 1 -c 500 -s 10 -R 2000 -d 8 -w 2 -i 200; done
fi
for w in W4 W3; do
  s0=($(awk '{print $14, $15}' /proc/$server_pid/stat))
  if [[ -n ${PERF:-} && $w == W4 ]]; then (sleep 3; perf stat --per-thread -e syscalls:sys_enter_pwrite64,syscalls:sys_enter_futex,syscalls:sys_enter_epoll_ctl,syscalls:sys_enter_sendto,syscalls:sys_enter_recvfrom,syscalls:sys_enter_write,syscalls:sys_enter_read,syscalls:sys_enter_epoll_pwait2,syscalls:sys_enter_epoll_wait,syscalls:sys_enter_fcntl,syscalls:sys_enter_pread64,syscalls:sys_enter_writev,sched:sched_wakeup,context-switches,task-clock -p $server_pid -o $dir/stat-$w.txt -- sleep 4 >/dev/null 2>&1) & fi
  if [[ -n ${PROF:-} && $w == W4 ]]; then (sleep 3; jcmd $server_pid JVMTI.agent_load /tmp/ap/linux-x64/libasyncProfiler.so "\"start,event=${PROF},interval=${PROFI:-200us}\"" >/dev/null; sleep 4; jcmd $server_pid JVMTI.agent_load /tmp/ap/linux-x64/libasyncProfiler.so "\"stop,file=$dir/prof-$w.collapsed\"" > /dev/null) & fi
  if [[ $server != refircd ]]; then curl -s http://127.0.0.1:$(grep -o 'Admin HTTP listening on port [0-9]*' $dir/server.out | grep -o '[0-9]*$')/metrics | grep -E '^parley_store_(batch|commit)_(tasks|seconds)_(count|sum)|^jvm_gc_pause_seconds_(count|sum)' > $dir/metrics0-$w.txt; fi
  if [[ -n ${PREC:-} && $w == W4 ]]; then (sleep 3; perf record -C 0 -g -F 2000 -o $dir/perf-$w.data -- sleep 3 >/dev/null 2>&1) & fi
  if [[ $w == W4 ]]; then load W4 -r 100 -c 10 -s 1 -R ${W4R:-10000} -d 8 -w 2 -i 200; else load W3 -r 1 -c 500 -s 10 -R 2000 -d 8 -w 2 -i 200; fi
  [[ $server != refircd ]] && curl -s http://127.0.0.1:$(grep -o 'Admin HTTP listening on port [0-9]*' $dir/server.out | grep -o '[0-9]*$')/metrics | grep -E '^parley_store_(batch|commit)_(tasks|seconds)_(count|sum)|^jvm_gc_pause_seconds_(count|sum|max)' > $dir/metrics-$w.txt
  s1=($(awk '{print $14, $15}' /proc/$server_pid/stat))
  echo "$server $w utime=$((s1[0]-s0[0])) stime=$((s1[1]-s0[1])) ticks; $(grep -o 'p50=[0-9.]*\|p99=[0-9.]*\|server_cpu_us_per_delivery=[0-9.]*\|([0-9.]*%)' $dir/$w.txt | tr '\n' ' ')"
done
