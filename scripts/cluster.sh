#!/usr/bin/env bash
# The cluster run command: builds SorryEdge and starts, on loopback, a 3-member etcd
# (clients 127.0.0.1:23791-23793, peers :23801-23803), the status site (:8090), and three
# edges — edge1 on 127.0.0.2, edge2 on 127.0.0.3, edge3 on 127.0.0.4 (data :8080, admin
# :8081 each) — configured as one cluster. edge1 also runs the demo backend (:8082) and seeds
# the demo site. Prints every URL and the staff token; Ctrl-C (or any exit) stops every
# process it started, by PID. Documentation: docs/cluster-running.md.
#   SORRYEDGE_TOKEN=...     use this staff token (bootstrap token of all three edges) instead of a random one
#   SORRYEDGE_DATA=./data   data under $SORRYEDGE_DATA/cluster (etcd, edge1..3, status, logs)
#   SORRYEDGE_NO_BUILD=1    do not build first
#   SORRYEDGE_CLUSTER_SMOKE=1  start everything, wait until all of it answers, then stop (a check)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

fail() { echo "cluster.sh: $*" >&2; exit 1; }

if ! command -v etcd >/dev/null; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing etcd-server (apt)…"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends etcd-server curl >/dev/null
  # Debian starts the packaged etcd on install; this script runs its own members.
  $sudo systemctl stop etcd >/dev/null 2>&1 || $sudo service etcd stop >/dev/null 2>&1 || true
fi
command -v curl >/dev/null || fail "curl is needed to wait for the processes to answer (apt-get install curl)"

if [ "${SORRYEDGE_NO_BUILD:-0}" != 1 ]; then
  echo "Building (Release)…"
  dotnet build SorryEdge.sln -c Release -nologo -v q -clp:ErrorsOnly
fi
edge_dll=src/SorryEdge/bin/Release/net10.0/SorryEdge.dll
status_dll=src/StatusSite/bin/Release/net10.0/StatusSite.dll
[ -f "$edge_dll" ] && [ -f "$status_dll" ] || fail "$edge_dll or $status_dll is missing: build first (or unset SORRYEDGE_NO_BUILD)"

