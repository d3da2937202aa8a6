#!/usr/bin/env bash
# The run command: builds SorryEdge and starts the demo appliance on loopback —
# the edge (data plane :8080, admin :8081), a demo backend (:8082) the edge fronts,
# and the status site (:8090) — then prints the URLs and a staff token. Ctrl-C stops all.
#   SORRYEDGE_TOKEN=...     use this staff token instead of a random one
#   SORRYEDGE_DATA=./data   where the demo keeps its SQLite files
#   ./demo.sh --cluster     three edges as one cluster on a 3-member etcd: scripts/cluster.sh
set -euo pipefail
cd "$(dirname "$0")"
[ "${1:-}" != --cluster ] || { shift; exec scripts/cluster.sh "$@"; }
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
echo "Building (Release)…"
dotnet build SorryEdge.sln -c Release -nologo -v q -clp:ErrorsOnly

token="${SORRYEDGE_TOKEN:-$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')}"
data="${SORRYEDGE_DATA:-./data}"
mkdir -p "$data"
status_url="http://127.0.0.1:8090"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

if [ -f src/StatusSite/bin/Release/net10.0/StatusSite.dll ]; then
  Status__DataDirectory="$data/status" Status__Listen__Http="$status_url" \
  Status__Admin__BootstrapToken="$token" Status__Ingest__Tokens__0="$token" Status__Demo__Enabled=true \
    dotnet src/StatusSite/bin/Release/net10.0/StatusSite.dll > "$data/status-site.log" 2>&1 &
  pids+=($!)
fi

Edge__DataDirectory="$data/edge" Edge__Listen__Http="http://127.0.0.1:8080" Edge__Listen__Admin="http://127.0.0.1:8081" \
Edge__Admin__BootstrapToken="$token" Edge__Demo__Enabled=true Edge__Demo__BackendListen="http://127.0.0.1:8082" \
Edge__Demo__StatusSiteUrl="$status_url" Edge__StatusSite__Url="$status_url" Edge__StatusSite__Token="$token" \
DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 `# the edge's production socket setting (docs/deployment.md)` \
  dotnet src/SorryEdge/bin/Release/net10.0/SorryEdge.dll &
pids+=($!)
wait "${pids[-1]}"
