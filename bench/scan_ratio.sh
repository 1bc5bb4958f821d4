#!/usr/bin/env bash
# Whole-process comparison of a full scan with a bare simdjson parse of the same files.
# usage: bench/scan_ratio.sh [BUILD_DIR] [CORPUS_DIR] [RUNS]
# Runs each side RUNS times (default 5), alternating, and prints the medians of wall time, the
# peak resident memory and CPU time (user + system: steadier than wall time on a busy machine),
# and the ratios of wall times scan / parse for -j 1 and -j 2.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
corpus=${2:-../shared/corpus}
runs=${3:-5}
for tool in "$build/cmkguard" "$build/parse_files" /usr/bin/time; do
  [ -x "$tool" ] || { echo "scan_ratio: $tool is missing (build first; time is Debian's 'time')" >&2; exit 2; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Prints "<seconds> <peak KB> <cpu seconds>" of one run of the command.
measure() {
  /usr/bin/time -f '%e %M %U %S' -o "$tmp/t" "$@" >/dev/null 2>&1 || true
  tail -n 1 "$tmp/t" | awk '{print $1, $2, $3 + $4}'
}
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

: >"$tmp/parse"; : >"$tmp/j1"; : >"$tmp/j2"
for _ in $(seq "$runs"); do
  measure "$build/parse_files" "$corpus" >>"$tmp/parse"
  measure "$build/cmkguard" scan "$corpus" -q -j 1 --format json -o "$tmp/report.json" >>"$tmp/j1"
  measure "$build/cmkguard" scan "$corpus" -q -j 2 --format json -o "$tmp/report.json" >>"$tmp/j2"
done
p=$(cut -d' ' -f1 "$tmp/parse" | median)
echo "corpus: $corpus ($(find "$corpus" -name '*.json' -type f | wc -l) files), median of $runs runs"
printf '%-22s %7s s wall %7s s cpu %8s KB\n' "bare simdjson parse" "$p" \
  "$(cut -d' ' -f3 "$tmp/parse" | median)" "$(cut -d' ' -f2 "$tmp/parse" | median)"
for j in 1 2; do
  s=$(cut -d' ' -f1 "$tmp/j$j" | median)
  printf '%-22s %7s s wall %7s s cpu %8s KB  %5.2fx parse\n' "cmkguard scan -j $j" "$s" \
    "$(cut -d' ' -f3 "$tmp/j$j" | median)" "$(cut -d' ' -f2 "$tmp/j$j" | median)" \
    "$(echo "$s $p" | awk '{print $1 / $2}')"
done
