#!/bin/sh
# Publishes the programs the playbooks copy to the hosts: deploy/ansible/artifacts/<app>/ and <app>.tar.gz.
#   deploy/ansible/publish.sh                 # edge, status and agent
#   deploy/ansible/publish.sh edge            # one of them
# Self-contained by default (SORRYEDGE_SELF_CONTAINED=0 for framework-dependent), because Debian
# does not package .NET 10; bundling the runtime needs the linux-x64 runtime packs from
# the NuGet feed. Matches sorryedge_self_contained in group_vars/all.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
artifacts=${SORRYEDGE_ARTIFACTS:-$here/artifacts}
rid=${SORRYEDGE_RUNTIME_ID:-linux-x64}

project_of() {
    case "$1" in
        edge) echo SorryEdge ;;
        status) echo StatusSite ;;
        agent) echo EdgeAgent ;;
        *) echo "unknown program '$1' (edge, status, agent)" >&2; exit 2 ;;
    esac
}

if [ $# -eq 0 ]; then set -- edge status agent; fi

for app in "$@"; do
    assembly=$(project_of "$app")
    project=src/$assembly
    out="$artifacts/$app"
    # A clean folder: the playbook copies all of it, and stale files from an older build must not ride along.
    rm -rf "$out"
    if [ "${SORRYEDGE_SELF_CONTAINED:-1}" = 1 ]; then
        dotnet publish "$repo/$project" -c Release -r "$rid" --self-contained true -o "$out"
    else
        dotnet publish "$repo/$project" -c Release -o "$out"
    fi
    # One file to ship: the role unpacks it into a release folder named by its checksum. The main
    # assembly goes last, so its presence on the host means the unpack finished.
    (cd "$out" && { find . -type f ! -path "./$assembly.dll" | LC_ALL=C sort; echo "./$assembly.dll"; }) \
        | tar -C "$out" -czf "$artifacts/$app.tar.gz" -T -
done
