#!/usr/bin/env bash
# Soak: one `kubectl gitops agent` keeping APPS apps (one ConfigMap each, all on one branch
# served by `git daemon` on loopback) in sync while a commit lands every COMMIT_EVERY seconds
# for DURATION seconds. Every SAMPLE_EVERY seconds it prints the agent's resident memory and
# open file descriptors; at the end it checks that every app ended synced to the last commit
# with the value of its last change, and that memory and descriptors stayed within bounds
# (descriptors: at most 16 above the baseline, the second sample, once every app has synced;
# memory: at most 1.5x the baseline + 32 MiB).
#
#   bench/agent-soak.sh BUILD_DIR
#   APPS=50 DURATION=600 COMMIT_EVERY=3 INTERVAL=5s SAMPLE_EVERY=15 bench/agent-soak.sh BUILD_DIR
#
# Uses the running test cluster of $GITOPS_TEST_CLUSTER_DIR when set; otherwise starts one under
# BUILD_DIR/bench-cluster (with the node simulator) and stops it afterwards. Exits 1 on a failed
# check.
set -euo pipefail

readonly build_dir=$(cd "${1:?usage: bench/agent-soak.sh BUILD_DIR}" && pwd)
readonly apps=${APPS:-50}
readonly duration=${DURATION:-600}
readonly commit_every=${COMMIT_EVERY:-3}
readonly interval=${INTERVAL:-5s}
readonly sample_every=${SAMPLE_EVERY:-15}
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly repo
binary_dir="$build_dir/plugin"
[ -x "$binary_dir/kubectl-gitops" ] || { echo "soak: build the kubectl-gitops target first" >&2; exit 2; }

