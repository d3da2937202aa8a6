#!/usr/bin/env bash
# Adds up the TRX counters of one test run and prints the plain closing line.
set -euo pipefail
passed=0 failed=0 skipped=0 runs=0
for f in "$1"/*.trx; do
  [ -e "$f" ] || continue
  runs=$((runs + 1))
  line=$(grep -o '<Counters [^>]*>' "$f" | head -1)
  get() { echo "$line" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  total=$(get total); executed=$(get executed)
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + total - executed))
done
[ "$runs" -gt 0 ] || { echo "no test results found"; exit 1; }
echo "Tests: $passed passed, $failed failed, $skipped skipped"
