#!/usr/bin/env bash
# Two Byline servers on one PostgreSQL database behind Varnish, on this machine, in the foreground:
#
#   DATABASE_URL=postgres://byline:secret@127.0.0.1:5432/byline ADMIN_TOKEN=... deploy/run-cluster.sh
#
# then read at http://127.0.0.1:8080/. Ctrl-C stops everything (the servers drain for SHUTDOWN_DRAIN_MS first;
# Ctrl-C again to skip). Run it from the repository, with Varnish and varnish-modules installed
# (apt-get install varnish varnish-modules) and the PostgreSQL database created (createdb byline).
#
# Settings (environment variables):
#   DATABASE_URL     required: the PostgreSQL database both servers share (the first start migrates it and loads
#                    the content).
#   BYLINE_PORTS     the servers' ports on 127.0.0.1, space-separated (default "3001 3002"); becomes
#                    BYLINE_BACKENDS for npm run vcl:render.
#   VARNISH_LISTEN   where readers connect (default 127.0.0.1:8080). PURGE is accepted from loopback only.
#   VARNISH_STORAGE  varnishd -s (default malloc,256m).
#   PUBLIC_ORIGIN    the origin readers use (default http://$VARNISH_LISTEN); every absolute URL is made from it.
#   RUN_DIR          the rendered VCL, Varnish's working directory and the logs (default /tmp/byline-cluster).
#   Anything else Byline reads (ADMIN_TOKEN, CONTENT_DIR, SHUTDOWN_DRAIN_MS, ...) is passed to both servers.
# Each server runs with TRUST_PROXY=1 and CDN_PURGE_URL pointing at this Varnish, so changes purge its cache.
set -euo pipefail

cd "$(dirname "$0")/.."
: "${DATABASE_URL:?set DATABASE_URL to the PostgreSQL database both servers share, e.g. postgres://byline:secret@127.0.0.1:5432/byline}"
BYLINE_PORTS=${BYLINE_PORTS:-"3001 3002"}
VARNISH_LISTEN=${VARNISH_LISTEN:-127.0.0.1:8080}
VARNISH_STORAGE=${VARNISH_STORAGE:-malloc,256m}
RUN_DIR=${RUN_DIR:-/tmp/byline-cluster}
export DATABASE_URL PUBLIC_ORIGIN="${PUBLIC_ORIGIN:-http://$VARNISH_LISTEN}"

command -v varnishd >/dev/null || { echo "error: varnishd not found (apt-get install varnish varnish-modules)" >&2; exit 1; }
mkdir -p "$RUN_DIR/vcl" "$RUN_DIR/logs"
# varnishd started as root reads the VCL as its own unprivileged user.
chmod 755 "$RUN_DIR" "$RUN_DIR/vcl"

# The children run in sessions of their own (setsid), so a Ctrl-C reaches only this script, which stops them in
# order: one SIGTERM each (the servers drain), and a second Ctrl-C sends another (they skip the drain).
pids=()
stop_all() {
  trap - INT TERM EXIT
  echo "run-cluster: stopping (servers drain first; Ctrl-C again to skip)"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  trap 'for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done' INT
  for pid in "${pids[@]}"; do
    while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  done
}
trap stop_all INT TERM EXIT

wait_ready() { # url log name
  for _ in $(seq 1 240); do
    if curl -fs -o /dev/null "$1"; then return 0; fi
    if ! kill -0 "${pids[-1]}" 2>/dev/null; then
      echo "error: $3 exited; its log ($2):" >&2
      tail -n 30 "$2" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "error: $3 not ready at $1 after 120 s; see $2" >&2
  exit 1
}

backends=()
# One after the other: the first builds the app if it changed (npm start does) and loads the content.
for port in $BYLINE_PORTS; do
  log="$RUN_DIR/logs/byline-$port.log"
  PORT=$port HOST=127.0.0.1 TRUST_PROXY=1 CDN_PURGE_URL="http://$VARNISH_LISTEN/" \
    setsid node --import tsx scripts/start.ts >"$log" 2>&1 &
  pids+=($!)
  wait_ready "http://127.0.0.1:$port/readyz" "$log" "Byline on port $port"
  echo "run-cluster: Byline ready on 127.0.0.1:$port (log: $log)"
  backends+=("127.0.0.1:$port")
done

BYLINE_BACKENDS=$(IFS=,; echo "${backends[*]}") npx tsx scripts/render-vcl.ts "$RUN_DIR/vcl"
setsid varnishd -F -n "$RUN_DIR/varnish" -a "$VARNISH_LISTEN" -f "$RUN_DIR/vcl/byline.vcl" -s "$VARNISH_STORAGE" \
  >"$RUN_DIR/logs/varnish.log" 2>&1 &
varnish=$!
pids+=("$varnish")
wait_ready "http://$VARNISH_LISTEN/readyz" "$RUN_DIR/logs/varnish.log" "Varnish"
echo "run-cluster: readers at http://$VARNISH_LISTEN/ (Varnish log: $RUN_DIR/logs/varnish.log; varnishlog -n $RUN_DIR/varnish)"
echo "run-cluster: Ctrl-C to stop"
# A server that stops is Varnish's to route around (try it: kill one); only Varnish stopping ends the run.
wait "$varnish" || true
echo "run-cluster: Varnish exited (see $RUN_DIR/logs/varnish.log); stopping the servers" >&2
