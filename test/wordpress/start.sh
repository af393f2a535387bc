#!/usr/bin/env bash
# Byline's WordPress for tests: Debian's `wordpress` package served by Apache with mod_php from MariaDB, reachable
# on 127.0.0.1 only, filled from a site description (JSON; README.md beside this file describes it). Run it again to
# restart what stopped and load the description again. Root only: it installs packages the first time and writes
# the Apache, MariaDB and WordPress configuration.
#   test/wordpress/start.sh [SITE.json]     (default: sample-site.json beside this script)
#   PORT=8081 test/wordpress/start.sh       (default port 8080)
#   FRESH=1 test/wordpress/start.sh         (empty the database and the uploads first: a new install)
# The site's URL is the last line of its output; everything else goes to stderr.
set -euo pipefail

began=$SECONDS
dir=$(cd "$(dirname "$0")" && pwd)
site_json=$(realpath "${1:-$dir/sample-site.json}")
port=${PORT:-8080}
host=127.0.0.1
url="http://$host:$port"
database=byline_wp
secrets=/etc/wordpress
app_password_file=$secrets/byline-test-app-password
admin_password_file=$secrets/byline-test-admin-password

say() { echo "wordpress: $*" >&2; }
die() { say "$*"; exit 1; }
[ "$(id -u)" = 0 ] || die "start.sh must run as root (it installs packages and configures Apache and MariaDB)"
[ -r "$site_json" ] || die "cannot read the site description $site_json"
mapfile -t packages < <(grep -v '^#' "$dir/packages.txt")
bash "$dir/../../scripts/install-packages.sh" "${packages[@]}"

# MariaDB, listening on loopback alone.
printf '[mysqld]\nbind-address = 127.0.0.1\n' >/etc/mysql/mariadb.conf.d/90-byline-test.cnf
if ! mysqladmin --silent ping >/dev/null 2>&1; then
  say "starting MariaDB"
  service mariadb start >/dev/null 2>&1 || true
  for _ in $(seq 80); do mysqladmin --silent ping >/dev/null 2>&1 && break; sleep 0.25; done
  mysqladmin --silent ping >/dev/null 2>&1 || die "MariaDB did not start"
fi

# Debian's /usr/share/wordpress/wp-config.php reads /etc/wordpress/config-<host>.php for the request's host (the
# port left off). The database password and the salts are made once and kept, so sessions and the application
# password survive a restart.
config=$secrets/config-$host.php
random() { head -c 64 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c "$1"; }
if [ -s "$config" ]; then
  db_password=$(sed -n "s/^define('DB_PASSWORD', '\([A-Za-z0-9]*\)');$/\1/p" "$config")
  [ -n "$db_password" ] || die "no DB_PASSWORD in $config"
else
  db_password=$(random 32)
  {
    echo '<?php'
    echo '// Written by Byline test/wordpress/start.sh for the tests; loopback only.'
    echo "define('DB_NAME', '$database');"
    echo "define('DB_USER', '$database');"
    echo "define('DB_PASSWORD', '$db_password');"
    echo "define('DB_HOST', 'localhost');"
    echo "define('DB_CHARSET', 'utf8mb4');"
    echo "define('DB_COLLATE', '');"
    for key in AUTH_KEY SECURE_AUTH_KEY LOGGED_IN_KEY NONCE_KEY AUTH_SALT SECURE_AUTH_SALT LOGGED_IN_SALT NONCE_SALT; do
      echo "define('$key', '$(random 64)');"
    done
    echo "define('WP_CONTENT_DIR', '/var/lib/wordpress/wp-content');"
    echo "define('FS_METHOD', 'direct');"
    # Nothing leaves the machine: oEmbed and update checks fail at once instead of waiting on the network.
    echo "define('WP_HTTP_BLOCK_EXTERNAL', true);"
    echo "define('AUTOMATIC_UPDATER_DISABLED', true);"
    # WordPress accepts application passwords over plain http only on a 'local' site.
    echo "define('WP_ENVIRONMENT_TYPE', 'local');"
  } >"$config.new"
  chmod 640 "$config.new"
  chgrp www-data "$config.new"
  mv "$config.new" "$config"
