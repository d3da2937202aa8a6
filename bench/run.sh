#!/usr/bin/env bash
# SorryEdge beside nginx and HAProxy on this machine (issue 7). One command:
#   bench/run.sh            full run: 3 interleaved rounds of wrk -t1 -c64 -d10s per path, all six rows
#   bench/run.sh --smoke    CI-sized: 1 round of 1 s, takeover and scale shrunk to seconds
# Options: --rounds N  --duration SECONDS  --warmup SECONDS  --no-takeover  --no-scale  --scale-sites N
# Environment: BENCH_EDGE_ENV="VAR=value ..." extra environment for the edge under test;
#              BENCH_EDGE_VARIANTS="name|VAR=value ...;name2|..." extra edge instances measured in the
#              proxy and sorry rows, interleaved with the main one (A/B of runtime knobs in one run);
#              SKIP_INSTALL=1 to leave apt alone.
# Everything listens on 127.0.0.1; every process started here is stopped by PID on exit.
# Writes bench/results/report-<date>.md and prints it.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

ROUNDS=3 DURATION=10 WARMUP=20 WRK_CONNECTIONS=64 SMOKE=0 DO_TAKEOVER=1 DO_SCALE=1 SCALE_SITES=10000
TAKEOVER_RATE=50 TAKEOVER_KILL_AT=5 TAKEOVER_DOWN=10 TAKEOVER_SECONDS=30 STATUS_WAIT=30 SCALE_API_BUDGET=300
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) SMOKE=1 ROUNDS=1 DURATION=1 WARMUP=1 SCALE_SITES=300 SCALE_API_BUDGET=4 TAKEOVER_RATE=25 TAKEOVER_KILL_AT=2 TAKEOVER_DOWN=4 TAKEOVER_SECONDS=10 STATUS_WAIT=10 ;;
    --rounds) ROUNDS=$2; shift ;;
    --duration) DURATION=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --no-takeover) DO_TAKEOVER=0 ;;
    --no-scale) DO_SCALE=0 ;;
    --scale-sites) SCALE_SITES=$2; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

BENCH_TMP=$(mktemp -d /tmp/sorryedge-bench.XXXXXX)
chmod 755 "$BENCH_TMP"   # nginx workers run as nobody when started by root
STATS="$BENCH_TMP/stats.tsv"
: >"$STATS"
source "$ROOT/bench/lib/common.sh"
source "$ROOT/bench/lib/configs.sh"
source "$ROOT/bench/lib/edge.sh"
source "$ROOT/bench/lib/rows.sh"
source "$ROOT/bench/lib/report.sh"

stop_all_on_exit

