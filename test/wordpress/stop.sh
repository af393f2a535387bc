#!/usr/bin/env bash
# Stops the Apache and MariaDB that start.sh started, and waits until neither runs. The database and uploads stay
# for the next start.sh.
apache2ctl -k stop 2>/dev/null || true
mysqladmin shutdown 2>/dev/null || service mariadb stop >/dev/null 2>&1 || true
for _ in $(seq 80); do
  pgrep -x apache2 >/dev/null || pgrep -x mariadbd >/dev/null || exit 0
  sleep 0.25
done
echo "wordpress: Apache or MariaDB still running after stop.sh" >&2
exit 1