# shellcheck source=bench/lib.sh
. "$repo/bench/lib.sh"
work=$(mktemp -d)
agent_pid=""
daemon_pid=""
ns=soak-$$
cleanup() {
  if [ -n "$agent_pid" ]; then kill "$agent_pid" 2>/dev/null || true; wait "$agent_pid" 2>/dev/null || true; fi
  if [ -n "$daemon_pid" ]; then kill "$daemon_pid" 2>/dev/null || true; wait "$daemon_pid" 2>/dev/null || true; fi
  kubectl delete namespace "$ns" --wait=false >/dev/null 2>&1 || true
  rm -rf "$work"
  stop_started_cluster
}
trap cleanup EXIT
use_cluster --simulator
export KUBECONFIG="$cluster_dir/kubeconfig"
export PATH="$binary_dir:$PATH"
export XDG_CACHE_HOME="$work/cache"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
app_name() { printf 'app-%03d' "$1"; }
config_map() { printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: %s\ndata:\n  value: "%s"\n' "$1" "$2"; }

# The repository: one folder per app, served from a bare copy.
git init -q -b main "$work/tree"
git init -q --bare -b main "$work/served/repo.git"
gitc() { git -C "$work/tree" -c user.name=Soak -c user.email=soak@example.com "$@"; }
declare -a expected
for ((i = 0; i < apps; i++)); do
  mkdir -p "$work/tree/$(app_name "$i")"
  expected[i]=v0
  config_map "$(app_name "$i")" v0 >"$work/tree/$(app_name "$i")/settings.yaml"
done
gitc add -A && gitc commit -q -m "apps" && gitc push -q "$work/served/repo.git" HEAD:refs/heads/main
git_port=$(free_port)
git daemon --reuseaddr --export-all --listen=127.0.0.1 --port="$git_port" --base-path="$work/served" \
  "$work/served" &
daemon_pid=$!
url="git://127.0.0.1:$git_port/repo.git"
for _ in $(seq 50); do git ls-remote "$url" >/dev/null 2>&1 && break; sleep 0.2; done

: >"$work/agent.yaml"
for ((i = 0; i < apps; i++)); do
  printf -- '---\napiVersion: gitops.kubectl.dev/v1alpha1\nkind: App\nmetadata: {name: %s}\nspec: {repo: "%s", ref: main, path: %s, namespace: %s}\n' \
    "$(app_name "$i")" "$url" "$(app_name "$i")" "$ns" >>"$work/agent.yaml"
done
kubectl create namespace "$ns" >/dev/null

metrics_port=$(free_port)
kubectl-gitops agent --config "$work/agent.yaml" -n "$ns" --interval "$interval" --identity soak \
  --metrics-addr "127.0.0.1:$metrics_port" --lease-duration 15s 2>"$work/agent.log" &
agent_pid=$!

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$agent_pid/status"; }
fds() { find "/proc/$agent_pid/fd" -mindepth 1 -maxdepth 1 | wc -l; }
metrics() { curl -sf "http://127.0.0.1:$metrics_port/metrics" || true; }
synced_to() {  # apps whose synced commit is $1
  metrics | grep -c "^gitops_agent_app_info{.*,commit=\"$1\"" || true
}
failures() { metrics | awk '/^gitops_agent_syncs_total\{.*result="failed"\}/ { n += $2 } END { print n + 0 }'; }
successes() { metrics | awk '/^gitops_agent_syncs_total\{.*result="succeeded"\}/ { n += $2 } END { print n + 0 }'; }

echo "soak: $apps apps, a commit every ${commit_every}s for ${duration}s, agent interval $interval"
start=$(date +%s)
next_sample=$start
commits=0
first_rss=0
first_fds=0
samples=0
max_rss=0
max_fds=0
while (( $(date +%s) - start < duration )); do
  now=$(date +%s)
  # One commit changes the value of a few apps (the branch moves for all of them).
  for _ in 1 2 3; do
    i=$((RANDOM % apps))
    expected[i]="c$commits-$i"
    config_map "$(app_name "$i")" "${expected[i]}" >"$work/tree/$(app_name "$i")/settings.yaml"
  done
  gitc commit -qam "commit $commits" && gitc push -q "$work/served/repo.git" HEAD:refs/heads/main
  commits=$((commits + 1))
  if (( now >= next_sample )); then
    kill -0 "$agent_pid" || { echo "soak: the agent died" >&2; tail -20 "$work/agent.log" >&2; exit 1; }
    rss=$(rss_kb); fd=$(fds)
    # The baseline is the second sample: by then every app has synced (memory of a warm agent).
    samples=$((samples + 1))
    if (( samples == 2 )); then first_rss=$rss; first_fds=$fd; fi
    if (( samples >= 2 )); then
      (( rss > max_rss )) && max_rss=$rss
      (( fd > max_fds )) && max_fds=$fd
    fi
    printf 't=%4ss commits=%4d rss=%6d kB fds=%3d syncs ok=%5d failed=%d\n' \
      "$((now - start))" "$commits" "$rss" "$fd" "$(successes)" "$(failures)"
    next_sample=$((now + sample_every))
  fi
  sleep "$commit_every"
done

head=$(gitc rev-parse HEAD)
settle_start=$(date +%s)
while (( $(synced_to "$head") < apps )) && (( $(date +%s) - settle_start < 300 )); do sleep 1; done
settled=$(( $(date +%s) - settle_start ))
rss=$(rss_kb); fd=$(fds)
(( rss > max_rss )) && max_rss=$rss
(( fd > max_fds )) && max_fds=$fd
synced=$(synced_to "$head")
wrong=0
for ((i = 0; i < apps; i++)); do
  name=$(app_name "$i")
  record=$(kubectl-gitops history "$name" -n "$ns" -o json |
           python3 -c 'import json,sys; r=json.load(sys.stdin)[0]; print(r["source"]["commit"], r["status"])')
  live=$(kubectl get configmap "$name" -n "$ns" -o jsonpath='{.data.value}')
  if [ "$record" != "$head Succeeded" ] || [ "$live" != "${expected[i]}" ]; then
    wrong=$((wrong + 1))
    echo "soak: $name: last revision $record, value $live (want ${expected[i]})" >&2
  fi
done
printf 'end: commits=%d settle=%ss rss first=%d kB max=%d kB last=%d kB; fds first=%d max=%d last=%d\n' \
  "$commits" "$settled" "$first_rss" "$max_rss" "$rss" "$first_fds" "$max_fds" "$fd"
printf 'end: apps synced to the last commit %s: %d/%d (%d with a wrong revision or value); syncs ok=%d failed=%d\n' \
  "${head:0:7}" "$synced" "$apps" "$wrong" "$(successes)" "$(failures)"
status=0
(( synced == apps && wrong == 0 )) || { echo "soak: FAIL: not every app ended synced" >&2; status=1; }
# Descriptors: a leak shows once the apps are quiet again (the last sample, after the settle);
# while they work, each app may briefly hold a connection and a fetch child's two pipes.
(( fd <= first_fds + 16 )) || { echo "soak: FAIL: open descriptors grew from $first_fds to $fd" >&2; status=1; }
(( max_fds <= first_fds + 3 * apps + 16 )) || {
  echo "soak: FAIL: open descriptors peaked at $max_fds, above $((first_fds + 3 * apps + 16)) for $apps apps" >&2; status=1; }
(( rss <= first_rss * 3 / 2 + 32768 )) || { echo "soak: FAIL: memory grew from $first_rss kB to $rss kB" >&2; status=1; }
[ "$status" = 0 ] && echo "soak: PASS"
exit "$status"
