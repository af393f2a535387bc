#!/usr/bin/env bash
# npm test's first step: makes sure the programs the tests drive are on this machine before anything runs.
# What is missing is installed from Debian when this user can (root with apt-get; see scripts/install-packages.sh);
# otherwise it stops with one line giving the command to run.
#   chromium                    the browser tests (or CHROMIUM_PATH)
#   postgresql                  initdb and pg_ctl: the tests start their own clusters (or PG_BIN)
#   varnish, varnish-modules    varnishd and the xkey vmod: the tests start their own
#   libxml2-utils               xmllint, which checks feeds and sitemaps
#   python3-feedparser          a real feed reader under /usr/bin/python3
#   python3-aiosmtpd            a real SMTP server the moderation email tests send to
#   test/wordpress/packages.txt Apache, mod_php, MariaDB and WordPress for the WordPress end-to-end test
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "npm test: $*" >&2; exit 1; }
installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]; }

if [ -n "${CHROMIUM_PATH:-}" ]; then
  [ -x "$CHROMIUM_PATH" ] || fail "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable; point it at Chromium, or unset it and run: sudo apt-get install -y chromium"
fi
if [ -n "${PG_BIN:-}" ]; then
  [ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/pg_ctl" ] || fail "PG_BIN=$PG_BIN holds no initdb and pg_ctl; point it at PostgreSQL's bin directory, or unset it and run: sudo apt-get install -y postgresql"
fi

wanted=()
[ -n "${CHROMIUM_PATH:-}" ] || [ -x /usr/bin/chromium ] || wanted+=(chromium)
[ -n "${PG_BIN:-}" ] || compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' >/dev/null || wanted+=(postgresql)
PATH="$PATH:/usr/sbin:/sbin" command -v varnishd >/dev/null || wanted+=(varnish)
installed varnish-modules || wanted+=(varnish-modules)
command -v xmllint >/dev/null || wanted+=(libxml2-utils)
/usr/bin/python3 -c 'import feedparser' 2>/dev/null || wanted+=(python3-feedparser)
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || wanted+=(python3-aiosmtpd)
mapfile -t wordpress < <(grep -v '^#' test/wordpress/packages.txt)
wanted+=("${wordpress[@]}")
# install-packages.sh skips what dpkg has, and prints the one-line command when it cannot install.
bash scripts/install-packages.sh "${wanted[@]}" || exit 1

# The WordPress end-to-end test configures and starts Apache and MariaDB through test/wordpress/start.sh.
[ "$(id -u)" = 0 ] || fail "the WordPress end-to-end test starts Apache and MariaDB as root; run: sudo npm test"

# An image with the system varnish enabled would keep it on :6081 with its memory; the tests run their own on free
# ports. systemctl may be absent, or present with no systemd to ask.
if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
  systemctl stop varnish varnishncsa 2>/dev/null || true
elif [ -x /etc/init.d/varnish ]; then
  service varnish stop >/dev/null 2>&1 || true
fi
echo "npm test: prerequisites present (chromium, PostgreSQL, varnish with xkey, xmllint, feedparser, aiosmtpd, WordPress harness packages)"
