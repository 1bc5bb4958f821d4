#!/usr/bin/env bash
# The bash completion completes commands, flags, report formats, severities, rule ids and files.
# usage: completion_test.sh CMKGUARD COMPLETION-FILE
set -euo pipefail
bin=${1:?usage: completion_test.sh CMKGUARD COMPLETION-FILE}
# shellcheck source=/dev/null
source "${2:?usage: completion_test.sh CMKGUARD COMPLETION-FILE}"
failures=0

complete_words() {  # complete_words WORD...: COMPREPLY for completing the last word, one a line
  COMP_WORDS=("$bin" "$@")
  COMP_CWORD=$#
  COMP_LINE="${COMP_WORDS[*]}"
  COMP_POINT=${#COMP_LINE}
  COMPREPLY=()
  _cmkguard
  printf '%s\n' "${COMPREPLY[@]}" | sort
}

expect() {  # expect "WANTED (one a line)" WORD...
  local want=$1
  shift
  local got
  got=$(complete_words "$@")
  if [ "$got" != "$(sort <<<"$want")" ]; then
    echo "FAIL: cmkguard $*<TAB>" >&2
    diff <(sort <<<"$want") <(echo "$got") >&2 || true
    failures=$((failures + 1))
  fi
}

# Every command --help lists (the command table), and nothing else.
commands=$("$bin" --help | awk '/^commands:/ {on = 1; next} on && /^  [a-z]/ {print $1} /^$/ {on = 0}')
[ -n "$commands" ] || { echo "FAIL: no commands in '$bin --help'" >&2; exit 1; }
expect "$commands
--help
--version" ""
crypt_commands=$("$bin" crypt --help |
  awk '/^commands:/ {on = 1; next} on && /^  [a-z]/ {print $1} /^$/ {on = 0}')
[ -n "$crypt_commands" ] || { echo "FAIL: no commands in '$bin crypt --help'" >&2; exit 1; }
expect "$crypt_commands
--help" crypt ""
expect "scan" s
expect "crypt" cr
expect "--help
--version" --
expect "--fail-on" scan --fa
expect "sarif
sarif-github" scan --format s
expect "sarif
sarif-github" verify -f s
expect "high" scan --fail-on h
expect "sarif-github=
sarif=" scan --output sarif
expect "rewrap" crypt re
expect "recover
rotate" crypt key r
expect "--chunk-size" crypt encrypt --ch
expect "--keystore" verify --key

# Every flag scan --help lists, and nothing else.
expect "$("$bin" scan --help | grep -oE -- '--[a-z0-9][a-z0-9-]*' | sort -u)" scan --

# Rule ids from `cmkguard rules`.
ids=$("$bin" rules | awk '{print $1}')
[ -n "$ids" ] || { echo "FAIL: no rule ids from '$bin rules'" >&2; exit 1; }
expect "$ids" explain ""
expect "$(grep '^kv-' <<<"$ids")" explain kv-
expect "$(grep '^ai-cmk-' <<<"$ids")" rules ai-cmk-

# The formats and severities offered are those scan --help lists.
help=$("$bin" scan --help | tr -s ' \n' ' ')
formats=$(sed -E 's/.*--format \] arg \(=[a-z]+\) (([a-z-]+ \| )+[a-z-]+) .*/\1/' <<<"$help" |
  tr -d '|' | tr -s ' ' '\n')
expect "$formats" scan --format ""
severities=$(sed -E 's/.*lowest severity that fails: (([a-z]+ \| )+[a-z]+).*/\1/' <<<"$help" |
  tr -d '|' | tr -s ' ' '\n')
expect "$severities" scan --fail-on ""

# Paths after the flags.
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
touch "$dir/good-face-cmk.json" "$dir/bad-key.json"
expect "$dir/good-face-cmk.json" scan "$dir/goo"
expect "$dir/good-face-cmk.json" scan --fail-on high "$dir/goo"

if ((failures)); then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "bash completion OK"
