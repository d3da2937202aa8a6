# The rows that are more than "wrk against a URL": status page, SMTP, takeover, scale.
# Each row detects what it needs and records a SKIP line instead of failing.

skip() { printf '%s\t%s\n' "$1" "$2" >>"$BENCH_TMP/skips.tsv"; log "SKIP $1: $2"; }
note() { printf '%s\t%s\n' "$1" "$2" >>"$BENCH_TMP/notes.tsv"; }

# Row 3: StatusSite's rendered page beside nginx serving the same bytes as a file.
status_row() {
  local dll="$ROOT/src/StatusSite/bin/Release/net10.0/StatusSite.dll" port dir pid
  if [ ! -f "$dll" ]; then skip status "StatusSite was not built: not available in this build"; return; fi
  port=$(free_port); dir="$BENCH_TMP/status"; mkdir -p "$dir/data"
  # The dll is what `dotnet run --project src/StatusSite -c Release` runs; started directly so its PID is ours.
  # ASPNETCORE_URLS keeps a program that ignores Status:Listen:Http off its default port 5000.
  start_bg "status site" "$dir/status.log" env Status__Listen__Http="http://127.0.0.1:$port" \
    Status__DataDirectory="$dir/data" ASPNETCORE_URLS="http://127.0.0.1:$port" dotnet "$dll"
  pid=$LAST_PID
  if ! wait_status "http://127.0.0.1:$port/" 200 "$STATUS_WAIT" -H 'Accept: text/html'; then
    stop_pid "$pid"
    skip status "StatusSite does not serve a status page at / yet: not available in this build"
    return
  fi
  curl -s -H 'Accept: text/html' "http://127.0.0.1:$port/" >"$BENCH_TMP/www/status.html"
  note status "status page: $(wc -c <"$BENCH_TMP/www/status.html") bytes, fetched once from StatusSite and served by nginx as a file"
  local r
  warm "http://127.0.0.1:$NGINX_STATUS_PORT/" status.test text/html
  warm "http://127.0.0.1:$port/" status.test text/html
  for r in $(seq "$ROUNDS"); do
    run_wrk status nginx "nginx, file" "$r" "http://127.0.0.1:$NGINX_STATUS_PORT/" status.test text/html "$FRONT_PID"
    run_wrk status statussite "StatusSite" "$r" "http://127.0.0.1:$port/" status.test text/html "$pid"
  done
  stop_pid "$pid"
}

# Row 4: temp-fail SMTP sessions per second, the edge's responder beside Postfix's smtp-sink.
smtp_row() {
  local port sink_port line="" r out
  port=$(free_port)
  if ! curl -sS -f -o /dev/null -XPUT -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
      "http://127.0.0.1:$EDGE_ADMIN_PORT/api/v1/sites/mail" \
      -d "$(site_json mail.test "http://127.0.0.1:$ORIGIN_PORT" auto "SORRY-PAGE mail" ",\"smtp\":{\"listen\":[\"127.0.0.1:$port\"],\"mode\":\"tempfail\",\"deferAt\":\"rcpt\"}")"; then
    skip smtp "the edge refused a site with an smtp section: not available in this build"; return
  fi
  for r in $(seq 30); do
    line=$(timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$port && head -1 <&3" 2>/dev/null || true)
    [ -n "$line" ] && break
    sleep 0.1
  done
  case "$line" in
    220*|421*) ;;
    *) skip smtp "nothing answers SMTP on the site's listener 127.0.0.1:$port: not available in this build"; return ;;
  esac
  sink_port=$(free_port)
  # smtp-sink -r RCPT answers RCPT with a 4xx: the same dialogue from Postfix's own test server.
  start_bg "smtp-sink" "$BENCH_TMP/smtp-sink.log" smtp-sink -u nobody -r RCPT "127.0.0.1:$sink_port" 1024
  local sink_pid=$LAST_PID
  wait_smtp "$sink_port"
  for r in $(seq "$ROUNDS"); do
    for target in "edge:$port:$EDGE_PID" "sink:$sink_port:$sink_pid"; do
      IFS=: read -r key p pid <<<"$target"
      out=$($PROBE smtp --server "127.0.0.1:$p" --concurrency 64 --seconds "$DURATION")
      printf 'smtp\t%s\t%s\t%s\t%s\n' "$key" "$([ "$key" = edge ] && echo "SorryEdge responder" || echo "Postfix smtp-sink -r RCPT")" "$r" "$out" >>"$BENCH_TMP/smtp.tsv"
      log "smtp/$key round $r: $out"
    done
  done
  stop_pid "$sink_pid"
}

wait_smtp() {
  local i
  for i in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done
}

# Row 5: open-loop load through each product while the origin is killed and restarted.
takeover_row() {
  local target name port host before kill_at back_at pid_file
  for target in "SorryEdge:$EDGE_HTTP_PORT:take.test" "HAProxy:$HAPROXY_TAKE_PORT:take.test" "nginx:$NGINX_TAKE_PORT:take.test"; do
    IFS=: read -r name port host <<<"$target"
    # Healthy again before the run: five origin answers in a row.
    local ok=0 i
    for i in $(seq 200); do
      if curl -s --max-time 1 -H "Host: $host" "http://127.0.0.1:$port/" | grep -q ORIGIN-OK; then ok=$((ok + 1)); else ok=0; fi
      (( ok >= 5 )) && break
      sleep 0.1
    done
    local logf="$BENCH_TMP/takeover-$name.log"
    $PROBE rate --url "http://127.0.0.1:$port/" --host "$host" --rate "$TAKEOVER_RATE" --seconds "$TAKEOVER_SECONDS" \
      --out "$logf" >"$BENCH_TMP/takeover-$name.out" 2>&1 &
    local probe=$!
    STARTED_PIDS+=("$probe")
    sleep "$TAKEOVER_KILL_AT"
    kill_at=$(now_ms)
    stop_pid "$TAKE_ORIGIN_PID"
    sleep "$TAKEOVER_DOWN"
    start_nginx "takeover origin" "$BENCH_TMP/take-origin"
    TAKE_ORIGIN_PID=$LAST_PID
    while ! curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$TAKE_ORIGIN_PORT/"; do sleep 0.01; done
    back_at=$(now_ms)
    wait "$probe" || true
    forget_pid "$probe"
    $PROBE takeover --log "$logf" --kill "$kill_at" --back "$back_at" | sed "s/^/$name\t/" >>"$BENCH_TMP/takeover.tsv"
    log "takeover $name: $(grep "^$name" "$BENCH_TMP/takeover.tsv" | cut -f2 | tr '\n' ' ')"
  done
}

