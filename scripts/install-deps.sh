#!/usr/bin/env bash
# Installs every Debian package kubectl-gitops needs to build, test and run its demo.
# Idempotent: packages already present are skipped, so the cached path costs one dpkg query.
#
#   scripts/install-deps.sh            build + test dependencies
#   scripts/install-deps.sh --check    only report what is missing (exit 1 if anything is)
set -euo pipefail

# Build: compiler toolchain and the libraries of DESIGN.md section 7.
build_pkgs=(
  build-essential cmake ninja-build pkg-config ccache
  libcli11-dev libyaml-cpp-dev libgit2-dev libre2-dev libfmt-dev googletest
  libcurl4-openssl-dev nlohmann-json3-dev libarchive-dev libjsonnet-dev libssl-dev zlib1g-dev
)
# Tests and demo: the real control plane (etcd; kube-apiserver is built from Debian's source
# package by tests/cluster/build-kube.sh, which needs golang-go and rsync), git, the jsonnet CLI
# to compare against, jq and openssl for the cluster scripts; zsh, fish (with tmux) and
# bash-completion (which kubectl's bash completion needs) for the completion tests, binutils
# (objdump) for the release archive's glibc check.
test_pkgs=(git jsonnet etcd-server golang-go rsync jq openssl dpkg-dev curl procps tmux zsh fish
           bash-completion binutils)

missing=()
for p in "${build_pkgs[@]}" "${test_pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
# kubectl is needed for `kubectl gitops` and `kubectl kustomize`; Debian's kubernetes-client is
# 1.20 (no kustomize v4+ features used by tests need more), a newer kubectl on PATH is kept.
if ! command -v kubectl >/dev/null 2>&1; then
  missing+=(kubernetes-client)
fi

if [ "${1:-}" = "--check" ]; then
  if [ ${#missing[@]} -gt 0 ]; then
    echo "missing Debian packages: ${missing[*]} (install with: apt-get install ${missing[*]})" >&2
    exit 1
  fi
  exit 0
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "kubectl-gitops: error: missing Debian packages: ${missing[*]}; run as root or: sudo apt-get install ${missing[*]}" >&2
  exit 2
fi
echo "installing Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq || apt-get update -qq || true
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
