#!/usr/bin/env bash
# Benchmark: the native Helm engine on a large generated chart. The umbrella chart has 140
# templates and three sub-charts of 20 templates each (200 in all); every template builds its
# labels, annotations, env and resources through several `include`s, `toYaml`, `tpl`, `range` and
# Sprig calls. Times `kubectl-gitops render --local CHART --source-type helm -o raw` (median of
# RUNS), its CPU time and its peak memory (/usr/bin/time -v when present, else VmHWM polled from /proc);
# when `helm` is on PATH, runs `helm template` on the same chart beside it and prints the ratio.
#
# Usage: bench/helm-render.sh BUILD_DIR [RUNS]     (RUNS defaults to 5)
set -euo pipefail

if [[ $# -lt 1 ]]; then
  echo "usage: $0 BUILD_DIR [RUNS]" >&2
  exit 2
fi
build_dir=$(cd "$1" && pwd)
runs=${2:-5}
binary="$build_dir/plugin/kubectl-gitops"
[[ -x "$binary" ]] || { echo "$0: $binary not found; build the kubectl-gitops target" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/gitops-helm-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT

# The shared helpers every chart carries: labels, names, a resources block and an env list.
write_helpers() {
  cat >"$1/templates/_helpers.tpl" <<'TPL'
{{- define "bench.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- define "bench.fullname" -}}
{{- printf "%s-%s" .Release.Name (include "bench.name" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- define "bench.labels" -}}
app.kubernetes.io/name: {{ include "bench.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.Version | quote }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- with .Values.extraLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}
{{- define "bench.env" -}}
{{- range $k, $v := .Values.env }}
- name: {{ $k | upper | replace "." "_" }}
  value: {{ tpl (toString $v) $ | quote }}
{{- end }}
{{- end -}}
{{- define "bench.resources" -}}
{{ toYaml (merge (deepCopy .Values.resources) (dict "limits" (dict "cpu" "1"))) }}
{{- end -}}
TPL
}

write_values() {
  cat >"$1/values.yaml" <<'YAML'
replicas: 2
image:
  repository: registry.example.com/bench
  tag: "1.0.0"
extraLabels:
  team: platform
  tier: backend
annotations:
  prometheus.io/scrape: "true"
  prometheus.io/port: "9090"
env:
  log.level: info
  release.name: "{{ .Release.Name }}"
  chart.version: "{{ .Chart.Version }}"
  feature.flags: "a,b,c"
resources:
  requests:
    cpu: 100m
    memory: 128Mi
ports: [8080, 8081, 9090]
config:
  server:
    port: 8080
    timeouts: {read: 5s, write: 10s}
  database:
    host: db.example.com
    pool: {min: 2, max: 20}
  features: [alpha, beta, gamma, delta]
global:
  domain: example.com
YAML
}

# Template number $2 of chart dir $1: a Deployment, a ConfigMap and a Service in one file.
write_template() {
  local dir=$1 i=$2
  cat >"$dir/templates/component-$i.yaml" <<TPL
{{- \$name := printf "%s-c$i" (include "bench.fullname" .) }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ \$name }}
  labels:
    {{- include "bench.labels" . | nindent 4 }}
  annotations:
    {{- toYaml .Values.annotations | nindent 4 }}
    checksum/config: {{ toYaml .Values.config | sha256sum }}
spec:
  replicas: {{ .Values.replicas }}
  selector:
    matchLabels:
      app: {{ \$name }}
  template:
    metadata:
      labels:
        app: {{ \$name }}
        {{- include "bench.labels" . | nindent 8 }}
    spec:
      containers:
        - name: main
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          env:
            {{- include "bench.env" . | nindent 12 }}
          ports:
            {{- range \$p := .Values.ports }}
            - containerPort: {{ \$p }}
            {{- end }}
          resources:
            {{- include "bench.resources" . | nindent 12 }}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ \$name }}
  labels:
    {{- include "bench.labels" . | nindent 4 }}
data:
  config.yaml: |
    {{- toYaml .Values.config | nindent 4 }}
  config.json: {{ toJson .Values.config | quote }}
  host: {{ printf "c$i.%s" .Values.global.domain | quote }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ \$name }}
  labels:
    {{- include "bench.labels" . | nindent 4 }}
spec:
  selector:
    app: {{ \$name }}
  ports:
    {{- range \$i, \$p := .Values.ports }}
    - name: port-{{ \$i }}
      port: {{ \$p }}
    {{- end }}
TPL
}

# Chart $1 named $2 with templates $3..$4.
write_chart() {
  local dir=$1 name=$2 from=$3 to=$4 i
  mkdir -p "$dir/templates"
  printf 'apiVersion: v2\nname: %s\nversion: 1.2.3\nappVersion: "4.5.6"\n' "$name" >"$dir/Chart.yaml"
  write_values "$dir"
  write_helpers "$dir"
  for ((i = from; i <= to; i++)); do write_template "$dir" "$i"; done
}

chart="$work/umbrella"
write_chart "$chart" umbrella 1 140
for sub in api worker cache; do
  write_chart "$chart/charts/$sub" "$sub" 1 20
done
printf 'api:\n  replicas: 3\nworker:\n  replicas: 4\n' >>"$chart/values.yaml"
templates=$(find "$chart" -name 'component-*.yaml' | wc -l)

gitops_cmd=("$binary" render --local "$chart" --source-type helm --release-name bench -o raw)
documents=$("${gitops_cmd[@]}" | grep -c '^# Source: ' || true)
[[ "$documents" -eq $((templates * 3)) ]] || {
  echo "$0: kubectl-gitops printed $documents documents, expected $((templates * 3))" >&2
  exit 1
}

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

# "PEAK_KIB CPU_MS" of one run of the given command: peak resident memory and user+system CPU
# time (the CPU time shows the cost apart from waiting for a busy machine's cores).
measure() {
  if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '
      /Maximum resident set size/ { kib = $2 }
      /User time \(seconds\)/ { cpu += $2 }
      /System time \(seconds\)/ { cpu += $2 }
      END { printf "%d %d\n", kib, cpu * 1000 }'
    return
  fi
  # A subshell runs only the command, so its cutime/cstime after the wait are the command's CPU
  # time; memory is polled from the command's own /proc entry (the subshell's child).
  ( "$@" >/dev/null
    awk '{ print $16 + $17 }' "/proc/$BASHPID/stat" >"$work/ticks" ) &
  local shell=$! child="" peak=0 hwm
  while kill -0 "$shell" 2>/dev/null; do
    [[ -n "$child" ]] || child=$(cat "/proc/$shell/task/$shell/children" 2>/dev/null | awk '{ print $1 }')
    if [[ -n "$child" ]]; then
      hwm=$(awk '/^VmHWM:/ { print $2 }' "/proc/$child/status" 2>/dev/null || true)
      [[ -n "$hwm" && "$hwm" -gt "$peak" ]] && peak=$hwm
    fi
    sleep 0.005
  done
  wait "$shell"
  echo "$peak $(($(cat "$work/ticks") * 1000 / $(getconf CLK_TCK)))"
}

"${gitops_cmd[@]}" >/dev/null
gitops_ms=$(median_ms "${gitops_cmd[@]}")
read -r gitops_kib gitops_cpu < <(measure "${gitops_cmd[@]}")
bytes=$("${gitops_cmd[@]}" | wc -c)

printf 'chart: %d templates (140 + 3 sub-charts of 20), %d documents, %d bytes of output\n' \
  "$templates" "$documents" "$bytes"
printf '%-44s %9s %8s %9s\n' "command (wall: median of $runs runs)" "wall ms" "CPU ms" "peak MiB"
printf '%-44s %9d %8d %9.1f\n' "kubectl-gitops render --local CHART -o raw" "$gitops_ms" \
  "$gitops_cpu" "$(awk -v k="$gitops_kib" 'BEGIN { print k / 1024 }')"
if command -v helm >/dev/null 2>&1; then
  helm_cmd=(helm template bench "$chart")
  "${helm_cmd[@]}" >/dev/null
  helm_ms=$(median_ms "${helm_cmd[@]}")
  read -r helm_kib helm_cpu < <(measure "${helm_cmd[@]}")
  printf '%-44s %9d %8d %9.1f\n' "helm template" "$helm_ms" "$helm_cpu" \
    "$(awk -v k="$helm_kib" 'BEGIN { print k / 1024 }')"
  if cmp -s <("${gitops_cmd[@]}") <("${helm_cmd[@]}"); then same=identical; else same=DIFFERENT; fi
  awk -v g="$gitops_ms" -v h="$helm_ms" -v s="$same" 'BEGIN {
    if (g < 1) g = 1
    printf "ratio: helm template / kubectl-gitops = %.1fx (outputs %s)\n", h / g, s }'
else
  echo "helm: not on PATH, no side-by-side comparison (absolute figures above)"
fi
