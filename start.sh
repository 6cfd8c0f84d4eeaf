#!/usr/bin/env bash
# The TCD lab's launch script: ./start.sh <port> serves the TCD protocol on <port>, with
# KILL_SERVICE allowed (the lab's scoring client stops the server with it). Every other
# protocol's listeners are off (--only tcd, so a new protocol needs no edit here), as is the
# admin HTTP listener, and each port keeps its own store in data/tcd-<port>, so that several lab
# servers can run side by side (a data directory serves one server at a time).
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 <port>" >&2
  exit 2
fi
exec "$(dirname "${BASH_SOURCE[0]}")/parley" serve --only tcd --tcd "$1" --admin off --allow-kill \
  --data "data/tcd-$1"
