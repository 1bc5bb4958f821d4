#!/usr/bin/env bash
# Installs cmkguard's dependencies (Debian 12), builds it, and scans the bundled samples.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
./scripts/build.sh
echo
echo "== ./build/cmkguard scan samples/  (the bad-*.json samples are meant to fail)"
./build/cmkguard scan samples/ || true
