#!/usr/bin/env bash
# Builds kube-apiserver and kube-controller-manager v1.20.2 from Debian's `kubernetes` source
# package and caches them outside the repository; prints the cache folder on stdout.
#
#   tests/cluster/build-kube.sh     -> ${XDG_CACHE_HOME:-$HOME/.cache}/kubectl-gitops/kube-1.20.2
#
# The first call takes about ten minutes (two `make WHAT=...` runs); later calls only test that
# the two binaries are there. Progress goes to stderr so callers can capture the path.
set -euo pipefail

readonly k_version=1.20.2
readonly k_cache_root="${XDG_CACHE_HOME:-$HOME/.cache}/kubectl-gitops"
readonly k_cache="$k_cache_root/kube-$k_version"
readonly k_gocache="$k_cache_root/.gocache-$k_version"
readonly k_binaries=(kube-apiserver kube-controller-manager)
# The packages the build itself needs; scripts/install-deps.sh lists them too.
readonly k_build_pkgs=(golang-go rsync jq dpkg-dev)

log() { echo "build-kube: $*" >&2; }
die() {
  log "error: $*"
  exit 1
}

cache_complete() {
  local b
  for b in "${k_binaries[@]}"; do
    [ -x "$k_cache/bin/$b" ] || return 1
  done
}

# Fast path first: no lock, no dpkg query, so up.sh pays nothing once the cache exists.
if cache_complete; then
  echo "$k_cache"
  exit 0
fi

mkdir -p "$k_cache_root"
# One builder per version: a second caller blocks here and then finds the finished cache.
exec 9>"$k_cache_root/kube-$k_version.lock"
if ! flock -n 9; then
  log "another build of kube $k_version is running; waiting for it"
  flock 9
fi
if cache_complete; then
  echo "$k_cache"
  exit 0
fi

is_root() { [ "$(id -u)" -eq 0 ]; }

# apt-get source needs a deb-src entry; Debian images ship only `deb` ones. Add one for the same
# archive and suite the machine already uses, in a file of our own so nothing else is edited.
ensure_deb_src() {
  if apt-cache showsrc kubernetes 2>/dev/null | grep -q '^Package: kubernetes$'; then
    return 0
  fi
  is_root || die "no deb-src entry for Debian's kubernetes source package; as root, add one (Types: deb-src) for your Debian suite and run apt-get update, or rerun this script as root"
  local uri suite
  uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  uri=${uri:-http://deb.debian.org/debian}
  # shellcheck disable=SC1091  # os-release is a system file, not part of the repository
  suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
  log "adding deb-src $uri $suite main in /etc/apt/sources.list.d/kubectl-gitops-src.sources"
  cat >/etc/apt/sources.list.d/kubectl-gitops-src.sources <<EOF
# Added by kubectl-gitops tests/cluster/build-kube.sh: source of kube-apiserver for the tests.
Types: deb-src
URIs: $uri
Suites: $suite
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  apt-get update -qq || apt-get update -qq
  apt-cache showsrc kubernetes 2>/dev/null | grep -q '^Package: kubernetes$' ||
    die "Debian's archive for $suite has no kubernetes source package"
}

ensure_build_pkgs() {
  local missing=() p
  for p in "${k_build_pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  is_root || die "missing Debian packages: ${missing[*]} (sudo apt-get install ${missing[*]})"
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# Fetches and unpacks the source into $1, prints the unpacked tree's path.
fetch_source() {
  local work=$1 tree
  # Download as the current user into our own folder; root gets a harmless sandbox warning.
  (cd "$work" && apt-get source -qq kubernetes >&2 2>&1) || die "apt-get source kubernetes failed"
  tree=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'kubernetes-*' | head -n 1)
  [ -n "$tree" ] || die "apt-get source left no kubernetes-* folder in $work"
  head -n 1 "$tree/debian/changelog" | grep -q "$k_version" ||
    die "the kubernetes source package is not version $k_version (see $tree/debian/changelog)"
  echo "$tree"
}

# Kubernetes 1.20 vendors modern-go/reflect2 1.0.1, which breaks under Go >= 1.18 (Debian 12 has
# Go 1.19): the apiserver panics encoding some responses (nil pointer in reflect2.Type2). Debian
# packages the fixed releases (reflect2 1.0.2, json-iterator 1.1.12, the pair Kubernetes itself
# moved to for Go 1.18); swap them into vendor/. apt-get download needs no root.
replace_vendored_reflect2() {
  local work=$1 tree=$2 debs="$1/debs" pkg
  mkdir -p "$debs/x"
  (cd "$debs" && apt-get download -qq golang-github-modern-go-reflect2-dev \
    golang-github-json-iterator-go-dev >&2 2>&1) || die "apt-get download of reflect2/json-iterator failed"
  for pkg in "$debs"/*.deb; do dpkg-deb -x "$pkg" "$debs/x"; done
  local lib src dst
  for lib in github.com/modern-go/reflect2 github.com/json-iterator/go; do
    src="$debs/x/usr/share/gocode/src/$lib"
    dst="$tree/vendor/$lib"
    if [ ! -d "$src" ] || [ ! -d "$dst" ]; then die "cannot replace vendor/$lib from $src"; fi
    find "$dst" -maxdepth 1 -type f \( -name '*.go' -o -name '*.s' \) -delete
    find "$src" -maxdepth 1 -type f \( -name '*.go' -o -name '*.s' \) ! -name '*_test.go' \
      -exec cp {} "$dst/" \;
  done
}

# Builds one command; version variables come from a file because the tarball has no .git and
# `kube-apiserver --version` / GET /version must say v1.20.2.
make_one() {
  local tree=$1 what=$2
  log "building $what (several minutes)"
  (
    cd "$tree"
    # The Go build cache lives beside the cache, not in the work tree: a failed or interrupted
    # build then resumes in minutes instead of recompiling 1,800 packages. Removed on success.
    export GOPATH="$tree/.go" CGO_ENABLED=0 HOME="$tree/.home" GOCACHE="$k_gocache"
    # go.mod says go 1.15 and vendor/modules.txt exists, so Go uses vendor/ without -mod=vendor.
    export KUBE_GIT_VERSION_FILE="$tree/.version-vars"
    make WHAT="$what" >"$tree/.make-${what##*/}.log" 2>&1
  ) || {
    tail -n 40 "$tree/.make-${what##*/}.log" >&2
    die "make WHAT=$what failed (log above)"
  }
}

