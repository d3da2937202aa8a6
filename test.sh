#!/usr/bin/env bash
# The test command: installs what the tests need, builds Release and runs every test.
#   ./test.sh                                  everything (what CI runs)
#   TEST_FILTER='Category!=RealPeer' ./test.sh skip the slow real-peer suites locally
#   SKIP_INSTALL=1 ./test.sh                   do not touch apt
set -euo pipefail
cd "$(dirname "$0")"
[ "${SKIP_INSTALL:-0}" = 1 ] || scripts/install-test-deps.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build SorryEdge.sln -c Release -nologo -v q
echo "Checking formatting (dotnet format --verify-no-changes)…"
dotnet format SorryEdge.sln --verify-no-changes --no-restore -v q
echo "Checking the deployment (deploy/ansible/check.sh)…"
deploy/ansible/check.sh
results="$(pwd)/artifacts/test-results"
rm -rf "$results"; mkdir -p "$results"
args=(SorryEdge.sln -c Release --no-build --logger "trx" --logger "console;verbosity=normal" --results-directory "$results")
[ -z "${TEST_FILTER:-}" ] || args+=(--filter "$TEST_FILTER")
status=0
dotnet test "${args[@]}" || status=$?
scripts/test-summary.sh "$results"
exit $status
