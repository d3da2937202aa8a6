#!/bin/sh
# Static checks of the Ansible in this folder; touches no host. test.sh runs it (so CI does).
#   deploy/ansible/check.sh
# 1. ansible-playbook --syntax-check of every playbook (site.yml imports the others)
# 2. renders every role template for every example host into a temp folder (tests/render.yml,
#    connection: local; the edge's files also in cluster mode), renders again expecting no
#    change, and validates the output: JSON parses, environment files round-trip secrets with
#    quotes, $ and backslashes, the cluster settings are complete and consistent, systemd units
#    pass `systemd-analyze verify` (apart from the missing program binaries), keepalived.conf
#    passes `keepalived --config-test`
# 3. yamllint and ansible-lint
# Every tool is required: a missing one fails the check (scripts/install-test-deps.sh installs them).
set -eu
cd "$(dirname "$0")"
started=$(date +%s)
step() { echo "== $1 ($(($(date +%s) - started)) s)"; }

missing=""
for tool in ansible-playbook ansible-lint yamllint keepalived systemd-analyze python3; do
    command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
python3 -c 'import yaml' 2>/dev/null || missing="$missing python3-yaml"
if [ -n "$missing" ]; then
    echo "check.sh: missing:$missing — run scripts/install-test-deps.sh (apt: ansible ansible-lint yamllint keepalived systemd python3-yaml)" >&2
    exit 1
fi

export ANSIBLE_CONFIG="$PWD/ansible.cfg"
export ANSIBLE_NOCOLOR=1
inventory=inventory.example.yml
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

step "syntax"
ansible-playbook -i "$inventory" --syntax-check site.yml tests/render.yml

step "render templates into $out"
ansible-playbook -i "$inventory" tests/render.yml -e @tests/secrets.yml -e "render_dir=$out" >"$out/render.log" \
    || { cat "$out/render.log"; exit 1; }

step "render again: templates must be stable (changed=0)"
ansible-playbook -i "$inventory" tests/render.yml -e @tests/secrets.yml -e "render_dir=$out" >"$out/render2.log"
if grep -E 'changed=[1-9]' "$out/render2.log"; then echo "templates changed on a second render"; exit 1; fi
python3 - "$out" <<'PY'
import json, pathlib, sys
out = pathlib.Path(sys.argv[1])
for host, files in json.loads((out / "rendered.json").read_text()).items():
    (out / host).mkdir(exist_ok=True)
    for name, text in files.items():
        (out / host / name).write_text(text if isinstance(text, str) else json.dumps(text, indent=2))
PY

step "validate rendered files"
for host in edge1 edge2 edge3 web1 web2 mail1; do
    test -s "$out/$host/appsettings.json" || { echo "missing $host/appsettings.json"; exit 1; }
done
for host in edge1 edge2 edge3; do
    for file in edge.env edge.cluster.env sorryedge-edge.service sorryedge-edge.cluster.service keepalived.conf etcd.default; do
        test -s "$out/$host/$file" || { echo "missing $host/$file"; exit 1; }
    done
done
test -s "$out/edge1/status.env" || { echo "missing edge1/status.env"; exit 1; }

python3 - "$out" <<'PY'
import json, pathlib, re, sys, yaml

out = pathlib.Path(sys.argv[1])
secrets = yaml.safe_load(open("tests/secrets.yml"))

def parse_env(path):
    """systemd EnvironmentFile rules for the subset the templates write: KEY=value or KEY="escaped"."""
    values = {}
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        match = re.fullmatch(r'([A-Za-z_][A-Za-z0-9_]*)=(?:"((?:[^"\\]|\\.)*)"|([^"\s]*))', line)
        if not match:
            sys.exit(f"{path}:{number}: not a KEY=value line: {line}")
        raw = match.group(2)
        values[match.group(1)] = re.sub(r"\\(.)", r"\1", raw) if raw is not None else match.group(3)
    return values

for path in sorted(out.glob("*/appsettings.json")):
    settings = json.loads(path.read_text())
    checks = settings["Agent"]["Checks"]
    assert checks, f"{path}: no checks"
    assert len({c["Name"] for c in checks}) == len(checks), f"{path}: duplicate check names"

for host in ("edge1", "edge2", "edge3"):
    env = parse_env(out / host / "edge.env")
    assert env["Edge__Admin__BootstrapToken"] == secrets["vault_sorry_edge_bootstrap_token"], "edge bootstrap token"
    assert env["Edge__StatusSite__Token"] == secrets["vault_status_ingest_token_edge"], "edge status token did not round-trip"
    assert env["Edge__StatusSite__NodeId"] == host
    assert env["Edge__Tls__CertificateDirectory"].startswith("/")

