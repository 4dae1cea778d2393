#!/usr/bin/env bash
# Benchmark: `kubectl gitops sync` and `kubectl gitops diff` against kubectl on the same app of
# COUNT objects (ConfigMaps, Services, Deployments scaled to 0), side by side against the test
# control plane, each tool in its own namespace:
#   1. first sync (--no-wait) vs kubectl apply --server-side --prune --applyset
#   2. diff after a 10% change vs kubectl diff --server-side   (both must find the same objects)
#   3. sync of that change   vs  kubectl apply --server-side --prune --applyset
#   4. no-op sync            vs  the same kubectl apply again
#   5. rollback to revision 1 vs  kubectl apply of the first commit's files
# then the time and request count of `history` and `list`.
# Prints each pair of wall-clock times, the ratio, and the CPU time the control plane spent on
# each run (the bound a small machine puts on the wall time).
#
#   bench/sync-diff.sh BUILD_DIR [COUNT]      (COUNT defaults to 2000)
#
# Uses the running test cluster of $GITOPS_TEST_CLUSTER_DIR when set; otherwise starts one under
# BUILD_DIR/bench-cluster (with the node simulator) and stops it afterwards.
set -euo pipefail

readonly build_dir=$(cd "${1:?usage: bench/sync-diff.sh BUILD_DIR [COUNT]}" && pwd)
readonly count=${2:-2000}
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly repo
binary_dir="$build_dir/plugin"
[ -x "$binary_dir/kubectl-gitops" ] || { echo "bench: build the kubectl-gitops target first" >&2; exit 2; }

# shellcheck source=bench/lib.sh
. "$repo/bench/lib.sh"
work=$(mktemp -d)
cleanup() {
  rm -rf "$work"
  stop_started_cluster
}
trap cleanup EXIT
use_cluster --simulator
export KUBECONFIG="$cluster_dir/kubeconfig"
export PATH="$binary_dir:$PATH"
export XDG_CACHE_HOME="$work/cache"
export KUBECTL_APPLYSET=true

# One file per object; `version` goes into every tenth ConfigMap's data (the 10% change).
generate() {
  local dir=$1 version=$2 i name
  rm -rf "$dir"
  mkdir -p "$dir"
  for ((i = 0; i < count; i++)); do
    printf -v name 'obj-%05d' "$i"
    case $((i % 3)) in
      0) local value=v1
         if ((i % 10 == 0)); then value=$version; fi
         printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: %s\ndata:\n  version: "%s"\n  level: info\n' \
           "$name" "$value" >"$dir/$name.yaml" ;;
      1) printf 'apiVersion: v1\nkind: Service\nmetadata:\n  name: %s\nspec:\n  selector: {app: %s}\n  ports:\n  - port: 80\n    protocol: TCP\n    targetPort: 8080\n' \
           "$name" "$name" >"$dir/$name.yaml" ;;
      2) local image=example.com/app:1
         if ((i % 10 == 2)); then image="example.com/app:$version"; fi
         printf 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: %s\nspec:\n  replicas: 0\n  selector:\n    matchLabels: {app: %s}\n  template:\n    metadata:\n      labels: {app: %s}\n    spec:\n      containers:\n      - name: main\n        image: %s\n' \
           "$name" "$name" "$name" "$image" >"$dir/$name.yaml" ;;
    esac
  done
}

