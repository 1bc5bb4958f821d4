#!/usr/bin/env bash
# How the scan of a streamed live export grows with its size: for each size, an export written by
# bench/gen_live_export.py is scanned (-j 1, median of RUNS) and the wall time, peak memory and
# time per resource printed. Time per resource should stay about flat: where it climbs, something
# in the scan is quadratic (links or relations visiting every candidate for every account).
# usage: bench/export_scaling.sh [BUILD_DIR] [RUNS] [SIZE...]   (default: build 3 100000 200000 400000)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
runs=${2:-3}
shift $(($# < 2 ? $# : 2))
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100000 200000 400000)
for tool in "$build/cmkguard" /usr/bin/time; do
  [ -x "$tool" ] || { echo "export_scaling: $tool is missing (build first; time is Debian's 'time')" >&2; exit 2; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

printf '%10s %9s %9s %10s %14s\n' resources MB seconds "peak MB" "us/resource"
for n in "${sizes[@]}"; do
  python3 bench/gen_live_export.py "$n" "$tmp/export.json"
  : >"$tmp/times"
  for _ in $(seq "$runs"); do
    # Exit code 1 (findings) is expected.
    /usr/bin/time -f '%e %M' -o "$tmp/t" "$build/cmkguard" scan "$tmp/export.json" -q -j 1 \
      --format json -o "$tmp/report.json" >/dev/null 2>&1 || true
    tail -n 1 "$tmp/t" >>"$tmp/times"
  done
  s=$(cut -d' ' -f1 "$tmp/times" | median)
  kb=$(cut -d' ' -f2 "$tmp/times" | median)
  bytes=$(stat -c %s "$tmp/export.json")
  awk -v n="$n" -v b="$bytes" -v s="$s" -v kb="$kb" \
    'BEGIN {printf "%10d %9.0f %9.2f %10.0f %14.2f\n", n, b / 1e6, s, kb / 1024, s * 1e6 / n}'
  rm -f "$tmp/export.json"
done
