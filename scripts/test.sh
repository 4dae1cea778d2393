#!/usr/bin/env bash
# The README's test command: installs what is missing, builds, and runs the whole suite - unit,
# integration and end-to-end tests (the latter two against a real control plane that ctest starts
# and stops) - exiting non-zero on any failure.
#
#   scripts/test.sh                 everything
#   scripts/test.sh -L unit         only what matches a ctest label (-L unit|integration|e2e|dist)
#   BUILD_DIR=build-x scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=${BUILD_DIR:-$root/build}

scripts/install-deps.sh

werror=OFF
if [ "${CI:-}" = "true" ]; then werror=ON; fi
cmake -S "$root" -B "$build" -G Ninja -DGITOPS_WERROR="$werror" -DGITOPS_BUILD_TESTS=ON >/dev/null
cmake --build "$build" -j2

# The control-plane binaries are built from Debian's source package once and cached; doing it
# here (not inside the first test) keeps its progress visible and its time out of test timeouts.
if [ $# -eq 0 ] || [[ " $* " != *" -L unit "* ]]; then
  tests/cluster/build-kube.sh >/dev/null
fi

cd "$build"
ctest --output-on-failure -j2 "$@"