fi
# The port can change from one start to the next, so the site's own address is written every time.
sed -i "/^define('WP_HOME'/d; /^define('WP_SITEURL'/d" "$config"
printf "define('WP_HOME', '%s');\ndefine('WP_SITEURL', '%s');\n" "$url" "$url" >>"$config"
# FRESH=1: a new install, as if for the first time (record-fixtures.sh uses it, so ids come out the same every time).
# The database, the uploads and the application password go; the configuration and the admin password stay.
if [ "${FRESH:-0}" = 1 ]; then
  say "FRESH=1: emptying the database $database and the uploads"
  mysql -uroot -e "DROP DATABASE IF EXISTS \`$database\`"
  rm -rf /var/lib/wordpress/wp-content/uploads
  rm -f "$app_password_file"
fi
mysql -uroot <<SQL
CREATE DATABASE IF NOT EXISTS \`$database\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '$database'@'localhost' IDENTIFIED BY '$db_password';
ALTER USER '$database'@'localhost' IDENTIFIED BY '$db_password';
GRANT ALL PRIVILEGES ON \`$database\`.* TO '$database'@'localhost';
SQL

# Apache: only this site, only on loopback, with WordPress's rewrite rules in the vhost (no .htaccess).
echo "Listen $host:$port" >/etc/apache2/ports.conf
cat >/etc/apache2/sites-available/byline-test-wordpress.conf <<APACHE
ServerName $host
<VirtualHost $host:$port>
  DocumentRoot /usr/share/wordpress
  DirectoryIndex index.php
  Alias /wp-content /var/lib/wordpress/wp-content
  ErrorLog \${APACHE_LOG_DIR}/byline-test-wordpress.error.log
  CustomLog \${APACHE_LOG_DIR}/byline-test-wordpress.access.log combined
  <Directory /usr/share/wordpress>
    Options FollowSymLinks
    AllowOverride None
    Require all granted
    RewriteEngine On
    RewriteBase /
    RewriteRule ^index\.php$ - [L]
    RewriteCond %{REQUEST_FILENAME} !-f
    RewriteCond %{REQUEST_FILENAME} !-d
    RewriteRule . /index.php [L]
  </Directory>
  <Directory /var/lib/wordpress/wp-content>
    Options FollowSymLinks
    Require all granted
  </Directory>
</VirtualHost>
APACHE
a2enmod -q rewrite >/dev/null
a2dissite -q 000-default >/dev/null 2>&1 || true
a2ensite -q byline-test-wordpress >/dev/null
apache2ctl configtest 2>&1 | grep -v '^Syntax OK$' >&2 || true
# apache2ctl's own output goes to stderr: the URL must stay the last line of stdout.
pid_file=/var/run/apache2/apache2.pid
if [ -s "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
  apache2ctl -k graceful >&2
else
  say "starting Apache"
  rm -f "$pid_file"
  apache2ctl -k start >&2
fi
for _ in $(seq 80); do curl -fso /dev/null "$url/wp-includes/images/blank.gif" && break; sleep 0.25; done

# WordPress itself, then the site description, through WordPress's own PHP functions.
[ -s "$admin_password_file" ] || (umask 077 && random 24 >"$admin_password_file")
WP_HOST="$host:$port" SITE_JSON="$site_json" ADMIN_PASSWORD="$(cat "$admin_password_file")" \
  APP_PASSWORD_FILE="$app_password_file" php -d display_errors=stderr "$dir/load-site.php" >&2
chown -R www-data:www-data /var/lib/wordpress/wp-content/uploads 2>/dev/null || true

status=$(curl -s -o /dev/null -w '%{http_code}' "$url/wp-json/wp/v2/posts?per_page=1")
[ "$status" = 200 ] || die "$url/wp-json/wp/v2/posts answered $status"
say "ready in $((SECONDS - began)) s; REST application password for user admin in $app_password_file"
echo "$url"
