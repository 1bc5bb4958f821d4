#!/usr/bin/env bash
# Installs the Debian 12 packages cmkguard builds and tests with; does nothing when all are present.
# usage: scripts/install-deps.sh [--package]
#   --package  only what building the Debian package needs (no test, benchmark or clean-room tools)
set -euo pipefail
packages=(build-essential cmake ninja-build pkg-config dpkg-dev
  rapidjson-dev libsimdjson-dev libyaml-cpp-dev libboost-program-options-dev libssl-dev libre2-dev
  libp11-kit-dev libjemalloc-dev libhowardhinnant-date-dev libutfcpp-dev libpugixml-dev)
if [ "${1:-}" != --package ]; then
  # Tests (Catch2, zlib, SoftHSM2, xmllint, groff for the man page; chromium and poppler-utils
  # print the HTML audit report to PDF in the html-print test; clang-format and clang-tidy for the
  # style checks; clang and its sanitizer and libFuzzer runtimes, only recommended by clang, for
  # scripts/sanitize.sh) and the clean-room install test (debootstrap).
  packages+=(catch2 p11-kit softhsm2 openssl libxml2-utils zlib1g-dev groff-base
    debootstrap chromium poppler-utils clang-format clang-tidy clang libclang-rt-14-dev)
fi
missing=()
# node and npm run the test-only schema checks; any recent install will do.
[ "${1:-}" = --package ] || command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
((${#missing[@]})) || exit 0
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
echo "installing: ${missing[*]}"
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}"