# --- tools -------------------------------------------------------------------------------
need=()
command -v nginx >/dev/null || need+=(nginx)
command -v haproxy >/dev/null || need+=(haproxy)
command -v wrk >/dev/null || need+=(wrk)
command -v sqlite3 >/dev/null || need+=(sqlite3)
{ command -v smtp-sink >/dev/null || [ -x /usr/sbin/smtp-sink ]; } || need+=(postfix)
if [ ${#need[@]} -gt 0 ] && [ "${SKIP_INSTALL:-0}" != 1 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  log "installing ${need[*]}"
  $sudo apt-get update -qq
  echo "postfix postfix/main_mailer_type select No configuration" | $sudo debconf-set-selections
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
export PATH="$PATH:/usr/sbin:/sbin"
for tool in nginx haproxy wrk curl dotnet; do command -v "$tool" >/dev/null || die "$tool is missing"; done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log "building Release"
dotnet build src/SorryEdge -c Release -nologo -v q >"$BENCH_TMP/build.log" 2>&1 || { tail -30 "$BENCH_TMP/build.log"; die "edge build failed"; }
dotnet build bench/LoadProbe -c Release -nologo -v q >>"$BENCH_TMP/build.log" 2>&1 || { tail -30 "$BENCH_TMP/build.log"; die "LoadProbe build failed"; }
if [ -f src/StatusSite/StatusSite.csproj ]; then
  dotnet build src/StatusSite -c Release -nologo -v q >>"$BENCH_TMP/build.log" 2>&1 || log "StatusSite build failed; its row will be skipped"
fi
PROBE="dotnet $ROOT/bench/LoadProbe/bin/Release/net10.0/LoadProbe.dll"

# --- processes ---------------------------------------------------------------------------
mkdir -p "$BENCH_TMP/www"
{ echo "<!doctype html><title>origin</title><p>ORIGIN-OK</p>"; head -c 2000 /dev/zero | tr '\0' 'o'; } | head -c 1024 >"$BENCH_TMP/www/origin.html"
ORIGIN_PORT=$(free_port) TAKE_ORIGIN_PORT=$(free_port)
EDGE_HTTP_PORT=$(free_port) EDGE_ADMIN_PORT=$(free_port)
NGINX_PROXY_PORT=$(free_port) NGINX_SORRY_PORT=$(free_port) NGINX_STATUS_PORT=$(free_port) NGINX_TAKE_PORT=$(free_port)
HAPROXY_PROXY_PORT=$(free_port) HAPROXY_SORRY_PORT=$(free_port) HAPROXY_TAKE_PORT=$(free_port)

write_origin_conf "$BENCH_TMP/origin" "$ORIGIN_PORT"
start_nginx "origin nginx" "$BENCH_TMP/origin"; ORIGIN_PID=$LAST_PID
write_origin_conf "$BENCH_TMP/take-origin" "$TAKE_ORIGIN_PORT"
start_nginx "takeover origin" "$BENCH_TMP/take-origin"; TAKE_ORIGIN_PID=$LAST_PID
wait_http "http://127.0.0.1:$ORIGIN_PORT/" 10 || die "origin did not start"

# shellcheck disable=SC2086  # BENCH_EDGE_ENV is a list of VAR=value words
start_edge main "$EDGE_HTTP_PORT" "$EDGE_ADMIN_PORT" ${BENCH_EDGE_ENV:-}; EDGE_PID=$LAST_PID
make_sorry_page "$EDGE_HTTP_PORT" "$EDGE_ADMIN_PORT"
configure_edge "$EDGE_ADMIN_PORT"
VARIANT_NAMES=() VARIANT_PORTS=() VARIANT_PIDS=() VARIANT_ADMIN_PORTS=()
if [ -n "${BENCH_EDGE_VARIANTS:-}" ]; then
  IFS=';' read -r -a variant_specs <<<"$BENCH_EDGE_VARIANTS"
  for spec in "${variant_specs[@]}"; do
    vname=${spec%%|*} venv=${spec#*|} vhttp=$(free_port) vadmin=$(free_port)
    # shellcheck disable=SC2086
    start_edge "v-$vname" "$vhttp" "$vadmin" $venv
    configure_edge "$vadmin"
    VARIANT_NAMES+=("$vname") VARIANT_PORTS+=("$vhttp") VARIANT_PIDS+=("$LAST_PID") VARIANT_ADMIN_PORTS+=("$vadmin")
    note variants "SorryEdge [$vname] = the same build with $venv"
  done
fi

write_front_conf "$BENCH_TMP/front"
start_nginx "nginx" "$BENCH_TMP/front"; FRONT_PID=$LAST_PID
write_haproxy_conf "$BENCH_TMP/haproxy.cfg"
haproxy -c -q -f "$BENCH_TMP/haproxy.cfg" || die "haproxy config is invalid"
start_bg haproxy "$BENCH_TMP/haproxy.log" haproxy -db -f "$BENCH_TMP/haproxy.cfg"; HAPROXY_PID=$LAST_PID
wait_http "http://127.0.0.1:$NGINX_PROXY_PORT/" 10 && wait_http "http://127.0.0.1:$HAPROXY_PROXY_PORT/" 10 || die "front ends did not start"
wait_status "http://127.0.0.1:$EDGE_HTTP_PORT/" 200 20 -H 'Host: bench.test' || die "the edge does not forward bench.test"

# Same bytes on every sorry path, or the comparison is void.
for u in "$NGINX_SORRY_PORT" "$HAPROXY_SORRY_PORT" "$EDGE_HTTP_PORT"; do
  curl -s -H 'Host: sorry.test' -H 'Accept: text/html' "http://127.0.0.1:$u/" | sha256sum | cut -c1-16
done | sort -u | wc -l | grep -qx 1 || die "the three sorry answers differ"

# Every edge of the run is scraped from here on, every second, as operators run it (issue 13).
start_scraper
for p in "$EDGE_ADMIN_PORT" "${VARIANT_ADMIN_PORTS[@]}"; do scrape_add "$p"; done
curl -s -f -o /dev/null -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$EDGE_ADMIN_PORT/metrics" || die "the edge's /metrics cannot be scraped"
note scrape "/metrics of every SorryEdge instance scraped every second during every row"

# --- rows --------------------------------------------------------------------------------
# Warm-up: .NET tiers its code up during the first tens of seconds of load (the profile showed the
# tiered-compilation thread taking ~28 % of the edge's CPU 20 s in); every path gets the same warm-up.
log "warm-up: ${WARMUP} s per path"
warm "http://127.0.0.1:$ORIGIN_PORT/" bench.test '*/*'
warm "http://127.0.0.1:$NGINX_PROXY_PORT/" bench.test '*/*'
warm "http://127.0.0.1:$HAPROXY_PROXY_PORT/" bench.test '*/*'
warm "http://127.0.0.1:$EDGE_HTTP_PORT/" bench.test '*/*'
warm "http://127.0.0.1:$NGINX_SORRY_PORT/" sorry.test text/html
warm "http://127.0.0.1:$HAPROXY_SORRY_PORT/" sorry.test text/html
warm "http://127.0.0.1:$EDGE_HTTP_PORT/" sorry.test text/html
for i in "${!VARIANT_NAMES[@]}"; do
  warm "http://127.0.0.1:${VARIANT_PORTS[$i]}/" bench.test '*/*'
  warm "http://127.0.0.1:${VARIANT_PORTS[$i]}/" sorry.test text/html
done
for r in $(seq "$ROUNDS"); do
  run_wrk proxy origin "origin direct (nginx static 1 KiB)" "$r" "http://127.0.0.1:$ORIGIN_PORT/" bench.test '*/*' "$ORIGIN_PID"
  run_wrk proxy nginx "nginx proxy (keepalive upstream)" "$r" "http://127.0.0.1:$NGINX_PROXY_PORT/" bench.test '*/*' "$FRONT_PID"
  run_wrk proxy haproxy "HAProxy proxy (http-reuse always)" "$r" "http://127.0.0.1:$HAPROXY_PROXY_PORT/" bench.test '*/*' "$HAPROXY_PID"
  run_wrk proxy edge "SorryEdge" "$r" "http://127.0.0.1:$EDGE_HTTP_PORT/" bench.test '*/*' "$EDGE_PID"
  for i in "${!VARIANT_NAMES[@]}"; do
    run_wrk proxy "edge-${VARIANT_NAMES[$i]}" "SorryEdge [${VARIANT_NAMES[$i]}]" "$r" "http://127.0.0.1:${VARIANT_PORTS[$i]}/" bench.test '*/*' "${VARIANT_PIDS[$i]}"
  done
done
for r in $(seq "$ROUNDS"); do
  run_wrk sorry nginx "nginx return 503 + error_page" "$r" "http://127.0.0.1:$NGINX_SORRY_PORT/" sorry.test text/html "$FRONT_PID"
  run_wrk sorry haproxy "HAProxy http-request return" "$r" "http://127.0.0.1:$HAPROXY_SORRY_PORT/" sorry.test text/html "$HAPROXY_PID"
  run_wrk sorry edge "SorryEdge, site in maintenance" "$r" "http://127.0.0.1:$EDGE_HTTP_PORT/" sorry.test text/html "$EDGE_PID"
  for i in "${!VARIANT_NAMES[@]}"; do
    run_wrk sorry "edge-${VARIANT_NAMES[$i]}" "SorryEdge [${VARIANT_NAMES[$i]}]" "$r" "http://127.0.0.1:${VARIANT_PORTS[$i]}/" sorry.test text/html "${VARIANT_PIDS[$i]}"
  done
done
for i in "${!VARIANT_NAMES[@]}"; do
  note variants "RSS of SorryEdge [${VARIANT_NAMES[$i]}] after its rounds: $(( $(rss_kb "${VARIANT_PIDS[$i]}") / 1024 )) MiB (main edge: $(( $(rss_kb "$EDGE_PID") / 1024 )) MiB)"
  scrape_remove "${VARIANT_ADMIN_PORTS[$i]}"
  stop_pid "${VARIANT_PIDS[$i]}"
done
status_row
smtp_row
if [ "$DO_TAKEOVER" = 1 ]; then takeover_row; else skip takeover "left out by --no-takeover"; fi
if [ "$DO_SCALE" = 1 ]; then scale_row; else skip scale "left out by --no-scale"; fi
RSS_MAIN_KB=$(rss_kb "$EDGE_PID")
note scrape "scrapes answered: $(sort "$BENCH_TMP/scrape.log" | uniq -c | awk '{printf "%s%s× HTTP %s", (NR > 1 ? ", " : ""), $1, $2}')"

stop_all
source "$ROOT/bench/lib/write-report.sh"
