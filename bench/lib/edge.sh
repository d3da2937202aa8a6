# Starting SorryEdge instances and configuring sites through the admin API.

EDGE_DLL="$ROOT/src/SorryEdge/bin/Release/net10.0/SorryEdge.dll"
TOKEN="bench-token-$(date +%s)-$RANDOM$RANDOM"

# start_edge NAME HTTP_PORT ADMIN_PORT [VAR=VALUE...] — own data directory; PID in LAST_PID. The
# socket setting is the deployed one (deploy/ansible edge.env); a VAR=VALUE given here overrides it.
start_edge() {
  local name=$1 http=$2 admin=$3; shift 3
  local dir="$BENCH_TMP/edge-$name"
  mkdir -p "$dir"
  start_bg "edge $name" "$dir/edge.log" env \
    Edge__DataDirectory="$dir/data" \
    Edge__Listen__Http="http://127.0.0.1:$http" \
    Edge__Listen__Admin="http://127.0.0.1:$admin" \
    Edge__Admin__BootstrapToken="$TOKEN" \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 \
    "$@" dotnet "$EDGE_DLL"
  if ! wait_http "http://127.0.0.1:$admin/healthz" "${EDGE_START_WAIT:-60}"; then
    [ "${EDGE_START_OPTIONAL:-0}" = 1 ] && return 1
    tail -20 "$dir/edge.log" >&2; die "edge $name did not start"
  fi
}

# put_site ADMIN_PORT ID JSON — creates or replaces a site; fails loudly on a refusal.
put_site() {
  curl -sS -f -o /dev/null -XPUT -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    "http://127.0.0.1:$1/api/v1/sites/$2" -d "$3" || die "PUT site $2 was refused"
}

# site_json HOST ORIGIN_URL MODE MESSAGE [EXTRA_JSON] — the bench's site shape (health as the defaults).
site_json() {
  printf '{"hostnames":["%s"],"backends":[{"url":"%s"}],"health":{"path":"/","intervalMs":1000,"timeoutMs":500,"rise":2,"fall":2},"mode":"%s","action":"sorry","failback":"auto","message":"%s"%s}' \
    "$1" "$2" "$3" "$4" "${5:-}"
}

# configure_edge ADMIN_PORT — the sites every edge instance of the run has.
configure_edge() {
  local admin=$1
  put_site "$admin" bench "$(site_json bench.test "http://127.0.0.1:$ORIGIN_PORT" auto "bench")"
  put_site "$admin" sorry "$(sorry_site_json)"
  put_site "$admin" take "$(site_json take.test "http://127.0.0.1:$TAKE_ORIGIN_PORT" auto "SORRY-PAGE take")"
}

# make_sorry_page EDGE_HTTP EDGE_ADMIN — sizes the sorry message so the edge's HTML page is ~4 KiB,
# and writes those exact bytes to www/sorry.html for nginx and HAProxy.
make_sorry_page() {
  local http=$1 admin=$2 base size pad
  SORRY_MESSAGE="SORRY-PAGE bench is down for maintenance."
  put_site "$admin" sorry "$(site_json sorry.test "http://127.0.0.1:$ORIGIN_PORT" maintenance "$SORRY_MESSAGE")"
  wait_status "http://127.0.0.1:$http/" 503 10 -H 'Host: sorry.test' || die "the edge does not answer for sorry.test"
  base=$(curl -s -H 'Host: sorry.test' -H 'Accept: text/html' "http://127.0.0.1:$http/" | wc -c)
  pad=$(( 4096 - base ))
  # The message is capped at 2000 characters; the site name (shown twice) makes up the rest.
  local filler msg_pad name_pad
  filler=$(printf "We are upgrading the shop and will be back shortly. %.0s" $(seq 100))
  msg_pad=$(( pad > 1950 ? 1950 : (pad > 0 ? pad : 0) ))
  name_pad=$(( (pad - msg_pad) / 2 ))
  (( name_pad < 190 )) || name_pad=190
  SORRY_MESSAGE="$SORRY_MESSAGE ${filler:0:$msg_pad}"
  SORRY_NAME="Bench shop${filler:0:$name_pad}"
  put_site "$admin" sorry "$(sorry_site_json)"
  local i
  for i in $(seq 50); do
    curl -s -H "Host: sorry.test" -H "Accept: text/html" "http://127.0.0.1:$http/" >"$BENCH_TMP/www/sorry.html"
    size=$(wc -c <"$BENCH_TMP/www/sorry.html")
    (( size > base )) && break
    sleep 0.1
  done
  log "sorry page: $size bytes"
  SORRY_BYTES=$size
}

sorry_site_json() {
  site_json sorry.test "http://127.0.0.1:$ORIGIN_PORT" maintenance "$SORRY_MESSAGE" ",\"name\":\"${SORRY_NAME:-Bench shop}\""
}

# start_scraper — GETs /metrics every second on each edge listed in $BENCH_TMP/scrape-ports (one
# admin port per line; scrape_add/scrape_remove as edges start and stop), as Prometheus does in
# production (a scrape switches on collectors that can cost every later request), until the run ends.
start_scraper() {
  touch "$BENCH_TMP/scrape-ports"
  # shellcheck disable=SC2016
  start_bg "metrics scraper" "$BENCH_TMP/scrape.log" bash -c '
    while true; do
      for p in $(cat "'"$BENCH_TMP"'/scrape-ports"); do
        curl -s -o /dev/null -w "%{http_code}\n" -H "Authorization: Bearer '"$TOKEN"'" "http://127.0.0.1:$p/metrics" || true
      done
      sleep 1
    done'
}

scrape_add() { echo "$1" >>"$BENCH_TMP/scrape-ports"; }

scrape_remove() { grep -vx "$1" "$BENCH_TMP/scrape-ports" >"$BENCH_TMP/scrape-ports.new" || true; mv "$BENCH_TMP/scrape-ports.new" "$BENCH_TMP/scrape-ports"; }
