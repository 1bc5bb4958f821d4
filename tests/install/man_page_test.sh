#!/usr/bin/env bash
# The manual page is current (what `cmkguard --help-man` prints now), renders without warnings,
# and documents every command, crypt subcommand and flag that --help lists.
# usage: man_page_test.sh CMKGUARD MAN-PAGE
set -euo pipefail
bin=${1:?usage: man_page_test.sh CMKGUARD MAN-PAGE}
page=${2:?usage: man_page_test.sh CMKGUARD MAN-PAGE}
failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

if ! "$bin" --help-man | cmp -s - "$page"; then
  fail "$page differs from '$bin --help-man': rebuild"
fi

# Rendered as plain text: no overstrike or colour, minus signs and hyphens as '-'.
errors=$(mktemp)
trap 'rm -f "$errors"' EXIT
rendered=$(groff -man -Tutf8 -P-cbou -ww "$page" 2>"$errors" |
  sed -e 's/\xe2\x88\x92/-/g' -e 's/\xe2\x80\x90/-/g')
if [ -s "$errors" ]; then
  fail "groff warns about $page:"
  cat "$errors" >&2
fi
[ -n "$rendered" ] || fail "$page renders empty"

version=$("$bin" --version)
grep -qF "$version" <<<"$rendered" || fail "the page does not give the version '$version'"

check_help() {  # check_help TITLE ARGS...: the section and every flag of `cmkguard ARGS --help`
  local title=$1
  shift
  grep -qxE "   $title" <<<"$rendered" || fail "no section '$title'"
  local help flag flags
  help=$("$bin" "$@" --help 2>&1) || fail "'$title --help' fails"
  mapfile -t flags < <(grep -oE -- '--[a-z0-9][a-z0-9-]*' <<<"$help" | sort -u)
  for flag in "${flags[@]}"; do
    grep -qE -- "(^|[^a-z0-9-])$flag([^a-z0-9-]|$)" <<<"$rendered" ||
      fail "'$title' flag $flag is not in the page"
  done
}

commands=$("$bin" --help | awk '/^commands:/ {on = 1; next} on && /^  [a-z]/ {print $1} /^$/ {on = 0}')
[ -n "$commands" ] || fail "no commands found in '$bin --help'"
for command in $commands; do
  check_help "cmkguard $command" "$command"
done
crypt_commands=$("$bin" crypt --help | awk '/^  [a-z]/ {print $1}' | sort -u)
[ -n "$crypt_commands" ] || fail "no crypt commands found in '$bin crypt --help'"
for command in $crypt_commands; do
  check_help "cmkguard crypt $command" crypt "$command"
done

if ((failures)); then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "man page OK: $(wc -w <<<"$commands") commands, $(wc -w <<<"$crypt_commands") crypt commands"
