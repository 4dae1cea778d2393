#!/usr/bin/env bash
# Runs the Helm conformance corpus (../shared/helm-conformance next to the source folder, or
# HELM_CONFORMANCE_DIR) through `kubectl-gitops render --local CHART --source-type helm -o raw`,
# using the corpus's own check.sh and helm-template-adapter.sh to translate helm's flags.
#
#   conformance.sh KUBECTL_GITOPS
#
# Passes only when every case passes; when the corpus is absent (as on a user's machine) it says
# that it skipped the corpus and passes. CASES, CHECK_VERBOSE and CHECK_TIMEOUT reach check.sh.
set -u
if [ $# -ne 1 ]; then
  echo "usage: $0 KUBECTL_GITOPS" >&2
  exit 2
fi
binary=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
source_dir=${GITOPS_SOURCE_DIR:-$(cd "$here/../.." && pwd)}
corpus=${HELM_CONFORMANCE_DIR:-$source_dir/../shared/helm-conformance}
if [ ! -x "$corpus/check.sh" ] && [ ! -f "$corpus/check.sh" ]; then
  echo "skipped the Helm conformance corpus: $corpus/check.sh is absent"
  exit 0
fi
if [ ! -x "$binary" ]; then
  echo "conformance.sh: $binary is not an executable" >&2
  exit 2
fi
exec bash "$corpus/check.sh" "$here/helm-template-adapter.sh" "$binary"