# Row 6: a second edge with SCALE_SITES extra sites beside the main edge (few sites), interleaved.
# Sites go in through the admin API for SCALE_API_BUDGET seconds; should the budget run out, the rest is
# copied in SQLite from the first API-made site (same JSON document, new id and hostname). Then the edge
# is restarted with them all (the restart time is a figure of its own) and measured. It is scraped
# like every other edge.
scale_row() {
  local http admin pid out r dir="$BENCH_TMP/edge-scale"
  http=$(free_port); admin=$(free_port)
  start_edge scale "$http" "$admin"
  pid=$LAST_PID
  scrape_add "$admin"
  configure_edge "$admin"
  note scale "rss_before_kb=$(rss_kb "$pid")"
  out=$($PROBE sites --admin "http://127.0.0.1:$admin" --token "$TOKEN" --count "$SCALE_SITES" \
    --origin "http://127.0.0.1:$ORIGIN_PORT" --parallel 16 --interval-ms 60000 --budget-s "$SCALE_API_BUDGET" 2>"$dir/seed-progress.log") || true
  note scale "create: $out ($(tr '\n' ';' <"$dir/seed-progress.log"))"
  log "scale: $out"
  local created
  created=$(sed -n 's/.*created=\([0-9]*\).*/\1/p' <<<"$out")
  note scale "rss_after_create_kb=$(rss_kb "$pid")"
  scrape_remove "$admin"
  stop_pid "$pid"
  if (( ${created:-0} < SCALE_SITES )); then
    command -v sqlite3 >/dev/null || { skip scale "sqlite3 is missing to seed the remaining sites"; return; }
    sqlite3 "$dir/data/edge.db" >/dev/null <<SQL || die "seeding sites into SQLite failed"
.timeout 5000
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $SCALE_SITES - 1)
INSERT OR IGNORE INTO sites (id, config, latched, version, updated_at)
  SELECT printf('s%05d', i), replace(t.config, 's00000', printf('s%05d', i)), 0, 1, t.updated_at FROM n, sites t WHERE t.id = 's00000';
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $SCALE_SITES - 1)
INSERT OR IGNORE INTO site_hosts (hostname, site_id) SELECT printf('s%05d.test', i), printf('s%05d', i) FROM n;
SQL
    note scale "seeded: the API made ${created:-0} sites within ${SCALE_API_BUDGET} s; the other $(( SCALE_SITES - ${created:-0} )) were copied in SQLite and loaded at restart"
  fi
  local restarted_at
  restarted_at=$(date +%s%N)
  if ! EDGE_START_WAIT=300 EDGE_START_OPTIONAL=1 start_edge scale "$http" "$admin"; then
    pid=$LAST_PID
    note scale "failed: restarted with $SCALE_SITES + 3 sites, the edge's admin API did not answer within 300 s (RSS then $(( $(rss_kb "$pid") / 1024 )) MiB; $(grep -c 'destination.down' "$dir/edge.log") destination-down events in its log)"
    stop_pid "$pid"
    return
  fi
  pid=$LAST_PID
  scrape_add "$admin"
  note scale "restart_s=$(awk -v ns=$(( $(date +%s%N) - restarted_at )) 'BEGIN { printf "%.1f", ns / 1e9 }')"
  note scale "sites_loaded=$(curl -s "http://127.0.0.1:$admin/readyz" | sed -n 's/.*"sites":\([0-9]*\).*/\1/p')"
  wait_status "http://127.0.0.1:$http/" 200 180 -H 'Host: bench.test' || log "scale edge does not forward bench.test yet"
  local probe_site
  probe_site=$(printf 's%05d' $(( SCALE_SITES / 2 )))
  out=$($PROBE apply --admin "http://127.0.0.1:$admin" --token "$TOKEN" --site "$probe_site" \
    --url "http://127.0.0.1:$http/" --host "$probe_site.test" | tr '\n' ' ') || true
  note scale "apply: $out"
  log "scale apply: $out"
  note scale "rss_idle_kb=$(rss_kb "$pid")"
  warm "http://127.0.0.1:$http/" bench.test '*/*'
  for r in $(seq "$ROUNDS"); do
    run_wrk scale few "SorryEdge, 3 sites" "$r" "http://127.0.0.1:$EDGE_HTTP_PORT/" bench.test '*/*' "$EDGE_PID"
    run_wrk scale many "SorryEdge, $SCALE_SITES + 3 sites" "$r" "http://127.0.0.1:$http/" bench.test '*/*' "$pid"
  done
  note scale "rss_after_load_kb=$(rss_kb "$pid")"
  note scale "rss_main_edge_after_load_kb=$(rss_kb "$EDGE_PID")"
  scrape_remove "$admin"
  stop_pid "$pid"
}
