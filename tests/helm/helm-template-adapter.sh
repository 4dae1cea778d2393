#!/usr/bin/env bash
# Translates `helm template CHART [FLAGS]` (as the conformance corpus's check.sh calls a renderer)
# into `kubectl-gitops render --local CHART --source-type helm -o raw [FLAGS]`.
#
#   helm-template-adapter.sh KUBECTL_GITOPS CHART [helm template flags...]
#
# Every value is passed as --flag=VALUE so a value that starts with '-' stays a value.
set -u
if [ $# -lt 2 ]; then
  echo "usage: $0 KUBECTL_GITOPS CHART [helm template flags...]" >&2
  exit 2
fi
binary=$1
shift
chart=""
args=()
while [ $# -gt 0 ]; do
  flag=$1
  shift
  value=""
  case "$flag" in
    --*=*) value=${flag#*=}; flag=${flag%%=*}; has_value=1 ;;
    *) has_value=0 ;;
  esac
  case "$flag" in
    --include-crds|--no-hooks) args+=("$flag"); continue ;;
  esac
  case "$flag" in
    --name|-n|--namespace|--kube-version|-f|--values|--set|--set-string|-a|--api-versions|-s|--show-only)
      if [ "$has_value" = 0 ]; then
        if [ $# -eq 0 ]; then
          echo "Error: flag needs an argument: $flag" >&2
          exit 1
        fi
        value=$1
        shift
      fi ;;
  esac
  case "$flag" in
    --name) args+=("--release-name=$value") ;;
    -n|--namespace) args+=("--namespace=$value") ;;
    --kube-version) args+=("--kube-version=$value") ;;
    -f|--values) args+=("--values=$value") ;;
    --set) args+=("--set=$value") ;;
    --set-string) args+=("--set-string=$value") ;;
    -a|--api-versions) args+=("--api-versions=$value") ;;
    -s|--show-only) args+=("--show-only=$value") ;;
    -*) echo "Error: unknown flag: $flag" >&2; exit 1 ;;
    *)
      if [ -n "$chart" ]; then
        echo "Error: unexpected argument: $flag" >&2
        exit 1
      fi
      chart=$flag ;;
  esac
done
if [ -z "$chart" ]; then
  echo "Error: \"helm template\" requires at least 1 argument" >&2
  exit 1
fi
exec env -u KUBECTL_GITOPS_HELM "$binary" render --local "$chart" --source-type helm -o raw \
  ${args[@]+"${args[@]}"}
