#!/usr/bin/env bash
# Benchmark: the directory renderer against `kubectl kustomize` on the same 5,000 objects.
# Generates ConfigMaps, Services and Deployments (one per file) in a fresh Git repository, then
# times `kubectl-gitops render --source-type directory` on the commit and `kubectl kustomize` on a
# kustomization listing the same files; prints the median of each and their ratio.
#
# Usage: bench/render-directory.sh BUILD_DIR [RUNS]     (RUNS defaults to 5)
set -euo pipefail

if [[ $# -lt 1 ]]; then
  echo "usage: $0 BUILD_DIR [RUNS]" >&2
  exit 2
fi
build_dir=$(cd "$1" && pwd)
runs=${2:-5}
binary="$build_dir/plugin/kubectl-gitops"
objects=5000
[[ -x "$binary" ]] || { echo "$0: $binary not found; build the kubectl-gitops target" >&2; exit 2; }
command -v kubectl >/dev/null || { echo "$0: kubectl not found on PATH" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/gitops-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT

# One object per file, kinds in turn: ConfigMap, Service, Deployment.
generate() {
  local dir=$1 i name kind
  mkdir -p "$dir"
  for ((i = 0; i < objects; i++)); do
    printf -v name 'obj-%05d' "$i"
    case $((i % 3)) in
      0) kind=configmap
         cat >"$dir/$name-$kind.yaml" <<YAML
apiVersion: v1
kind: ConfigMap
metadata:
  name: $name
  labels:
    app: bench
    index: "$i"
data:
  greeting: hello from $name
  settings.yaml: |
    replicas: 2
    level: info
YAML
         ;;
      1) kind=service
         cat >"$dir/$name-$kind.yaml" <<YAML
apiVersion: v1
kind: Service
metadata:
  name: $name
  labels:
    app: bench
spec:
  selector:
    app: $name
  ports:
  - name: http
    port: 80
    targetPort: 8080
YAML
         ;;
      2) kind=deployment
         cat >"$dir/$name-$kind.yaml" <<YAML
apiVersion: apps/v1
kind: Deployment
metadata:
  name: $name
  labels:
    app: bench
spec:
  replicas: 2
  selector:
    matchLabels:
      app: $name
  template:
    metadata:
      labels:
        app: $name
    spec:
      containers:
      - name: web
        image: registry.example.com/web:1.0.$i
        args: ["--port", "8080"]
        ports:
        - containerPort: 8080
        resources:
          requests: {cpu: 10m, memory: 32Mi}
YAML
         ;;
    esac
  done
}

echo "generating $objects objects in $work ..." >&2
repo="$work/repo"
generate "$repo/p"
# kustomize refuses files outside its folder, so it gets its own copy of the same files.
mkdir -p "$work/kustomize"
cp "$repo"/p/*.yaml "$work/kustomize/"
{
  echo "resources:"
  (cd "$work/kustomize" && ls *.yaml | sed 's/^/- /')
} >"$work/kustomize/kustomization.yaml.tmp"
mv "$work/kustomize/kustomization.yaml.tmp" "$work/kustomize/kustomization.yaml"

export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com
export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com
git -C "$repo" init -q -b main
git -C "$repo" add -A
git -C "$repo" commit -q -m "5000 objects"

gitops_cmd=("$binary" render --repo "$repo" --path p --source-type directory -o yaml)
kustomize_cmd=(kubectl kustomize "$work/kustomize")

# Both must produce all the objects, or the comparison means nothing.
count_objects() { grep -c '^kind: ' || true; }
got=$("${gitops_cmd[@]}" | count_objects)
[[ "$got" == "$objects" ]] || { echo "$0: kubectl-gitops rendered $got objects, expected $objects" >&2; exit 1; }
got=$("${kustomize_cmd[@]}" | count_objects)
[[ "$got" == "$objects" ]] || { echo "$0: kubectl kustomize printed $got objects, expected $objects" >&2; exit 1; }

# Median wall time in milliseconds of `runs` runs of the given command.
median_ms() {
  local times=() start end i
  for ((i = 0; i < runs; i++)); do
    start=$(date +%s%N)
    "$@" >/dev/null
    end=$(date +%s%N)
    times+=($(((end - start) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ v[NR] = $1 } END {
    if (NR % 2) print v[(NR + 1) / 2]; else print int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

# Interleave warm-up runs so both start with warm caches.
"${gitops_cmd[@]}" >/dev/null
"${kustomize_cmd[@]}" >/dev/null
gitops_ms=$(median_ms "${gitops_cmd[@]}")
kustomize_ms=$(median_ms "${kustomize_cmd[@]}")

printf '%-46s %8s\n' "command ($objects objects, median of $runs runs)" "ms"
printf '%-46s %8d\n' "kubectl-gitops render --source-type directory" "$gitops_ms"
printf '%-46s %8d\n' "kubectl kustomize" "$kustomize_ms"
awk -v g="$gitops_ms" -v k="$kustomize_ms" 'BEGIN {
  if (g < 1) g = 1
  printf "ratio: kubectl kustomize / kubectl-gitops = %.2fx\n", k / g }'
