#!/usr/bin/env bash
# Clean-room install test: builds the Debian package, installs it with apt-get into a fresh
# Debian 12 root (debootstrap --variant=minbase bookworm, entered with chroot) so its Depends must
# resolve from the archive, then scans a good and a bad sample there and renders `man cmkguard`.
#
# usage: scripts/cleanroom-test.sh [BUILD-DIR]
#   BUILD-DIR  an existing, configured build directory to package (default: build-release/,
#              configured here as a Release build without tests)
# Needs root, debootstrap (scripts/install-deps.sh installs it) and the Debian mirror.
# The debootstrapped root is cached as a tarball in
#   ${CMKGUARD_CLEANROOM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cmkguard-cleanroom}
# and made again when older than CMKGUARD_CLEANROOM_MAX_AGE_DAYS (default 7) days.
# CMKGUARD_DEBIAN_MIRROR overrides the mirror (default http://deb.debian.org/debian).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS

die() {
  echo "cleanroom-test: $*" >&2
  exit 1
}
step() { echo "== [$((SECONDS - started))s] $*"; }

build_dir=${1:-build-release}
cache_dir=${CMKGUARD_CLEANROOM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cmkguard-cleanroom}
max_age_days=${CMKGUARD_CLEANROOM_MAX_AGE_DAYS:-7}
mirror=${CMKGUARD_DEBIAN_MIRROR:-http://deb.debian.org/debian}
suite=bookworm

[ "$(id -u)" -eq 0 ] || die "needs root: debootstrap and chroot do (try: sudo $0 $*)"
for tool in debootstrap chroot cmake cpack dpkg-deb readelf flock mount mountpoint; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' not found: run ./scripts/install-deps.sh"
done
arch=$(dpkg --print-architecture)
[ -z "${1:-}" ] || [ -f "$1/CMakeCache.txt" ] || die "$1 is not a configured build directory"

# 1. The package (scripts/package.sh: a Release build without tests unless BUILD-DIR is given).
step "building and packaging ${build_dir}"
deb=$(./scripts/package.sh "$build_dir" | tail -n 1) || die "building the package failed"
version=$(dpkg-deb -f "$deb" Version)
echo "$deb: $(du -k "$deb" | cut -f1) KiB, Installed-Size $(dpkg-deb -f "$deb" Installed-Size) KiB"
echo "Depends: $(dpkg-deb -f "$deb" Depends)"
[ -n "$(dpkg-deb -f "$deb" Depends)" ] || die "$deb has no Depends (shlibdeps did not run)"

work=$(mktemp -d "${TMPDIR:-/tmp}/cmkguard-cleanroom.XXXXXX")
root=$work/root    # the root the package is installed into
fresh=$work/fresh  # a new debootstrap root, before it is cached
cleanup() {
  local r m
  for r in "$root" "$fresh"; do
    for m in "$r/dev/pts" "$r/proc"; do
      if mountpoint -q "$m" 2>/dev/null; then umount -l "$m" || true; fi
    done
  done
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT

dpkg-deb -x "$deb" "$work/unpacked"
if readelf -S "$work/unpacked/usr/bin/cmkguard" | grep -qE '\.(debug_info|symtab)'; then
  die "the packaged /usr/bin/cmkguard is not stripped"
fi

# /proc and a private /dev/pts (apt and dpkg want both) in root $1.
mount_in() {
  mount -t proc proc "$1/proc" || die "cannot mount /proc in $1 (mount needs CAP_SYS_ADMIN)"
  mkdir -p "$1/dev/pts"
  mount -t devpts -o newinstance,ptmxmode=0666 devpts "$1/dev/pts" ||
    die "cannot mount /dev/pts in $1 (mount needs CAP_SYS_ADMIN)"
}
umount_in() {
  umount -l "$1/dev/pts" 2>/dev/null || true
  umount -l "$1/proc" 2>/dev/null || true
}

# 2. A fresh Debian 12 root, from the cache when there is a recent one.
mkdir -p "$cache_dir"
tarball=$cache_dir/$suite-minbase-$arch.tar.gz
exec 9>"$cache_dir/lock"
flock 9
if [ -f "$tarball" ] && [ -z "$(find "$tarball" -mtime +"$max_age_days")" ]; then
  step "using the cached root $tarball"
else
  step "debootstrap --variant=minbase $suite (cached afterwards in $cache_dir)"
  if ! debootstrap --variant=minbase "$suite" "$fresh" "$mirror" >"$work/debootstrap.log" 2>&1; then
    tail -n 30 "$work/debootstrap.log" >&2
    [ -f "$fresh/debootstrap/debootstrap.log" ] && tail -n 30 "$fresh/debootstrap/debootstrap.log" >&2
    die "debootstrap failed (log above)"
  fi
  # man-db is not in minbase and not a dependency of the package; the test renders the page.
  cp /etc/resolv.conf "$fresh/etc/resolv.conf"
  mount_in "$fresh"
  if ! chroot "$fresh" sh -c 'apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends man-db \
        >/dev/null && apt-get clean'; then
    umount_in "$fresh"
    die "installing man-db into the fresh root failed"
  fi
  umount_in "$fresh"
  tar -C "$fresh" --numeric-owner -czf "$tarball.tmp" .
  mv "$tarball.tmp" "$tarball"
  rm -rf --one-file-system "$fresh"
fi
flock -u 9

step "unpacking the root"
mkdir "$root"
tar -C "$root" --numeric-owner -xzf "$tarball"
cp /etc/resolv.conf "$root/etc/resolv.conf"
mount_in "$root"
cp "$deb" "$root/tmp/"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
  LANG=C.UTF-8 "$@"; }
in_root /bin/true || die "chroot into $root fails (no CAP_SYS_CHROOT?)"

# 3. Install as a user would: apt-get resolves the Depends from the archive.
step "apt-get install ./$(basename "$deb") in the root"
# shellcheck disable=SC2016 # dpkg-query's format, not a shell expansion
in_root dpkg-query -W -f '${Package}\n' | sort >"$work/before"
in_root sh -c 'cd /tmp && apt-get update -qq &&
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ./'"$(basename "$deb")"' >/dev/null' ||
  die "apt-get install of the package failed in the clean root"
# shellcheck disable=SC2016
in_root dpkg-query -W -f '${Package}\n' | sort >"$work/after"
echo "installed: $(comm -13 "$work/before" "$work/after" | tr '\n' ' ')"
rm -f "$root/tmp/$(basename "$deb")"

step "running the installed cmkguard"
got=$(in_root cmkguard --version) || die "cmkguard --version fails in the clean root"
[ "$got" = "cmkguard $version" ] || die "cmkguard --version says '$got', want 'cmkguard $version'"
samples=/usr/share/cmkguard/samples
in_root cmkguard scan "$samples/good-face-cmk.json" ||
  die "scan of the compliant sample exited $? (want 0)"
rc=0
in_root cmkguard scan "$samples/bad-vault-without-purge-protection.json" >"$work/bad.txt" || rc=$?
[ "$rc" -eq 1 ] || die "scan of a bad sample exited $rc (want 1)"
grep -q 'kv-purge-protection' "$work/bad.txt" || die "scan of a bad sample did not report kv-purge-protection"
rc=0
in_root cmkguard scan --format sarif "$samples/" >"$work/scan.sarif" || rc=$?
[ "$rc" -eq 1 ] || die "scan of all samples exited $rc (want 1)"
grep -q '"version": *"2.1.0"' "$work/scan.sarif" || die "SARIF output of the installed cmkguard is not SARIF 2.1.0"

step "man cmkguard and the bash completion"
in_root sh -c 'MANPAGER=cat MANWIDTH=100 man cmkguard' >"$work/man.txt" 2>"$work/man.err" ||
  { cat "$work/man.err" >&2; die "man cmkguard fails in the clean root"; }
[ ! -s "$work/man.err" ] || { cat "$work/man.err" >&2; die "man cmkguard warns"; }
for word in "cmkguard scan" "cmkguard crypt" "fail-on" "$version"; do
  grep -qF -- "$word" "$work/man.txt" || die "the rendered man page lacks '$word'"
done
in_root bash -c 'source /usr/share/bash-completion/completions/cmkguard && complete -p cmkguard' \
  >/dev/null || die "the bash completion does not load"

step "PASS: $(basename "$deb") installs and runs in a clean Debian 12 root"
