# Shared by the benchmarks that need a control plane; source it after setting `repo` (this
# repository) and `build_dir`.
#
#   use_cluster [--simulator]   sets cluster_dir: $GITOPS_TEST_CLUSTER_DIR when it holds a running
#                               test cluster, else starts one under $build_dir/bench-cluster (with
#                               the node simulator when asked) and remembers to stop it
#   stop_started_cluster        stops the cluster use_cluster started, if any (call it on EXIT)
#   process_cpu NAME            CPU seconds (user + system) the cluster's NAME process has used
#   control_plane_cpu           the same, summed over etcd, kube-apiserver, kube-controller-manager

started_cluster=""

use_cluster() {
  cluster_dir=${GITOPS_TEST_CLUSTER_DIR:-}
  if [ -n "$cluster_dir" ] && [ -f "$cluster_dir/kubeconfig" ]; then return 0; fi
  cluster_dir="$build_dir/bench-cluster"
  started_cluster="$cluster_dir"
  "$repo/tests/cluster/up.sh" "$cluster_dir" >&2
  if [ "${1:-}" = --simulator ]; then
    "$repo/tests/cluster/simulator-up.sh" "$cluster_dir" "$build_dir/tests/node_simulator/gitops-node-simulator" >&2
  fi
}

stop_started_cluster() {
  if [ -n "$started_cluster" ]; then "$repo/tests/cluster/down.sh" "$started_cluster" >&2 || true; fi
}

process_cpu() {
  local pid
  pid=$(cat "$cluster_dir/run/$1.pid" 2>/dev/null) || { echo ""; return 0; }
  [ -r "/proc/$pid/stat" ] || { echo ""; return 0; }
  awk -v t="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.3f", ($12 + $13) / t }' "/proc/$pid/stat"
}

control_plane_cpu() {
  local name total=0 used
  for name in etcd kube-apiserver kube-controller-manager; do
    used=$(process_cpu "$name")
    [ -n "$used" ] && total=$(awk -v a="$total" -v b="$used" 'BEGIN { printf "%.3f", a + b }')
  done
  echo "$total"
}
