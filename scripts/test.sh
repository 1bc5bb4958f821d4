#!/usr/bin/env bash
# Installs what is missing, builds, then runs every test: unit, end-to-end, and the rule fixtures.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
./scripts/build.sh
ctest --test-dir build --output-on-failure "$@"
