#!/usr/bin/env bash
# The cluster row (issue 12): a real 3-member etcd and three edges on loopback, as operators run
# them (/metrics scraped every second on every edge).
#   bench/cluster.sh              200 switches; then 10,000 sites followed by an empty fourth edge
#   bench/cluster.sh --smoke      20 switches, 300 sites (a check, not a figure)
# Options: --switches N  --sites N
# Measures: a mode switch made on edge1 until all three edges serve it (p50, p99, max), and the time
# an empty node takes from start until it serves every site (created through the admin API).
# Writes bench/results/cluster-<date>.md and prints it. Everything is stopped by PID on exit.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
SWITCHES=200 SITES=10000 SMOKE=0
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) SMOKE=1 SWITCHES=20 SITES=300 ;;
    --switches) SWITCHES=$2; shift ;;
    --sites) SITES=$2; shift ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

BENCH_TMP=$(mktemp -d /tmp/sorryedge-cluster-bench.XXXXXX)
source "$ROOT/bench/lib/common.sh"
source "$ROOT/bench/lib/edge.sh"
stop_all_on_exit

command -v etcd >/dev/null || die "etcd is not installed (scripts/install-test-deps.sh installs etcd-server)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
log "building (Release)"
dotnet build SorryEdge.sln -c Release -nologo -v q -clp:ErrorsOnly >"$BENCH_TMP/build.log" 2>&1 || { tail -30 "$BENCH_TMP/build.log"; die "build failed"; }
dotnet build bench/LoadProbe -c Release -nologo -v q >>"$BENCH_TMP/build.log" 2>&1 || { tail -30 "$BENCH_TMP/build.log"; die "LoadProbe build failed"; }
PROBE="dotnet $ROOT/bench/LoadProbe/bin/Release/net10.0/LoadProbe.dll"

# --- etcd: three members -----------------------------------------------------------------
peers=() clients=()
for i in 1 2 3; do clients+=("$(free_port)"); peers+=("$(free_port)"); done
initial=""
for i in 0 1 2; do initial+="${initial:+,}m$((i+1))=http://127.0.0.1:${peers[$i]}"; done
for i in 0 1 2; do
  start_bg "etcd m$((i+1))" "$BENCH_TMP/etcd-m$((i+1)).log" etcd --name "m$((i+1))" --data-dir "$BENCH_TMP/etcd-m$((i+1))" \
    --listen-client-urls "http://127.0.0.1:${clients[$i]}" --advertise-client-urls "http://127.0.0.1:${clients[$i]}" \
    --listen-peer-urls "http://127.0.0.1:${peers[$i]}" --initial-advertise-peer-urls "http://127.0.0.1:${peers[$i]}" \
    --initial-cluster "$initial" --initial-cluster-token sorryedge-bench --initial-cluster-state new \
    --auto-compaction-mode=revision --auto-compaction-retention=100000 --logger zap --log-outputs stderr
done
for i in 0 1 2; do wait_status "http://127.0.0.1:${clients[$i]}/health" 200 30 || die "etcd m$((i+1)) not healthy"; done

# --- origin and three edges --------------------------------------------------------------
ORIGIN_PORT=$(free_port)
mkdir -p "$BENCH_TMP/www" && echo ok >"$BENCH_TMP/www/index.html"
start_bg origin "$BENCH_TMP/origin.log" python3 -m http.server "$ORIGIN_PORT" --bind 127.0.0.1 --directory "$BENCH_TMP/www"
wait_http "http://127.0.0.1:$ORIGIN_PORT/" 20 || die "origin did not start"
cluster_env() {  # cluster_env NODE NODES...
  local node=$1 n=0 i; shift
  printf 'Edge__Cluster__Node=%s ' "$node"
  for i in "$@"; do printf 'Edge__Cluster__Nodes__%d=%s ' "$n" "$i"; n=$((n+1)); done
  for i in 0 1 2; do printf 'Edge__Cluster__Etcd__Endpoints__%d=http://127.0.0.1:%s ' "$i" "${clients[$i]}"; done
  printf 'Serilog__MinimumLevel__Default=Warning'
}
http=() admin=() EDGE_PIDS=()
for i in 1 2 3; do
  http+=("$(free_port)"); admin+=("$(free_port)")
  # shellcheck disable=SC2046
  start_edge "edge$i" "${http[$((i-1))]}" "${admin[$((i-1))]}" $(cluster_env "edge$i" edge1 edge2 edge3)
  EDGE_PIDS+=("$LAST_PID")
