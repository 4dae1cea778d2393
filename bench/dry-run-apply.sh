#!/usr/bin/env bash
# Benchmark: 2,000 server-side dry-run applies (ConfigMaps, Secrets, ServiceAccounts in one test
# namespace) through our kube client (bench_dry_run_apply: every request in flight at once on one
# HTTP/2 connection) versus `kubectl apply --server-side --dry-run=server -f` on the same objects,
# side by side against the test control plane. Prints both times, the ratio, and what limited ours
# (API server CPU, our CPU, or the connection).
#
#   bench/dry-run-apply.sh BUILD_DIR [COUNT]
#
# Uses the running test cluster of $GITOPS_TEST_CLUSTER_DIR when set; otherwise starts one under
# BUILD_DIR/bench-cluster with tests/cluster/up.sh and stops it afterwards.
set -euo pipefail

readonly build_dir=${1:?usage: bench/dry-run-apply.sh BUILD_DIR [COUNT]}
readonly count=${2:-2000}
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly repo
readonly bench_bin="$build_dir/bench/bench_dry_run_apply"
[ -x "$bench_bin" ] || { echo "bench: $bench_bin not built (cmake --build $build_dir --target bench_dry_run_apply)" >&2; exit 2; }
command -v kubectl >/dev/null || { echo "bench: kubectl not on PATH" >&2; exit 2; }

# shellcheck source=bench/lib.sh
. "$repo/bench/lib.sh"
work=$(mktemp -d)
cleanup() {
  rm -rf "$work"
  stop_started_cluster
}
trap cleanup EXIT
mkdir -p "$work/objects"
use_cluster
readonly kubeconfig="$cluster_dir/kubeconfig"
readonly cores=$(nproc)

# CPU seconds the API server has used so far, or "" when its pid is unknown.
apiserver_cpu() { process_cpu kube-apiserver; }
now() { date +%s.%N; }
# Busy and total jiffies of the whole machine (all processes), from /proc/stat.
machine_ticks() { awk '/^cpu / { busy = $2 + $3 + $4 + $7 + $8; total = busy + $5 + $6; print busy, total }' /proc/stat; }
minus() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a - b }'; }

ns="gitops-bench-$$"
echo "bench: $count server-side dry-run applies in namespace $ns; $cores cores shared by client and API server" >&2

# Ours. The program also writes the objects for kubectl and creates the namespace.
cpu0=$(apiserver_cpu)
read -r busy0 total0 < <(machine_ticks)
ours_line=$("$bench_bin" --kubeconfig "$kubeconfig" --context admin --namespace "$ns" --count "$count" \
  --out "$work/objects/objects.json")
cpu1=$(apiserver_cpu)
read -r busy1 total1 < <(machine_ticks)
machine_busy=$(awk -v b="$((busy1 - busy0))" -v t="$((total1 - total0))" 'BEGIN { printf "%.2f", (t > 0 ? b / t : 0) }')
ours_s=$(sed -E 's/.* in ([0-9.]+) s .*/\1/' <<<"$ours_line")
ours_cpu=$(sed -E 's/.*client cpu ([0-9.]+) s.*/\1/' <<<"$ours_line")

# kubectl: the same objects, one process, its discovery cache warmed by a first call.
KUBECONFIG="$kubeconfig" kubectl --context admin get --raw /version >/dev/null
cpu2=$(apiserver_cpu)
t0=$(now)
KUBECONFIG="$kubeconfig" kubectl --context admin apply --server-side --dry-run=server \
  --field-manager kubectl-gitops-bench -f "$work/objects" >"$work/kubectl.out"
t1=$(now)
cpu3=$(apiserver_cpu)
kubectl_s=$(minus "$t1" "$t0")
kubectl_lines=$(wc -l <"$work/kubectl.out")

KUBECONFIG="$kubeconfig" kubectl --context admin delete namespace "$ns" --wait=false >/dev/null 2>&1 || true

ratio=$(awk -v k="$kubectl_s" -v o="$ours_s" 'BEGIN { printf "%.1f", k / o }')
echo "$ours_line"
echo "kubectl: $count objects in $kubectl_s s ($kubectl_lines lines of output)"
echo "speedup: ${ratio}x (goal: at least 5x)"
if [ -n "$cpu0" ]; then
  api_ours=$(minus "$cpu1" "$cpu0")
  api_kubectl=$(minus "$cpu3" "$cpu2")
  echo "api server cpu: $api_ours s during ours, $api_kubectl s during kubectl"
  # What limits ours: the share of the wall time each side kept the machine's cores busy.
  awk -v w="$ours_s" -v a="$api_ours" -v c="$ours_cpu" -v n="$cores" -v m="$machine_busy" 'BEGIN {
    ours_share = (a + c) / (w * n);
    if (a / w > 0.6 * n) what = "the API server CPU";
    else if (ours_share > 0.8) what = "the machine CPU (API server and client share " n " cores)";
    else if (m > 0.85) what = "the machine CPU, taken by other processes (API server starved)";
    else if (c / w > 0.8) what = "our client CPU";
    else what = "the connection (request latency, not CPU)";
    printf "limited by: %s (api server %.0f%% of %d cores, client %.0f%% of one core, machine %.0f%% busy)\n", what, 100 * a / (w * n), n, 100 * c / w, 100 * m }'
fi