build() {
  local work=$1 tree out
  tree=$(fetch_source "$work")
  replace_vendored_reflect2 "$work" "$tree"
  mkdir -p "$tree/.go/src/k8s.io" "$tree/.home" "$k_gocache"
  # The Makefile wants the tree at its import path inside GOPATH.
  ln -sfn ../../.. "$tree/.go/src/k8s.io/kubernetes"
  cat >"$tree/.version-vars" <<EOF
KUBE_GIT_COMMIT='faecb196815e248d3ecfb03c680a4507229c2a56'
KUBE_GIT_TREE_STATE='clean'
KUBE_GIT_VERSION='v$k_version'
KUBE_GIT_MAJOR='1'
KUBE_GIT_MINOR='20'
EOF
  # A failed earlier make can leave an empty generator binary behind; start clean.
  rm -rf "$tree/_output"
  make_one "$tree" cmd/kube-apiserver
  make_one "$tree" cmd/kube-controller-manager
  out="$work/kube-$k_version"
  mkdir -p "$out/bin"
  local b
  for b in "${k_binaries[@]}"; do
    cp "$tree/_output/bin/$b" "$out/bin/$b" || cp "$tree/_output/local/bin/linux/amd64/$b" "$out/bin/$b"
    "$out/bin/$b" --version >&2 || die "$b does not run"
  done
  cp "$tree/debian/changelog" "$out/debian-changelog"
}

main() {
  # deb-src first: on a fresh image its apt-get update also fetches the lists the install needs.
  ensure_deb_src
  ensure_build_pkgs
  local work
  # The work folder sits beside the cache so the final rename stays on one file system.
  work=$(mktemp -d "$k_cache_root/.build-kube-$k_version.XXXXXX")
  # shellcheck disable=SC2064  # expand $work now: it is local to main
  trap "rm -rf '$work'" EXIT
  local start=$SECONDS
  build "$work"
  # Publish atomically: readers see either no cache or a complete one, never a half-built one.
  rm -rf "$k_cache"
  mv -T "$work/kube-$k_version" "$k_cache"
  rm -rf "$k_gocache"
  log "built kube $k_version in $((SECONDS - start)) s into $k_cache"
  echo "$k_cache"
}

main "$@"
