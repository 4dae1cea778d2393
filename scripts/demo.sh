#!/usr/bin/env bash
# The README's first command: installs every dependency, builds kubectl-gitops, starts a local
# Kubernetes control plane (tests/cluster/up.sh, on loopback), and runs the main job on the
# bundled example app (examples/guestbook): render it from this repository's HEAD, sync it, and
# diff it to show it is in sync. The control plane stays up for you to explore; the script prints
# how to reach it and how to stop it (scripts/demo.sh --down).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=${BUILD_DIR:-$root/build}
cluster=$build/demo-cluster

if [ "${1:-}" = "--down" ]; then
  exec tests/cluster/down.sh "$cluster"
fi

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "Installing dependencies (Debian packages)"
scripts/install-deps.sh

step "Building kubectl-gitops"
cmake -S "$root" -B "$build" -G Ninja -DGITOPS_BUILD_TESTS=ON >/dev/null
cmake --build "$build" -j2 --target kubectl-gitops gitops-node-simulator

step "Starting a local control plane (first run builds kube-apiserver v1.20.2, ~10 min)"
tests/cluster/up.sh "$cluster"
# No kubelet runs here: the node simulator marks Pods Running and Ready so health waits complete.
tests/cluster/simulator-up.sh "$cluster" "$build/tests/node_simulator/gitops-node-simulator"
export KUBECONFIG=$cluster/kubeconfig
export PATH=$build/plugin:$PATH

step "kubectl gitops version"
kubectl gitops version

step "kubectl gitops render --path examples/guestbook -n guestbook"
kubectl gitops render --path examples/guestbook -n guestbook

step "kubectl gitops sync --path examples/guestbook -n guestbook"
kubectl gitops sync --path examples/guestbook -n guestbook

step "kubectl gitops diff --path examples/guestbook -n guestbook (in sync: exit 0)"
kubectl gitops diff --path examples/guestbook -n guestbook

cat <<TXT

The control plane is still running. Try:
  export KUBECONFIG=$cluster/kubeconfig PATH=$build/plugin:\$PATH
  kubectl gitops --help
Stop it with: scripts/demo.sh --down
TXT