status = parse_env(out / "edge1" / "status.env")
assert status["Status__Ingest__Tokens__0"] == secrets["vault_status_ingest_token_edge"], "ingest token did not round-trip"

priorities = {h: re.search(r"priority (\d+)", (out / h / "keepalived.conf").read_text()).group(1) for h in ("edge1", "edge2", "edge3")}
assert len(set(priorities.values())) == 3, f"keepalived priorities not distinct: {priorities}"
assert "/healthz" in (out / "edge1" / "keepalived.conf").read_text()

etcd = {h: parse_env(out / h / "etcd.default") for h in ("edge1", "edge2", "edge3")}
cluster = etcd["edge1"]["ETCD_INITIAL_CLUSTER"].split(",")
assert len(cluster) == 3, cluster
assert all(e["ETCD_INITIAL_CLUSTER"] == etcd["edge1"]["ETCD_INITIAL_CLUSTER"] for e in etcd.values()), "members disagree on the cluster"
assert int(etcd["edge1"]["ETCD_AUTO_COMPACTION_RETENTION"]) > 0, "etcd compaction off"

# Single node (the example inventory's default): no cluster key at all.
for host in ("edge1", "edge2", "edge3"):
    assert not [k for k in parse_env(out / host / "edge.env") if k.startswith("Edge__Cluster__")], f"{host}: cluster keys in single-node mode"
    assert "etcd.service" not in (out / host / "sorryedge-edge.service").read_text()

# Cluster mode: Node = the host, Nodes = the priority order, the same on every node; the
# endpoints are exactly the etcd members' client URLs; the unit starts after etcd.
def indexed(env, prefix):
    keys = sorted((int(k[len(prefix):]), v) for k, v in env.items() if k.startswith(prefix))
    assert [i for i, _ in keys] == list(range(len(keys))), f"{prefix}: indexes not 0..n: {keys}"
    return [v for _, v in keys]

members = {h: etcd[h]["ETCD_ADVERTISE_CLIENT_URLS"] for h in etcd}
for host in ("edge1", "edge2", "edge3"):
    env = parse_env(out / host / "edge.cluster.env")
    assert env["Edge__Cluster__Node"] == host, env
    assert indexed(env, "Edge__Cluster__Nodes__") == ["edge1", "edge2", "edge3"], env
    assert indexed(env, "Edge__Cluster__Etcd__Endpoints__") == [members[h] for h in ("edge1", "edge2", "edge3")], (env, members)
    assert env["Edge__Cluster__SourceAddress"] == parse_env(out / host / "etcd.default")["ETCD_LISTEN_PEER_URLS"][len("http://"):].rsplit(":", 1)[0]
    assert env["Edge__Admin__BootstrapToken"] == secrets["vault_sorry_edge_bootstrap_token"], "cluster env lost the single-node keys"
    assert "After=etcd.service" in (out / host / "sorryedge-edge.cluster.service").read_text()
print("rendered files: ok")
PY

step "systemd-analyze verify"
# The programs are not installed here, so "not executable" about ExecStart is expected; anything else fails.
for unit in "$out"/edge1/*.service "$out"/web1/*.service; do
    # systemd-analyze wants the file named as the unit: the cluster variant gets its own folder.
    dir="$out/units/$(basename "$unit" .service)"
    mkdir -p "$dir"
    name=$(basename "$unit" | sed 's/\.cluster\.service$/.service/')
    cp "$unit" "$dir/$name"
    if ! report=$(systemd-analyze verify "$dir/$name" 2>&1); then :; fi
    problems=$(printf '%s\n' "$report" | grep -v -e 'is not executable' -e 'Command .* is not executable' \
        -e '^$' -e 'Failed to prepare filename' -e 'Unit .* not found' -e "Failed to create .*: Invalid argument" || true)
    if [ -n "$problems" ]; then
        echo "systemd-analyze verify $unit:"; printf '%s\n' "$problems"; exit 1
    fi
done
echo "systemd units: ok (systemd-analyze verify)"

step "keepalived --config-test"
# The rendered script_user exists only on edge nodes, so the test runs the check as root.
for host in edge1 edge2 edge3; do
    sed 's/script_user keepalived_script/script_user root/' "$out/$host/keepalived.conf" >"$out/$host/keepalived.test.conf"
    timeout 30 keepalived --config-test --use-file="$out/$host/keepalived.test.conf" \
        || { echo "keepalived --config-test failed for $host"; exit 1; }
done
echo "keepalived.conf: ok (keepalived --config-test)"

step "yamllint"
yamllint -d '{extends: relaxed, rules: {line-length: {max: 160}}}' .
step "ansible-lint"
# --offline: no collection installs or schema downloads; CI machines may have no internet.
ansible-lint --offline --nocolor
step "all checks passed"
