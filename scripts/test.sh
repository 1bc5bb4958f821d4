#!/usr/bin/env bash
# Installs what is missing, builds, then runs every test: unit, end-to-end, rule fixtures, schemas,
# style checks; then the unit tests and every fuzz target under ASan and UBSan (scripts/sanitize.sh,
# a clang build in build-sanitize/), and (as root) the clean-room install of the Debian package.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
./scripts/build.sh
# Test-only npm tools (ajv, js-yaml, SARIF Multitool) for the schema checks, pinned by
# package-lock.json.
if [ ! -d tests/schema/node_modules ] || [ ! -e tests/schema/node_modules/.bin/sarif-multitool ]; then
  npm ci --prefix tests/schema --no-audit --no-fund --loglevel=error
fi
ctest --test-dir build --output-on-failure "$@"
# The sanitizer build and the short fuzz runs (docs/fuzzing.md, a few minutes). Not when ctest
# arguments pick some tests, nor with CMKGUARD_SANITIZE=0 for a quick local run.
if [ $# -gt 0 ]; then
  :
elif [ "${CMKGUARD_SANITIZE:-1}" = 0 ]; then
  echo "test.sh: CMKGUARD_SANITIZE=0: the sanitizer and fuzz run was skipped" >&2
else
  ./scripts/sanitize.sh
fi
# The Debian package of this build, installed with apt-get into a fresh Debian 12 root
# (debootstrap and chroot need root; the root is cached between runs). Not when ctest arguments
# pick some tests.
if [ $# -gt 0 ]; then
  :
elif [ "$(id -u)" -eq 0 ]; then
  ./scripts/cleanroom-test.sh build
else
  echo "test.sh: the clean-room install test needs root and was not run" \
    "(sudo ./scripts/cleanroom-test.sh build)" >&2
fi
