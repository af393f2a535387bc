#!/usr/bin/env bash
# Installs those of the given Debian packages that are not installed yet, with one `apt-get update` at most and
# no service started by the install: the tests start their own PostgreSQL, Varnish and WordPress, on loopback ports
# of their choosing, and a system service would only hold a port (Apache on *:80, varnish on :6081) and memory.
# Usage: scripts/install-packages.sh PACKAGE...
# Exit status 0 when all are installed afterwards; 2 (with the command to run as its last line) when some are missing
# and this user cannot install them.
set -euo pipefail

installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]; }
missing=()
for package in "$@"; do installed "$package" || missing+=("$package"); done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
  echo "missing Debian packages; install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 2
fi

echo "installing from Debian: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# policy-rc.d answering 101 ("action forbidden") is Debian's switch that keeps maintainer scripts from starting
# services. One that is already there belongs to the image and is left as it is.
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod 755 "$policy"
  trap 'rm -f "$policy"' EXIT
fi
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
