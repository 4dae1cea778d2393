#!/usr/bin/env bash
# Starts the node simulator (tests/node_simulator) against the control plane in DIR, in the
# background, with its pid in DIR/run/ so tests/cluster/down.sh stops it with the rest.
#   tests/cluster/simulator-up.sh DIR SIMULATOR-BINARY
set -euo pipefail
dir=$1
binary=$2
mkdir -p "$dir/run" "$dir/logs"
if [ -f "$dir/run/node-simulator.pid" ] && kill -0 "$(cat "$dir/run/node-simulator.pid")" 2>/dev/null; then
  exit 0
fi
setsid "$binary" "$dir/kubeconfig" >>"$dir/logs/node-simulator.log" 2>&1 </dev/null &
echo $! >"$dir/run/node-simulator.pid"
# The Node is registered on the first loop; wait for it so tests can count on it.
for _ in $(seq 1 50); do
  if kubectl --kubeconfig "$dir/kubeconfig" get node sim-node >/dev/null 2>&1; then exit 0; fi
  sleep 0.2
done
echo "simulator-up: the node simulator did not register its Node; log:" >&2
tail -n 20 "$dir/logs/node-simulator.log" >&2
exit 1
