#!/usr/bin/env bash
# Prints the krew manifest (krew/gitops.yaml.in) for one release archive:
#   krew/generate-manifest.sh --version v0.1.0 --uri https://.../archive.tar.gz --sha256 HEX
# `cmake --build build --target dist` runs it and writes build/dist/gitops.yaml.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
version= uri= sha256=
while [ $# -gt 0 ]; do
  case $1 in
    --version) version=$2; shift 2 ;;
    --uri) uri=$2; shift 2 ;;
    --sha256) sha256=$2; shift 2 ;;
    *) echo "generate-manifest.sh: error: unknown argument $1" >&2; exit 2 ;;
  esac
done
if ! [[ $version =~ ^v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]]; then
  echo "generate-manifest.sh: error: --version \"$version\" is not a semantic version with a leading v" >&2
  exit 2
fi
if ! [[ $sha256 =~ ^[0-9a-f]{64}$ ]]; then
  echo "generate-manifest.sh: error: --sha256 \"$sha256\" is not 64 lowercase hex digits" >&2
  exit 2
fi
if [ -z "$uri" ]; then
  echo "generate-manifest.sh: error: --uri is required" >&2
  exit 2
fi
sed -e "s|@VERSION@|$version|g" -e "s|@URI@|$uri|g" -e "s|@SHA256@|$sha256|g" "$here/gitops.yaml.in"
