#!/usr/bin/env bash
# Stops the control plane that tests/cluster/up.sh started from DIR and removes its data.
#
#   tests/cluster/down.sh DIR
#
# Only the pids recorded in DIR/run are signalled, and only while their command line still names
# DIR (a recycled pid belongs to someone else). Idempotent: exits 0 when nothing runs.
# Logs and PKI stay for post-mortems; up.sh replaces them on its next run.
set -euo pipefail

readonly k_grace_seconds=10

log() { echo "cluster-down: $*" >&2; }

# True while PID is alive and was started from DIR (every up.sh process has DIR in its flags).
ours() {
  local pid=$1
  [ -r "/proc/$pid/cmdline" ] || return 1
  tr "\\0" " " 2>/dev/null <"/proc/$pid/cmdline" | grep -qF -- "$DIR/"
}

# Waits up to SECONDS for every pid in the rest of the arguments to be gone; false on timeout.
wait_gone() {
  local deadline=$((SECONDS + $1)) pid alive
  shift
  while :; do
    alive=0
    for pid in "$@"; do
      if ours "$pid"; then alive=1; fi
    done
    [ "$alive" -eq 0 ] && return 0
    [ "$SECONDS" -ge "$deadline" ] && return 1
    sleep 0.1
  done
}

stop_all() {
  local name pid pids=()
  # Dependants first, so the controller-manager does not log a storm of connection errors.
  for name in kube-controller-manager kube-apiserver etcd; do
    [ -f "$DIR/run/$name.pid" ] || continue
    pid=$(cat "$DIR/run/$name.pid")
    [[ $pid =~ ^[0-9]+$ ]] || continue
    if ours "$pid"; then
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
      log "stopping $name (pid $pid)"
    fi
  done
  [ ${#pids[@]} -eq 0 ] && return 0
  if ! wait_gone "$k_grace_seconds" "${pids[@]}"; then
    for pid in "${pids[@]}"; do
      if ours "$pid"; then
        log "pid $pid ignored SIGTERM for $k_grace_seconds s; killing it"
        kill -KILL "$pid" 2>/dev/null || true
      fi
    done
    wait_gone 5 "${pids[@]}" || {
      log "error: could not stop ${pids[*]}"
      return 1
    }
  fi
}

main() {
  if [ $# -ne 1 ]; then
    echo "usage: $0 DIR" >&2
    exit 2
  fi
  [ -d "$1" ] || exit 0
  DIR=$(cd "$1" && pwd)
  stop_all
  rm -rf "$DIR/etcd" "$DIR/run" "$DIR/env"
}

main "$@"
