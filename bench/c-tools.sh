# Sourced by bench/calibrate.sh and bench/versus.sh: what both need to run the C measuring tools
# (../shared/tools: chatload, the load generator; refircd, the minimal server) beside Parley.
# Expects $home (the project root) and $tools (the tools' folder) to be set.

# Builds chatload and refircd into target/tools (again when their source is newer), or stops.
build_c_tools() {
  mkdir -p "$home/target/tools"
  if [[ ! -f "$tools/chatload.c" || ! -f "$tools/refircd.c" ]]; then
    echo "no chatload.c and refircd.c in $tools; give their folder as TOOLS=..." >&2
    exit 2
  fi
  local tool
  for tool in chatload refircd; do
    if [[ ! -x "$home/target/tools/$tool" || "$tools/$tool.c" -nt "$home/target/tools/$tool" ]]; then
      gcc -O2 -o "$home/target/tools/$tool" "$tools/$tool.c"
    fi
  done
}

# Replaces the calling (sub)shell with a command pinned to a core, in its own session and
# scheduler group, at a higher priority when root: with autogroup scheduling (Linux's default) a
# plain `nice` only weighs a process against the others of its own session, so on a shared
# machine it did nothing against other sessions. Call it in a subshell, so that a server's $! is
# the server's own pid.
pinned() {
  local core=$1
  shift
  if [[ "$EUID" -eq 0 ]]; then
    exec setsid bash -c 'echo -10 > /proc/self/autogroup; exec nice -n -10 taskset -c "$0" "$@"' "$core" "$@"
  else
    exec taskset -c "$core" "$@"
  fi
}

# The server started last ($server_pid), stopped; stop_server is the scripts' EXIT trap.
server_pid=""
stop_server() {
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}

# A Parley server's JIT compilation time so far, in ms, from its admin listener ($1: port).
jit_ms() {
  curl -s "http://127.0.0.1:$1/metrics" | awk '/^jvm_compilation_time_ms_total/ { printf "%d", $NF }'
}
