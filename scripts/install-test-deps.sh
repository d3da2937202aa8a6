#!/usr/bin/env bash
# Installs the real peers the test suites drive: Chromium, Postfix (and its smtp-sink /
# smtp-source), swaks (with Perl TLS for --tls), nginx, HAProxy, wrk and etcd; what
# deploy/ansible/check.sh runs (Ansible, ansible-lint, yamllint, keepalived, systemd-analyze);
# e2fsprogs and util-linux (mkfs.ext4, mount, fsfreeze) for the disk-fault tests. Services are
# not enabled: tests start their own instances on 127.0.0.1 with their own configuration.
set -euo pipefail
packages=(chromium postfix swaks libnet-ssleay-perl libio-socket-ssl-perl nginx haproxy wrk etcd-server
          ansible ansible-lint yamllint keepalived systemd python3-yaml e2fsprogs util-linux)
need=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
[ ${#need[@]} -eq 0 ] && { echo "test dependencies: all present"; exit 0; }
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "test dependencies: installing ${need[*]}"
$sudo apt-get update -qq
echo "postfix postfix/main_mailer_type select No configuration" | $sudo debconf-set-selections
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
# Debian starts the packaged daemons on install; the tests run their own instances.
for s in nginx haproxy etcd postfix keepalived; do $sudo systemctl stop "$s" >/dev/null 2>&1 || $sudo service "$s" stop >/dev/null 2>&1 || true; done
