# Shared helpers for bench/run.sh: ports, processes started and stopped by PID, wrk runs, stats.
# Sourced, not run. Expects BENCH_TMP, PROBE (LoadProbe command), STATS (TSV file).

STARTED_PIDS=()
USED_PORTS=" "

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
now_ms() { date +%s%3N; }

# A free 127.0.0.1 port below the ephemeral range, never handed out twice in one run.
free_port() {
  local p
  while true; do
    p=$(( 20000 + RANDOM % 12000 ))
    case "$USED_PORTS" in *" $p "*) continue ;; esac
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      USED_PORTS="$USED_PORTS$p "
      echo "$p"; return
    fi
  done
}

# start_bg NAME LOGFILE CMD... — runs CMD in the background, remembers its PID in LAST_PID (no subshell).
start_bg() {
  local name=$1 logfile=$2; shift 2
  "$@" >"$logfile" 2>&1 &
  LAST_PID=$!
  STARTED_PIDS+=("$LAST_PID")
  log "started $name (pid $LAST_PID)"
}

# stop_pid PID — TERM, wait up to 10 s, then KILL. Only ever PIDs this script started.
stop_pid() {
  local pid=$1 i
  kill -0 "$pid" 2>/dev/null || { forget_pid "$pid"; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  forget_pid "$pid"
}

# forget_pid PID — a stopped PID may be reused by the system: never signal it again.
forget_pid() {
  local keep=() p
  for p in "${STARTED_PIDS[@]}"; do [ "$p" = "$1" ] || keep+=("$p"); done
  STARTED_PIDS=("${keep[@]}")
}

stop_all() {
  local i
  for (( i=${#STARTED_PIDS[@]}-1; i>=0; i-- )); do stop_pid "${STARTED_PIDS[$i]}"; done
  STARTED_PIDS=()
}

# wait_http URL [SECONDS] [CURL-ARGS...] — until the URL answers at all (any status).
wait_http() {
  local url=$1 secs=${2:-30}; shift 2 || shift $#
  local deadline=$(( $(date +%s) + secs ))
  while (( $(date +%s) < deadline )); do
    curl -s -o /dev/null --max-time 1 "$@" "$url" && return 0
    sleep 0.1
  done
  return 1
}

# wait_status URL STATUS SECONDS [CURL-ARGS...] — until the URL answers with STATUS.
wait_status() {
  local url=$1 want=$2 secs=$3; shift 3
  local deadline=$(( $(date +%s) + secs )) got
  while (( $(date +%s) < deadline )); do
    got=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "$@" "$url" || true)
    [ "$got" = "$want" ] && return 0
    sleep 0.1
  done
  return 1
}

# CPU ticks (user+system) of a process and its direct children (nginx workers).
cpu_ticks() {
  local total=0 pid t
  for pid in "$@"; do
    for t in "$pid" $(cat /proc/"$pid"/task/*/children 2>/dev/null); do
      [ -r "/proc/$t/stat" ] || continue
      total=$(( total + $(sed 's/^.*) //' "/proc/$t/stat" | awk '{print $12 + $13}') ))
    done
  done
  echo "$total"
}

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }

# lua_for HOST ACCEPT — a wrk script that sets the Host and Accept headers.
lua_for() {
  local f="$BENCH_TMP/wrk-$1-${2//\//_}.lua"
  [ -f "$f" ] || printf 'wrk.headers["Host"] = "%s"\nwrk.headers["Accept"] = "%s"\n' "$1" "$2" >"$f"
  echo "$f"
}

# warm URL HOST ACCEPT — an unrecorded wrk run of WARMUP seconds.
warm() {
  wrk -t1 -c"$WRK_CONNECTIONS" -d"${WARMUP}s" -s "$(lua_for "$2" "$3")" "$1" >/dev/null 2>&1 || true
}

# run_wrk SECTION KEY LABEL ROUND URL HOST ACCEPT PID... — one wrk run, one line in $STATS.
run_wrk() {
  local section=$1 key=$2 label=$3 round=$4 url=$5 host=$6 accept=$7; shift 7
  local out="$BENCH_TMP/wrk/$section-$key-$round.txt" before after
  mkdir -p "$BENCH_TMP/wrk"
  before=$(cpu_ticks "$@")
  wrk -t1 -c"$WRK_CONNECTIONS" -d"${DURATION}s" --latency -s "$(lua_for "$host" "$accept")" "$url" >"$out" 2>&1 || true
  after=$(cpu_ticks "$@")
  awk -v s="$section" -v k="$key" -v l="$label" -v r="$round" -v ticks=$(( after - before )) -v hz="$(getconf CLK_TCK)" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /m$/) return v * 60000; if (v ~ /s$/) return v * 1000; return v }
    /^Requests\/sec:/ { rps = $2 }
    /^ +50%/ { p50 = ms($2) }
    /^ +99%/ { p99 = ms($2) }
    /requests in/ { n = $1 }
    /Socket errors/ { err = $0; sub(/.*Socket errors: /, "", err); gsub(/ /, "", err) }
    /Non-2xx or 3xx/ { non = $NF }
    END {
      cpu = (n > 0) ? ticks * 1000000 / hz / n : 0
      printf "%s\t%s\t%s\t%s\t%.0f\t%.3f\t%.3f\t%.1f\t%s\t%s\n", s, k, l, r, rps, p50, p99, cpu, (err == "" ? "-" : err), (non == "" ? 0 : non)
    }' "$out" >>"$STATS"
  log "$section/$key round $round: $(tail -1 "$STATS" | cut -f5) req/s"
}

# stop_all_on_exit — every process started here is stopped when the script ends; BENCH_TMP is kept
# (with its logs) only when the script failed.
stop_all_on_exit() {
  _bench_cleanup() {
    local status=$?
    stop_all
    if [ "$status" -ne 0 ]; then log "failed; logs kept in $BENCH_TMP"; else rm -rf "$BENCH_TMP"; fi
  }
  trap _bench_cleanup EXIT
  trap 'exit 130' INT TERM
}