token="${SORRYEDGE_TOKEN:-$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')}"
data="${SORRYEDGE_DATA:-./data}/cluster"
logs="$data/logs"
mkdir -p "$data/etcd" "$logs"
status_url="http://127.0.0.1:8090"
members=(m1 m2 m3)
client_urls=(http://127.0.0.1:23791 http://127.0.0.1:23792 http://127.0.0.1:23793)
peer_urls=(http://127.0.0.1:23801 http://127.0.0.1:23802 http://127.0.0.1:23803)
edges=(edge1 edge2 edge3)
edge_ips=(127.0.0.2 127.0.0.3 127.0.0.4)
demo_backend="http://127.0.0.1:8082"

# Refuse to start over something already listening: it would be talked to as if it were ours.
busy=()
for hp in 127.0.0.1:23791 127.0.0.1:23792 127.0.0.1:23793 127.0.0.1:23801 127.0.0.1:23802 127.0.0.1:23803 \
          127.0.0.1:8090 127.0.0.1:8082 127.0.0.2:8080 127.0.0.2:8081 127.0.0.3:8080 127.0.0.3:8081 127.0.0.4:8080 127.0.0.4:8081; do
  (exec 3<>"/dev/tcp/${hp%:*}/${hp#*:}") 2>/dev/null && busy+=("$hp")
done
[ ${#busy[@]} -eq 0 ] || fail "already in use: ${busy[*]} (another cluster.sh or demo.sh running?) — nothing was started"

pids=()
names=()
stopping=0
cleanup() {
  [ "$stopping" = 1 ] && return; stopping=1
  trap - INT TERM
  echo; echo "Stopping ${#pids[@]} processes…"
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  local deadline=$((SECONDS + 15)) left
  while :; do
    left=(); for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null && left+=("$p"); done
    [ ${#left[@]} -eq 0 ] && break
    if [ $SECONDS -ge $deadline ]; then echo "Killing ${left[*]} (no exit after SIGTERM)"; kill -KILL "${left[@]}" 2>/dev/null || true; break; fi
    sleep 0.1
  done
  wait 2>/dev/null || true
  echo "Stopped."
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# spawn NAME COMMAND…: starts COMMAND in the background with its log in $logs/NAME.log. In a
# session of its own (setsid execs in place, so $! is the program's PID): Ctrl-C reaches
# only this script, which then stops every child by PID, instead of racing their own exits.
spawn() {
  local name=$1; shift
  setsid "$@" >>"$logs/$name.log" 2>&1 </dev/null &
  pids+=($!); names+=("$name")
}

# Waits until URL answers 200 whose body contains WANT, or fails after 30 s (or when PID died).
wait_for() {
  local url=$1 want=$2 pid=$3 what=$4 deadline=$((SECONDS + 30))
  until curl -fsS --max-time 1 "$url" 2>/dev/null | grep -q "$want"; do
    kill -0 "$pid" 2>/dev/null || fail "$what exited at start; its log: $(log_of "$pid")"
    [ $SECONDS -lt $deadline ] || fail "$what did not answer $url within 30 s; its log: $(log_of "$pid")"
    sleep 0.1
  done
}
log_of() { local i; for i in "${!pids[@]}"; do [ "${pids[$i]}" = "$1" ] && echo "$logs/${names[$i]}.log"; done; }

echo "Starting etcd (3 members)…"
initial_cluster=""
for i in 0 1 2; do initial_cluster+="${initial_cluster:+,}${members[$i]}=${peer_urls[$i]}"; done
for i in 0 1 2; do
  # "new" is ignored once the data dir holds a cluster, so a second run reuses the data.
  spawn "etcd-${members[$i]}" etcd --name "${members[$i]}" --data-dir "$data/etcd/${members[$i]}.etcd" \
    --listen-client-urls "${client_urls[$i]}" --advertise-client-urls "${client_urls[$i]}" \
    --listen-peer-urls "${peer_urls[$i]}" --initial-advertise-peer-urls "${peer_urls[$i]}" \
    --initial-cluster "$initial_cluster" --initial-cluster-token sorryedge-cluster --initial-cluster-state new \
    --auto-compaction-mode=revision --auto-compaction-retention=10000 \
    --logger zap --log-outputs stderr
done
for i in 0 1 2; do wait_for "${client_urls[$i]}/health" '"health":"true"' "${pids[$i]}" "etcd ${members[$i]}"; done

echo "Starting the status site…"
spawn status-site env Status__DataDirectory="$data/status" Status__Listen__Http="$status_url" \
  Status__Admin__BootstrapToken="$token" Status__Ingest__Tokens__0="$token" Status__Demo__Enabled=true \
  dotnet "$status_dll"

echo "Starting edge1..edge3…"
for i in 0 1 2; do
  env=(
    Edge__DataDirectory="$data/${edges[$i]}"
    Edge__Listen__Http="http://${edge_ips[$i]}:8080" Edge__Listen__Admin="http://${edge_ips[$i]}:8081"
    Edge__Admin__BootstrapToken="$token"
    Edge__StatusSite__Url="$status_url" Edge__StatusSite__Token="$token"
    Edge__Cluster__Node="${edges[$i]}"
    Edge__Cluster__Nodes__0=edge1 Edge__Cluster__Nodes__1=edge2 Edge__Cluster__Nodes__2=edge3
    Edge__Cluster__Etcd__Endpoints__0="${client_urls[0]}" Edge__Cluster__Etcd__Endpoints__1="${client_urls[1]}"
    Edge__Cluster__Etcd__Endpoints__2="${client_urls[2]}"
    Edge__Cluster__SourceAddress="${edge_ips[$i]}"
  )
  # One demo backend for the whole cluster, in edge1; the site it seeds reaches edge2 and
  # edge3 through etcd (the seeder skips a site that already exists).
  [ "$i" = 0 ] && env+=(Edge__Demo__Enabled=true Edge__Demo__BackendListen="$demo_backend" Edge__Demo__StatusSiteUrl="$status_url")
  spawn "${edges[$i]}" env "${env[@]}" dotnet "$edge_dll"
done

wait_for "$status_url/" "" "${pids[3]}" "the status site"
for i in 0 1 2; do wait_for "http://${edge_ips[$i]}:8081/healthz" ok "${pids[$((4 + i))]}" "${edges[$i]}"; done

cat <<EOF

==================== SorryEdge cluster (loopback) ====================
  etcd members:  ${client_urls[*]}
  edge1:         data http://127.0.0.2:8080   admin http://127.0.0.2:8081/api/v1/sites   (overseer priority 1)
  edge2:         data http://127.0.0.3:8080   admin http://127.0.0.3:8081/api/v1/sites   (priority 2)
  edge3:         data http://127.0.0.4:8080   admin http://127.0.0.4:8081/api/v1/sites   (priority 3)
  Demo backend:  $demo_backend   (in edge1; stop/start: http://127.0.0.2:8081/demo)
  Demo site:     curl -i -H 'Host: demo.localhost' http://127.0.0.3:8080/
  Status site:   $status_url
  Cluster view:  curl -H 'Authorization: Bearer $token' http://127.0.0.2:8081/api/v1/cluster
  Staff token:   $token
  Data, logs:    $data   ($logs/*.log)
  PIDs:          $(for i in "${!pids[@]}"; do printf '%s=%s ' "${names[$i]}" "${pids[$i]}"; done)
======================================================================
Ctrl-C stops everything.
EOF

if [ "${SORRYEDGE_CLUSTER_SMOKE:-0}" = 1 ]; then
  echo "Smoke check: every process answered; stopping."
  exit 0
fi

# Stay until Ctrl-C, or until one process dies: then say which and stop the rest.
while :; do
  wait -n || true
  for i in "${!pids[@]}"; do
    kill -0 "${pids[$i]}" 2>/dev/null || fail "${names[$i]} (PID ${pids[$i]}) exited; see $logs/${names[$i]}.log — stopping the rest"
  done
done
