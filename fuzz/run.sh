#!/usr/bin/env bash
# Runs one fuzz target with the project's settings (docs/fuzzing.md): inputs up to 1 MiB from the
# first run (-len_control=0: otherwise libFuzzer starts at the longest seed and grows the limit by a
# few bytes at a time, and never gets near it), so the size-driven paths (expression and YAML
# budgets, docs/limits.md) are reachable; the target's dictionary; new corpus and artifacts in the
# build directory; the reproducers as extra seeds.
# Usage: fuzz/run.sh BUILD_DIR TARGET [SECONDS] [SEED_DIR...]
#   TARGET: json_reader, template_scan, rule_loader or property_path
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="$(cd "$1" && pwd)"
target="$2"
seconds="${3:-120}"
shift $(($# < 3 ? $# : 3))
case "$target" in
  json_reader | template_scan) dict=json.dict ;;
  rule_loader) dict=yaml.dict ;;
  property_path) dict=property_path.dict ;;
  *) echo "unknown target '$target'" >&2; exit 2 ;;
esac
seeds=("$@")
[ -d "$root/tests/fuzz_regressions/$target" ] && seeds+=("$root/tests/fuzz_regressions/$target")
[ "$target" = rule_loader ] && seeds+=("$root/rules")
mkdir -p "$build/corpus/$target" "$build/artifacts"
exec "$build/${target}_fuzz" -max_total_time="$seconds" -max_len=1048576 -len_control=0 -rss_limit_mb=2048 \
  -dict="$root/fuzz/$dict" -artifact_prefix="$build/artifacts/$target-" \
  "$build/corpus/$target" "${seeds[@]}"
