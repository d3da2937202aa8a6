#!/bin/sh
# Starts the three published programs on this machine with the configuration the roles render
# (edge1's edge.env and status.env, web1's appsettings.json), moved to loopback ports and temp
# folders, and checks that each accepts it: the edge answers /healthz and takes the vaulted
# bootstrap token, the status site serves its page name and takes the ingest token (which
# contains " $ and \), the agent runs every configured check. Needs ./publish.sh output and
# the render step of check.sh; not part of test.sh.
#   deploy/ansible/publish.sh && deploy/ansible/tests/smoke.sh
set -eu
cd "$(dirname "$0")/.."
artifacts=${SORRYEDGE_ARTIFACTS:-$PWD/artifacts}
work=$(mktemp -d)
pids=""
cleanup() { for pid in $pids; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

export ANSIBLE_CONFIG="$PWD/ansible.cfg" ANSIBLE_NOCOLOR=1
ansible-playbook -i inventory.example.yml tests/render.yml -e @tests/secrets.yml -e "render_dir=$work/render" >/dev/null

# systemd EnvironmentFile lines (KEY="escaped" as the templates write them) to shell exports.
env_to_sh() {
    python3 - "$1" <<'PY'
import re, sys
for line in open(sys.argv[1]):
    line = line.rstrip("\n")
    if not line or line.startswith("#"):
        continue
    m = re.fullmatch(r'([A-Za-z_][A-Za-z0-9_]*)=(?:"((?:[^"\\]|\\.)*)"|(\S*))', line)
    value = re.sub(r"\\(.)", r"\1", m.group(2)) if m.group(2) is not None else m.group(3)
    print("export %s='%s'" % (m.group(1), value.replace("'", "'\\''")))
PY
}

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

run() { # folder, log, command...
    dir=$1; log=$2; shift 2
    (cd "$dir" && exec "$@" >"$log" 2>&1) &
    pids="$pids $!"
}

wait_for() { # url, expected codes (regex)
    for _ in $(seq 1 120); do
        code=$(curl -s -o /dev/null -w '%{http_code}' "$1" || true)
        if echo "$code" | grep -Eq "^($2)$"; then return 0; fi
        sleep 0.5
    done
    echo "no answer from $1 (last status $code)"; return 1
}

exe() { # app, assembly: the apphost of a self-contained build, else dotnet X.dll
    if [ -x "$artifacts/$1/$2" ] && [ -d "$artifacts/$1/shared" -o -f "$artifacts/$1/libhostfxr.so" ]; then echo "$artifacts/$1/$2"; else echo "dotnet $artifacts/$1/$2.dll"; fi
}

failed=0
mkdir -p "$work/edge" "$work/status" "$work/agent" "$work/tls"

http=$(port); admin=$(port)
env_to_sh "$work/render/edge1/edge.env" >"$work/edge.sh"
echo "export Edge__DataDirectory=$work/edge Edge__Listen__Http=http://127.0.0.1:$http Edge__Listen__Admin=http://127.0.0.1:$admin Edge__Listen__Https=https://127.0.0.1:$(port) Edge__Tls__CertificateDirectory=$work/tls Edge__StatusSite__Url=http://127.0.0.1:9" >>"$work/edge.sh"
(. "$work/edge.sh"; run "$work/edge" "$work/edge.log" $(exe edge SorryEdge); echo "${pids##* }" >"$work/edge.pid")
pids="$pids $(cat "$work/edge.pid")"
if wait_for "http://127.0.0.1:$admin/healthz" 200 \
   && [ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer test-bootstrap-token-0123456789' "http://127.0.0.1:$admin/api/v1/sites")" = 200 ]; then
    echo "edge: ok (rendered edge.env accepted, bootstrap token works)"
else echo "edge: FAILED"; tail -20 "$work/edge.log"; failed=1; fi

status=$(port)
env_to_sh "$work/render/edge1/status.env" >"$work/status.sh"
echo "export Status__DataDirectory=$work/status Status__Listen__Http=http://127.0.0.1:$status" >>"$work/status.sh"
(. "$work/status.sh"; run "$work/status" "$work/status.log" $(exe status StatusSite); echo "${pids##* }" >"$work/status.pid")
pids="$pids $(cat "$work/status.pid")"
# 400 (empty event) means the token passed authentication; 401 would mean the quoting broke it.
if wait_for "http://127.0.0.1:$status/api/v2/status.json" 200 \
   && curl -s "http://127.0.0.1:$status/api/v2/status.json" | grep -q '"Example Hosting status"' \
   && [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -d '{}' \
        -H 'Authorization: Bearer ingest-"quoted"-$HOME-back\slash' "http://127.0.0.1:$status/api/v1/ingest/events")" != 401 ]; then
    echo "status site: ok (rendered status.env accepted, ingest token works)"
else echo "status site: FAILED"; tail -20 "$work/status.log"; failed=1; fi

agent=$(port)
cp "$work/render/web1/appsettings.json" "$work/agent/"
run "$work/agent" "$work/agent.log" $(exe agent EdgeAgent) "--Agent:Listen:Http=http://127.0.0.1:$agent" \
    "--Agent:Listen:AgentCheck=127.0.0.1:$(port)" "--Agent:DataDirectory=$work/agent"
checks=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["Agent"]["Checks"]))' "$work/agent/appsettings.json")
if wait_for "http://127.0.0.1:$agent/health" "200|503" \
   && [ "$(curl -s "http://127.0.0.1:$agent/health" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["checks"]))')" = "$checks" ]; then
    echo "agent: ok (rendered appsettings.json accepted, $checks checks running)"
else echo "agent: FAILED"; tail -20 "$work/agent.log"; failed=1; fi

exit $failed