done
start_scraper "${admin[@]}"

# --- row 1: a switch on edge1 until served by all three ------------------------------------
put_site "${admin[0]}" bench "$(site_json bench.test "http://127.0.0.1:$ORIGIN_PORT" auto "bench")"
urls="http://127.0.0.1:${http[0]}/,http://127.0.0.1:${http[1]}/,http://127.0.0.1:${http[2]}/"
for i in 0 1 2; do wait_status "http://127.0.0.1:${http[$i]}/" 200 30 -H 'Host: bench.test' || die "edge$((i+1)) does not serve the site"; done
log "switching $SWITCHES times on edge1"
$PROBE cluster-switch --admin "http://127.0.0.1:${admin[0]}" --token "$TOKEN" --site bench --host bench.test --urls "$urls" --count "$SWITCHES" >"$BENCH_TMP/switch.txt"
cat "$BENCH_TMP/switch.txt" >&2
value() { awk -F= -v k="$1" '$1 == k {print $2}' "$2"; }

# --- row 2: an empty node follows N sites ------------------------------------------------
# edge2 and edge3 are not part of this row: stopped, so the 2 cores go to edge1, etcd and edge4
# (with all three following every create, seeding 10,000 sites took over a quarter of an hour here).
stop_pid "${EDGE_PIDS[1]}"; stop_pid "${EDGE_PIDS[2]}"
log "creating $SITES sites through edge1's admin API"
seed_start=$(now_ms)
$PROBE sites --admin "http://127.0.0.1:${admin[0]}" --token "$TOKEN" --count "$SITES" --origin "http://127.0.0.1:$ORIGIN_PORT" --parallel 16 >"$BENCH_TMP/seed.txt" 2>"$BENCH_TMP/seed.err" || { cat "$BENCH_TMP/seed.err" >&2; die "seeding failed"; }
seed_ms=$(( $(now_ms) - seed_start ))
http4=$(free_port) admin4=$(free_port)
follow_start=$(now_ms)
# shellcheck disable=SC2046
start_edge edge4 "$http4" "$admin4" $(cluster_env edge4 edge1 edge2 edge3 edge4)
deadline=$(( $(date +%s) + 600 ))
while (( $(date +%s) < deadline )); do
  n=$(curl -s "http://127.0.0.1:$admin4/readyz" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("sites",0))' 2>/dev/null || echo 0)
  [ "$n" -ge $(( SITES + 1 )) ] && break
  sleep 0.05
done
[ "$n" -ge $(( SITES + 1 )) ] || die "edge4 followed only $n sites in 600 s"
wait_status "http://127.0.0.1:$http4/" 200 30 -H "Host: s$(printf '%05d' $((SITES-1))).test" || die "edge4 does not serve the last site"
follow_ms=$(( $(now_ms) - follow_start ))
rss4=$(rss_kb "$LAST_PID")

stamp=$(date -u +%Y-%m-%d-%H%M)
report="$ROOT/bench/results/cluster-$stamp.md"
{
  echo "# Cluster row — $(date -u '+%Y-%m-%d %H:%M') UTC"
  echo
  echo "Machine: $(nproc) cores, load average at the end $(cut -d' ' -f1-3 /proc/loadavg). etcd $(etcd --version | awk '/etcd Version/ {print $3}'), three members and three edges on 127.0.0.1, /metrics scraped every second on each edge; edge2 and edge3 stopped during the sites row.$([ "$SMOKE" = 1 ] && echo ' **Smoke run: not a figure.**')"
  echo
  echo "| measure | value | target |"
  echo "|---|---:|---:|"
  echo "| switch on edge1 until served by all three, p50 ($(value switches "$BENCH_TMP/switch.txt") switches) | $(value p50_ms "$BENCH_TMP/switch.txt") ms | |"
  echo "| same, p99 | $(value p99_ms "$BENCH_TMP/switch.txt") ms | ≤ 100 ms |"
  echo "| same, max | $(value max_ms "$BENCH_TMP/switch.txt") ms | |"
  echo "| $SITES sites created through edge1's admin API | $(( seed_ms / 1000 )) s | |"
  echo "| an empty edge4: start until it serves all $SITES sites | $(( follow_ms / 1000 )).$(( follow_ms % 1000 / 100 )) s | |"
  echo "| edge4 RSS after following | $(( rss4 / 1024 )) MiB | |"
} >"$report"
cat "$report"
