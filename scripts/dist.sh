#!/usr/bin/env bash
# Packs the release of kubectl-gitops into OUT:
#   kubectl-gitops_VERSION_linux_amd64.tar.gz         kubectl-gitops, LICENSE, lib/ (the shared
#                                                     libraries it needs beyond glibc),
#                                                     completions/kubectl_complete-gitops
#   kubectl-gitops_VERSION_linux_amd64.tar.gz.sha256  its SHA-256, as sha256sum prints it
#   gitops.yaml                                       the krew manifest (krew/gitops.yaml.in)
#   glibc-minimum.txt                                 the oldest glibc the archive runs on
#
#   scripts/dist.sh              builds the `dist` target of ${BUILD_DIR:-build} (which calls:)
#   scripts/dist.sh --binary FILE --version vX.Y.Z --out DIR [--url BASE]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

if [ $# -eq 0 ]; then
  build=${BUILD_DIR:-$root/build}
  [ -f "$build/CMakeCache.txt" ] || cmake -S "$root" -B "$build" -G Ninja >/dev/null
  exec cmake --build "$build" --target dist
fi

binary= version= out= url=https://github.com/kubectl-gitops/kubectl-gitops/releases/download
while [ $# -gt 0 ]; do
  case $1 in
    --binary) binary=$2; shift 2 ;;
    --version) version=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --url) url=$2; shift 2 ;;
    *) echo "dist.sh: error: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [ -z "$binary" ] || [ -z "$version" ] || [ -z "$out" ]; then
  echo "dist.sh: error: --binary, --version and --out are required" >&2
  exit 2
fi

name=kubectl-gitops_${version}_linux_amd64
archive=$name.tar.gz
stage=$out/stage
rm -rf "$stage"
mkdir -p "$stage/lib" "$stage/completions"

# glibc's own libraries come from the system; every other shared library goes into lib/.
is_glibc() {
  case $1 in
    linux-vdso.so.*|ld-linux*.so.*|libc.so.*|libm.so.*|libpthread.so.*|libdl.so.*|librt.so.*|\
    libutil.so.*|libresolv.so.*|libanl.so.*|libmvec.so.*) return 0 ;;
  esac
  return 1
}
missing=$(env -u LD_LIBRARY_PATH ldd "$binary" | awk '/not found/ {print $1}')
if [ -n "$missing" ]; then
  echo "dist.sh: error: $binary needs libraries that are not installed: $missing" >&2
  exit 1
fi
env -u LD_LIBRARY_PATH ldd "$binary" | awk '$2 == "=>" && $3 ~ /^\// {print $1, $3}' |
  while read -r soname path; do
    if ! is_glibc "$soname"; then
      cp -L "$path" "$stage/lib/$soname"
      chmod 644 "$stage/lib/$soname"
      strip --strip-unneeded "$stage/lib/$soname"
    fi
  done
rmdir --ignore-fail-on-non-empty "$stage/lib"

cp "$binary" "$stage/kubectl-gitops"
strip --strip-unneeded "$stage/kubectl-gitops"
chmod 755 "$stage/kubectl-gitops"
cp LICENSE "$stage/LICENSE"
chmod 644 "$stage/LICENSE"
cp completions/kubectl_complete-gitops "$stage/completions/"
chmod 755 "$stage/completions/kubectl_complete-gitops"

# The oldest glibc: the newest GLIBC_x.y symbol version any file of the archive asks for.
files=("$stage/kubectl-gitops")
if [ -d "$stage/lib" ]; then files+=("$stage"/lib/*); fi
glibc=$(objdump -T "${files[@]}" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -n 1)

# Same inputs, same bytes: sorted names, fixed owners and times, gzip without a timestamp.
mtime=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}
entries=(kubectl-gitops LICENSE completions)
if [ -d "$stage/lib" ]; then entries+=(lib); fi
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$mtime" -C "$stage" -cf - "${entries[@]}" |
  gzip -9n > "$out/$archive"
(cd "$out" && sha256sum "$archive" > "$archive.sha256")
sha256=$(cut -d' ' -f1 "$out/$archive.sha256")
echo "$glibc" > "$out/glibc-minimum.txt"

krew/generate-manifest.sh --version "$version" --uri "$url/$version/$archive" --sha256 "$sha256" \
  > "$out/gitops.yaml"

size=$(stat -c %s "$out/$archive")
libs=0
if [ -d "$stage/lib" ]; then libs=$(find "$stage/lib" -type f | wc -l); fi
echo "kubectl-gitops dist: $out/$archive"
echo "  size:            $size bytes ($((size / 1024 / 1024)) MiB)"
echo "  sha256:          $sha256"
echo "  bundled libs:    $libs in lib/"
echo "  needs glibc:     $glibc or newer"
echo "  krew manifest:   $out/gitops.yaml"
