#!/usr/bin/env bash
# Runs clang-tidy (.clang-tidy; its checks are errors) over C++ sources of src/ with the compile
# commands of a build directory.
# usage: tests/style/tidy_check.sh SOURCE-DIR BUILD-DIR [--all] [CLANG-TIDY]
#   default  the src/ files changed since the merge base with main (committed or not) plus a fixed
#            set that touches every module, so a run stays short on a small machine
#   --all    every file of src/ (minutes; run before a release or after a compiler upgrade)
set -euo pipefail
source_dir=$(cd "$1" && pwd)
build_dir=$(cd "$2" && pwd)
shift 2
all=false
if [ "${1:-}" = --all ]; then
  all=true
  shift
fi
clang_tidy=${1:-clang-tidy}
cd "$source_dir"
if [ ! -f "$build_dir/compile_commands.json" ]; then
  echo "tidy_check: $build_dir/compile_commands.json is missing (CMAKE_EXPORT_COMPILE_COMMANDS)" >&2
  exit 2
fi

# One file of each module, and the edges most code passes through.
fixed=(src/util/spelling.cpp src/util/file_text.cpp src/json/diagnostic.cpp src/arm/input_file.cpp
  src/rules/rule_loader.cpp src/report/report_format.cpp src/report/json_report.cpp
  src/crypto/atomic_file.cpp src/cli/report_flags.cpp)
if $all; then
  mapfile -t files < <(find src -name '*.cpp' | sort)
else
  changed=()
  if git rev-parse --git-dir >/dev/null 2>&1; then
    base=$(git merge-base HEAD main 2>/dev/null || git merge-base HEAD origin/main 2>/dev/null ||
      true)
    if [ -n "$base" ]; then
      mapfile -t changed < <(git diff --name-only --diff-filter=d "$base" -- 'src/*.cpp')
    fi
  fi
  mapfile -t files < <(printf '%s\n' "${fixed[@]}" "${changed[@]}" | grep . | sort -u)
  existing=()
  for f in "${files[@]}"; do [ -f "$f" ] && existing+=("$f"); done
  files=("${existing[@]}")
fi
echo "tidy_check: ${#files[@]} files"
# -Wno-error: with the build's -Werror, a warning of clang's own compiler (not a check chosen in
# .clang-tidy) would stop the run; GCC builds with -Werror already.
printf '%s\n' "${files[@]}" |
  xargs -P "$(nproc)" -n 2 "$clang_tidy" -p "$build_dir" --quiet --extra-arg=-Wno-error