seconds() { local start=$1 end; end=$(date +%s%N); awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", (b - a) / 1e9 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }'; }
readonly cores=$(nproc)
# Waits (at most 60 s) until the control plane is quiet (under 40% of a core: with thousands of
# objects its controllers never go fully idle), so neither tool's figure carries the controllers'
# work left over from the run before it.
settle() {
  local i before after
  for ((i = 0; i < 60; i++)); do
    before=$(control_plane_cpu)
    sleep 1
    after=$(control_plane_cpu)
    if awk -v a="$before" -v b="$after" 'BEGIN { exit !(b - a < 0.4) }'; then return 0; fi
  done
  return 0
}
# timed CMD...: waits for a quiet control plane, then runs CMD; sets wall (s) and cp (control-plane CPU seconds used meanwhile).
timed() {
  local t c0
  settle
  c0=$(control_plane_cpu)
  t=$(date +%s%N)
  "$@"
  wall=$(seconds "$t")
  cp=$(awk -v a="$(control_plane_cpu)" -v b="$c0" 'BEGIN { printf "%.1f", a - b }')
}
# report LABEL: the pair just measured (ours_*, theirs_*), with the control plane's CPU use: a
# run cannot finish before the control plane's work is done on $cores cores.
report() {
  printf '%-34s kubectl-gitops %7ss   kubectl %7ss   ratio %sx   control-plane cpu %5ss vs %5ss\n' \
    "$1" "$ours_wall" "$theirs_wall" "$(ratio "$theirs_wall" "$ours_wall")" "$ours_cp" "$theirs_cp"
}
pair() {  # pair LABEL OURS_FUNCTION THEIRS_FUNCTION
  timed "$2"; ours_wall=$wall ours_cp=$cp
  timed "$3"; theirs_wall=$wall theirs_cp=$cp
  report "$1"
}

ours=bench-gitops-$$
theirs=bench-kubectl-$$
kubectl create namespace "$ours" >/dev/null
kubectl create namespace "$theirs" >/dev/null
git init -q -b main "$work/repo"
gitc() { git -C "$work/repo" -c user.name=bench -c user.email=bench@example.com "$@"; }

generate "$work/repo/app" v1
gitc add -A && gitc commit -qm v1
# --no-wait: kubectl apply does not wait for health either (with it, the 667 Deployments' rollout
# through the controller-manager's own rate limit dominates the figure).
gitops_sync() { kubectl gitops sync --repo "$work/repo" --path app --app bench -n "$ours" --no-progress --no-wait --timeout 10m >/dev/null; }
kubectl_apply() { kubectl apply --server-side --prune --applyset=bench -n "$theirs" -f "$work/repo/app" >/dev/null; }

pair "first sync ($count objects)" gitops_sync kubectl_apply

generate "$work/repo/app" v2
gitc add -A && gitc commit -qm v2
# kubectl diff knows no ApplySet: give its copy the part-of label kubectl apply added, or every
# object would differ by that label.
id=$(kubectl get secret bench -n "$theirs" -o jsonpath='{.metadata.labels.applyset\.kubernetes\.io/id}')
cp -r "$work/repo/app" "$work/theirs-app"
sed -i "s#^  name: \(.*\)#  name: \1\n  labels: {applyset.kubernetes.io/part-of: $id}#" "$work/theirs-app"/*.yaml
gitops_diff() { kubectl gitops diff --repo "$work/repo" --path app --app bench -n "$ours" -o json >"$work/ours.json" || true; }
kubectl_diff() { kubectl diff --server-side -n "$theirs" -f "$work/theirs-app" >"$work/theirs.diff" || true; }
pair "diff, 10% changed" gitops_diff kubectl_diff
jq -r '.changes[] | select(.action != "unchanged") | .kind + "/" + .name' "$work/ours.json" | sort >"$work/ours.list"
grep -E '^\+\+\+ ' "$work/theirs.diff" | sed -E 's#.*/([^/.]+\.)?[^.]+\.([A-Za-z]+)\.[^.]+\.([^. \t]+).*#\2/\3#' | sort >"$work/theirs.list"
if cmp -s "$work/ours.list" "$work/theirs.list"; then
  echo "both diffs name the same $(wc -l <"$work/ours.list") changed objects"
else
  echo "the diffs disagree on what changed:"; diff "$work/ours.list" "$work/theirs.list" | head -20 || true
fi

pair "sync of the 10% change" gitops_sync kubectl_apply
pair "no-op sync" gitops_sync kubectl_apply

# Rollback to revision 1 (the v1 objects, 10% changed back) versus kubectl re-applying the v1
# files from a checkout of the first commit: the manual rollback kubectl offers.
gitc checkout -q HEAD~1
gitops_rollback() { kubectl gitops rollback bench 1 -n "$ours" --no-progress --no-wait --timeout 10m >/dev/null; }
pair "rollback to revision 1" gitops_rollback kubectl_apply
gitc checkout -q main

t=$(date +%s%N); kubectl gitops history bench -n "$ours" >/dev/null; a=$(seconds "$t")
requests=$(kubectl gitops history bench -n "$ours" -v=6 2>&1 >/dev/null | grep -c ' https://' || true)
echo "history: ${a}s, $requests request(s)"
t=$(date +%s%N); kubectl gitops list -n "$ours" >/dev/null; a=$(seconds "$t")
requests=$(kubectl gitops list -n "$ours" -v=6 2>&1 >/dev/null | grep -c ' https://' || true)
echo "list: ${a}s, $requests request(s)"

echo "control-plane cpu: CPU seconds etcd, kube-apiserver and kube-controller-manager spent during each run;"
echo "on $cores cores no run can be shorter than its control-plane cpu / $cores"
kubectl delete namespace "$ours" "$theirs" --wait=false >/dev/null
