# Writes bench/results/report-<date>.md from the run's files and prints it. Sourced by run.sh.

mkdir -p "$ROOT/bench/results"
stamp=$(date -u +%Y-%m-%d-%H%M)
[ "$SMOKE" = 1 ] && stamp="$stamp-smoke"
REPORT="$ROOT/bench/results/report-$stamp.md"
# tk KEY — one takeover figure, per product, as "a · b · c" in SorryEdge, HAProxy, nginx order.
tk() { awk -F'\t' -v k="$1" '{ split($2, kv, "="); if (kv[1] == k) v[$1] = kv[2] } END { printf "%s | %s | %s", v["SorryEdge"], v["HAProxy"], v["nginx"] }' "$BENCH_TMP/takeover.tsv"; }
nt() { awk -F'\t' -v k="$1" '$1 == "scale" && index($2, k "=") == 1 { sub(/^[^=]*=/, "", $2); print $2 }' "$BENCH_TMP/notes.tsv" 2>/dev/null; }

{
  echo "# SorryEdge benchmark — $(date -u '+%Y-%m-%d %H:%M UTC')$([ "$SMOKE" = 1 ] && echo ' (smoke run: numbers meaningless)')"
  echo
  echo "- Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), memory $(free -h | awk '/^Mem:/ {print $2 " total, " $7 " available"}')"
  echo "- Software: $(nginx -v 2>&1 | sed 's/.*version: //'), $(haproxy -v | head -1 | awk '{print "HAProxy " $3}'), $(wrk -v 2>&1 | head -1 | awk '{print $1, $2}'), .NET $(dotnet --version), SorryEdge $(git -C "$ROOT" rev-parse --short HEAD)$([ -n "${BENCH_EDGE_ENV:-}" ] && echo " with $BENCH_EDGE_ENV")"
  echo "- Method: wrk -t1 -c$WRK_CONNECTIONS -d${DURATION}s --latency, $ROUNDS interleaved round(s) per row, medians shown; wrk, proxies and origin share the cores."
  echo "- ${BENCH_LOAD_NOTE:-wrk, the proxies and the origin share 2 cores}: absolute numbers are noisy, **only ratios within this run count**."
  echo "- Each path was warmed up with ${WARMUP} s of the same load before the measured rounds (the edge's JIT tiers up under load)."
  notes_for scrape
  notes_for variants
  echo "- ¹ CPU µs/req: user+system CPU of the process under test (nginx: master and workers) divided by requests served — the origin's share is not included."
  echo
  echo "## 1. Proxy path (same origin)"
  echo
  table proxy nginx haproxy
  echo
  echo "## 2. Sorry path (same $SORRY_BYTES-byte page, status 503)"
  echo
  table sorry nginx haproxy
  echo
  echo "## 3. Status page"
  echo
  if grep -q "^status" "$STATS"; then table status nginx; notes_for status; else skip_line status; fi
  echo
  echo "## 4. SMTP temp-fail (RCPT 451), sessions per second"
  echo
  if [ -s "$BENCH_TMP/smtp.tsv" ]; then
    echo "| responder | each round |"; echo "|---|---|"
    awk -F'\t' '{ r[$2] = r[$2] (r[$2] == "" ? "" : "<br>") $5; l[$2] = $3 } END { for (k in r) print "| " l[k] " | " r[k] " |" }' "$BENCH_TMP/smtp.tsv"
    echo
    echo "Postfix's smtp-source exits at the first rejected recipient, so sessions are driven by bench/LoadProbe (smtp: 64 concurrent closed-loop sessions: greeting, EHLO, MAIL, RCPT, QUIT)."
  else
    skip_line smtp
  fi
  echo
  echo "## 5. Takeover: origin killed and restarted under $TAKEOVER_RATE req/s"
  echo
  if [ -s "$BENCH_TMP/takeover.tsv" ]; then
    echo "Origin (nginx) killed ${TAKEOVER_KILL_AT} s into a ${TAKEOVER_SECONDS} s open-loop run, restarted ${TAKEOVER_DOWN} s later. Failed = neither the origin's page nor the sorry page (errors, 502/504, proxy's own 503). Time to first sorry = kill → first sorry answer received; failback = origin listening again → first origin answer received."
    echo
    echo "| | SorryEdge | HAProxy | nginx |"
    echo "|---|---:|---:|---:|"
    echo "| requests | $(tk requests) |"
    echo "| failed requests | $(tk failed) |"
    echo "| failures by kind | $(tk failed_kinds) |"
    echo "| sorry answers | $(tk sorry) |"
    echo "| time to first sorry (ms) | $(tk first_sorry_ms) |"
    echo "| failback (ms) | $(tk failback_ms) |"
    echo "| last sorry after origin back (ms) | $(tk last_sorry_after_back_ms) |"
    echo "| slowest request (ms) | $(tk max_latency_ms) |"
    echo
    echo "Configs: SorryEdge site health defaults (probe every 1 s, every 250 ms while a backend is down or changing, timeout 500 ms, fall 2, rise 2, failback auto); HAProxy \`check inter 2s fall 3 rise 2\`, \`option httpchk\`, \`retries 3\`, \`option redispatch\`, backup server answering the sorry page; nginx upstream \`max_fails=1 fail_timeout=2s\` + \`backup\` sorry server, \`proxy_next_upstream error timeout\`."
  else
    skip_line takeover
  fi
  echo
  echo "## 6. Scale: $SCALE_SITES extra sites"
  echo
  if awk -F'\t' '$1 == "scale" && $2 ~ /^failed:/' "$BENCH_TMP/notes.tsv" 2>/dev/null | grep -q .; then
    echo "**Not measured:** $(awk -F'\t' '$1 == "scale" && $2 ~ /^failed:/ {sub(/^failed: /, "", $2); print $2}' "$BENCH_TMP/notes.tsv")."
    echo
    echo "- RSS with 3 sites: $(( $(nt rss_before_kb) / 1024 )) MiB"
    echo "- Creating the sites through the admin API (16 in parallel, ${SCALE_API_BUDGET} s budget): $(awk -F'\t' '$1 == "scale" && $2 ~ /^create:/ {sub(/^create: /, "", $2); print $2}' "$BENCH_TMP/notes.tsv")"
  elif grep -q "^scale" "$STATS"; then
    table scale few
    echo
    echo "- RSS: $(( $(nt rss_before_kb) / 1024 )) MiB with 3 sites, $(( $(nt rss_after_create_kb) / 1024 )) MiB once the $SCALE_SITES sites were created, $(( $(nt rss_idle_kb) / 1024 )) MiB restarted with $SCALE_SITES + 3 sites, idle; $(( $(nt rss_after_load_kb) / 1024 )) MiB after the load rounds (main edge after all rows: $(( RSS_MAIN_KB / 1024 )) MiB)"
    echo "- Creating the sites through the admin API (16 in parallel, ${SCALE_API_BUDGET} s budget): $(awk -F'\t' '$1 == "scale" && $2 ~ /^create:/ {sub(/^create: /, "", $2); print $2}' "$BENCH_TMP/notes.tsv")"
    awk -F'\t' '$1 == "scale" && $2 ~ /^seeded:/ {sub(/^seeded: /, "", $2); print "- Seeding: " $2}' "$BENCH_TMP/notes.tsv"
    echo "- Sites loaded by the scale edge (/readyz): $(nt sites_loaded); restart with them until the admin API answered: $(nt restart_s) s"
    echo "- Apply a change (PUT mode, then poll the data plane back to back): $(awk -F'\t' '$1 == "scale" && $2 ~ /^apply:/ {sub(/^apply: /, "", $2); print $2}' "$BENCH_TMP/notes.tsv")"
    echo "- Each extra site has one backend (the origin) and a 60 s probe interval (~170 probes/s on average, first rounds spread over the interval, at most 128 probes in flight)."
  else
    skip_line scale
  fi
  echo
  echo "## Targets"
  echo
  # Issue 13's targets (this round); issue 7's were 1.0× nginx on the proxy path and 1.0× HAProxy on the sorry path.
  verdict "proxy path ≥ 0.70× nginx req/s" "$(ratio "$(med_field proxy edge 3)" "$(med_field proxy nginx 3)")" 0.70
  verdict "proxy path p99 no worse than nginx (nginx p99 / edge p99)" "$(ratio "$(med_field proxy nginx 6)" "$(med_field proxy edge 6)")" 1
  verdict "sorry path ≥ 1.0× nginx req/s" "$(ratio "$(med_field sorry edge 3)" "$(med_field sorry nginx 3)")" 1
  verdict "sorry path ≥ 0.8× HAProxy req/s" "$(ratio "$(med_field sorry edge 3)" "$(med_field sorry haproxy 3)")" 0.8
  verdict "sorry path p99 no worse than HAProxy (HAProxy p99 / edge p99)" "$(ratio "$(med_field sorry haproxy 6)" "$(med_field sorry edge 6)")" 1
  if grep -q "^status" "$STATS"; then
    verdict "status page ≥ 1.0× nginx file" "$(ratio "$(med_field status statussite 3)" "$(med_field status nginx 3)")" 1
  else echo "- status page: not measured (skipped)"; fi
  if [ -s "$BENCH_TMP/smtp.tsv" ]; then
    verdict "SMTP temp-fail ≥ 10,000 sessions/s" "$(awk -F'\t' '$2 == "edge" { split($5, a, " "); split(a[2], b, "="); print b[2] }' "$BENCH_TMP/smtp.tsv" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')" 10000
  else echo "- SMTP temp-fail: not measured (skipped)"; fi
  if [ -s "$BENCH_TMP/takeover.tsv" ]; then
    echo "- takeover: $(tk failed | cut -d'|' -f1 | tr -d ' ') failed requests (target 0), failback $(tk failback_ms | cut -d'|' -f1 | tr -d ' ') ms (target ≤ 1000)"
  fi
  if grep -q "^scale" "$STATS"; then
    echo "- $SCALE_SITES sites: RSS $(( $(nt rss_after_load_kb) / 1024 )) MiB (target ≤ 150), a mode switch applied $(awk -F'\t' '$1 == "scale" && $2 ~ /^apply:/ { put = $2; sub(/.*maintenance_put_ms=/, "", put); sub(/ .*/, "", put); applied = $2; sub(/.*maintenance_applied_ms=/, "", applied); sub(/ .*/, "", applied); printf "%.1f ms", applied - put }' "$BENCH_TMP/notes.tsv") after its 2xx (target ≤ 100 ms), created through the API in $(awk -F'\t' '$1 == "scale" && $2 ~ /^create:/' "$BENCH_TMP/notes.tsv" | grep -o 'seconds=[0-9.]*' | head -1) (target ≤ 60 s), req/s $(ratio "$(med_field scale many 3)" "$(med_field scale few 3)")× the few-sites case (target ≥ 0.95)"
  fi
  echo
  echo "Rerun: \`bench/run.sh\` (full, ~20 min) or \`bench/run.sh --smoke\` (about a minute). Raw wrk rounds are in the table's \"each round\" column."
} >"$REPORT"
cat "$REPORT"
log "report written to $REPORT"
