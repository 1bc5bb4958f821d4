#!/usr/bin/env bash
# The sanitizer run (docs/fuzzing.md): a Debug clang build (at -O1) with AddressSanitizer and
# UndefinedBehaviorSanitizer in build-sanitize/ (configured once) of the unit tests and the fuzz
# targets, then the unit tests under it; the tests that use several threads under ThreadSanitizer
# (build-tsan/); then every fuzz target for a few seconds, seeded with its reproducers in
# tests/fuzz_regressions/ and the sample templates. Any sanitizer report, failing test or fuzzer
# finding fails the run.
# usage: scripts/sanitize.sh [SECONDS]   (seconds per fuzz target, default 20; 0 skips fuzzing)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-20}"
build=build-sanitize
fuzzers=(json_reader template_scan rule_loader property_path)
# -O1: the unit tests run about 5 times faster than at -O0 (110 s against 529 s) and the fuzzers
# make many times more runs, with the same checks. Configured every time (a few seconds), so a
# folder configured with other flags is brought in line.
cmake -S . -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS_DEBUG="-g -O1" -DCMKGUARD_FUZZ=ON -DCMKGUARD_BENCHMARKS=OFF >/dev/null
# Only what the run uses: not the manual page, the package files or the benchmarks.
cmake --build "$build" -j "$(nproc)" --target cmkguard cmkguard_tests "${fuzzers[@]/%/_fuzz}"

# halt_on_error: the first report ends the process with a failure (UBSan is also compiled with
# -fno-sanitize-recover). The cmkguard binary the tests run is the sanitized one, so a report
# there fails the test that ran it.
export ASAN_OPTIONS=halt_on_error=1:detect_leaks=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# ASan's redzones make stack frames several times larger: the expression depth limit
# (1000 levels, docs/limits.md) is sized for the release build's frames within the usual 8 MiB,
# and this build overflows 8 MiB before reaching it. The tests, the cmkguard they start and the
# fuzzers get 64 MiB, or as much as the hard limit allows.
ulimit -s 65536 2>/dev/null || ulimit -s "$(ulimit -H -s)"
fail() {
  echo >&2
  echo "sanitize.sh: FAILED: $*" >&2
  exit 1
}
echo "== unit tests under ASan and UBSan ($build/cmkguard_tests)"
(cd "$build" && ./cmkguard_tests) ||
  fail "the unit tests under ASan and UBSan (a sanitizer report or a failing test above;" \
    "rerun: cd $build && ./cmkguard_tests)"

# The tests that run work on several threads (tagged [threads]: -j scans, streamed exports, the
# ordered pool, the shared line index) again under ThreadSanitizer, which cannot share a build with
# ASan: its own build folder, the same compiler and level.
tsan_build=build-tsan
cmake -S . -B "$tsan_build" -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS_DEBUG="-g -O1" -DCMKGUARD_TSAN=ON -DCMKGUARD_BENCHMARKS=OFF >/dev/null
cmake --build "$tsan_build" -j "$(nproc)" --target cmkguard cmkguard_tests
echo "== tests on several threads under TSan ($tsan_build/cmkguard_tests [threads])"
(cd "$tsan_build" && TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
  ./cmkguard_tests "[threads]") ||
  fail "the tests on several threads under TSan (a data race report or a failing test above;" \
    "rerun: cd $tsan_build && ./cmkguard_tests [threads])"

((seconds > 0)) || exit 0
# The samples, not the shared corpus: its 177 templates alone take most of the time under the
# sanitized build. fuzz/run.sh adds the target's reproducers (and rules/ for rule_loader).
seeds=(samples)
for target in "${fuzzers[@]}"; do
  echo "== fuzz target $target for ${seconds} s"
  case "$target" in
    json_reader | template_scan) extra=("${seeds[@]}") ;;
    *) extra=() ;;
  esac
  # libFuzzer's own progress lines go to the log; its report, if any, is shown below.
  log="$build/fuzz-$target.log"
  if ! ./fuzz/run.sh "$build" "$target" "$seconds" "${extra[@]}" >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    fail "fuzz target $target found an input that crashes, leaks, hangs or breaks an oracle" \
      "(the input is in $build/artifacts/, the whole log in $log; docs/fuzzing.md says how" \
      "to replay and minimise it)"
  fi
  grep -E '^(#[0-9]+ +DONE|Done [0-9]+ runs)' "$log" | tail -n 2
done
