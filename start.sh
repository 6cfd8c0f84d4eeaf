#!/usr/bin/env bash
# The TCD lab's launch script: ./start.sh <port> serves the TCD protocol on <port>, with
# KILL_SERVICE allowed (the lab's scoring client stops the server with it). The other
# listeners (and the admin HTTP listener) are off, and each port keeps its own store in data/tcd-<port>, so that several lab
# servers can run side by side (a data directory serves one server at a time).
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 <port>" >&2
  exit 2
fi
exec "$(dirname "${BASH_SOURCE[0]}")/parley" serve --tcd "$1" --line off --account off --directory off --irc off --web off --admin off --allow-kill \
  --data "data/tcd-$1"
