#!/usr/bin/env bash
# Builds the Debian package from a Release build without tests or benchmarks, and prints its
# absolute path as the last line: .../build-release/cmkguard_<version>_<arch>.deb.
# usage: scripts/package.sh [BUILD-DIR]
#   BUILD-DIR  package this configured build directory instead (e.g. build/ for a quick check)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${1:-build-release}
./scripts/install-deps.sh --package
if [ "$build_dir" = build-release ] && [ ! -f build-release/CMakeCache.txt ]; then
  cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
fi
if [ ! -f "$build_dir/CMakeCache.txt" ]; then
  echo "package.sh: $build_dir is not a configured build directory" >&2
  exit 1
fi
cmake --build "$build_dir" -j "$(nproc)" >&2
version=$("$build_dir/cmkguard" --version)
version=${version#cmkguard }
deb=$build_dir/cmkguard_${version}_$(dpkg --print-architecture).deb
rm -f "$deb"
(cd "$build_dir" && cpack -G DEB) >&2
if [ ! -f "$deb" ]; then
  echo "package.sh: cpack did not write $deb" >&2
  exit 1
fi
realpath "$deb"
