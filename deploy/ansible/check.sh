#!/bin/sh
# Static checks of the Ansible in this folder; touches no host (not part of test.sh).
#   deploy/ansible/check.sh
# 1. ansible-inventory --graph of the example inventory
# 2. ansible-playbook --syntax-check of every playbook
# 3. renders every role template for every example host into a temp folder (tests/render.yml,
#    connection: local), renders again expecting no change, and validates the output: JSON parses, environment files round-trip
#    secrets with quotes, $ and backslashes, systemd units pass `systemd-analyze verify`
#    (apart from the missing program binaries), keepalived.conf passes `keepalived --config-test`
# 4. ansible-lint and yamllint, when installed
set -eu
cd "$(dirname "$0")"

if ! command -v ansible-playbook >/dev/null 2>&1; then
    echo "== installing ansible from Debian"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ansible
fi

export ANSIBLE_CONFIG="$PWD/ansible.cfg"
export ANSIBLE_NOCOLOR=1
inventory=inventory.example.yml
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "== inventory"
ansible-inventory -i "$inventory" --graph

echo "== syntax"
for playbook in site.yml edge.yml status.yml backends.yml tests/render.yml; do
    ansible-playbook -i "$inventory" --syntax-check "$playbook"
done

echo "== render templates into $out"
ansible-playbook -i "$inventory" tests/render.yml -e @tests/secrets.yml -e "render_dir=$out" >"$out/render.log" \
    || { cat "$out/render.log"; exit 1; }

echo "== render again: templates must be stable (changed=0)"
ansible-playbook -i "$inventory" tests/render.yml -e @tests/secrets.yml -e "render_dir=$out" >"$out/render2.log"
if grep -E 'changed=[1-9]' "$out/render2.log"; then echo "templates changed on a second render"; exit 1; fi

echo "== validate rendered files"
for host in edge1 edge2 edge3 web1 web2 mail1; do
    test -s "$out/$host/appsettings.json" || { echo "missing $host/appsettings.json"; exit 1; }
done
for host in edge1 edge2 edge3; do
    for file in edge.env sorryedge-edge.service keepalived.conf etcd.default; do
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

cluster = parse_env(out / "edge1" / "etcd.default")["ETCD_INITIAL_CLUSTER"].split(",")
assert len(cluster) == 3, cluster
print("rendered files: ok")
PY

if command -v systemd-analyze >/dev/null 2>&1; then
    # The programs are not installed here, so "not executable" about ExecStart is expected; anything else fails.
    for unit in "$out"/edge1/*.service "$out"/web1/*.service; do
        if ! report=$(systemd-analyze verify "$unit" 2>&1); then :; fi
        problems=$(printf '%s\n' "$report" | grep -v -e 'is not executable' -e 'Command .* is not executable' \
            -e '^$' -e 'Failed to prepare filename' -e 'Unit .* not found' -e "Failed to create .*: Invalid argument" || true)
        if [ -n "$problems" ]; then
            echo "systemd-analyze verify $unit:"; printf '%s\n' "$problems"; exit 1
        fi
    done
    echo "systemd units: ok (systemd-analyze verify)"
fi

# keepalived: the installed one, or Debian's package unpacked into the temp folder (apt-get download,
# nothing installed). The rendered script_user exists only on edge nodes, so the test runs as root.
keepalived=$(command -v keepalived || true)
if [ -z "$keepalived" ] && command -v apt-get >/dev/null 2>&1; then
    mkdir -p "$out/keepalived" && (
        cd "$out/keepalived" &&
        apt-get download keepalived libnl-3-200 libnl-genl-3-200 libnftnl11 libsnmp40 libpci3 libwrap0 >/dev/null 2>&1 &&
        for deb in ./*.deb; do dpkg-deb -x "$deb" root; done
    ) && keepalived="$out/keepalived/root/usr/sbin/keepalived" \
      && LD_LIBRARY_PATH="$out/keepalived/root/lib/x86_64-linux-gnu:$out/keepalived/root/usr/lib/x86_64-linux-gnu" \
      && export LD_LIBRARY_PATH
fi
if [ -n "$keepalived" ] && [ -x "$keepalived" ]; then
    for host in edge1 edge2 edge3; do
        sed 's/script_user keepalived_script/script_user root/' "$out/$host/keepalived.conf" >"$out/$host/keepalived.test.conf"
        timeout 30 "$keepalived" --config-test --use-file="$out/$host/keepalived.test.conf" \
            || { echo "keepalived --config-test failed for $host"; exit 1; }
    done
    unset LD_LIBRARY_PATH
    echo "keepalived.conf: ok (keepalived --config-test)"
else
    echo "keepalived not available: keepalived.conf syntax not checked"
fi

if command -v yamllint >/dev/null 2>&1; then
    echo "== yamllint"
    yamllint -d '{extends: relaxed, rules: {line-length: {max: 160}}}' .
fi
if command -v ansible-lint >/dev/null 2>&1; then
    echo "== ansible-lint"
    ansible-lint
fi
echo "== all checks passed"
