#!/usr/bin/env bash
# Fails when a C++ file under src/, tests/, bench/ or fuzz/ is not formatted as .clang-format says.
# usage: tests/style/format_check.sh SOURCE-DIR [CLANG-FORMAT]
set -euo pipefail
cd "$1"
clang_format=${2:-clang-format}
find src tests bench fuzz -path tests/schema/node_modules -prune -o \
  \( -name '*.cpp' -o -name '*.hpp' \) -print0 |
  sort -z | xargs -0 "$clang_format" --dry-run --Werror
