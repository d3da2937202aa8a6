#!/usr/bin/env bash
# Adds up the TRX counters of one test run and prints the plain closing line, preceded by
# each failed test's name and the first lines of its message (CI keeps only the output's tail).
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
  python3 - "$f" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for r in ET.parse(sys.argv[1]).getroot().iterfind(".//t:UnitTestResult", ns):
    if r.get("outcome") not in ("Passed", "NotExecuted"):
        msg = r.findtext(".//t:Message", default="", namespaces=ns).strip().splitlines()
        print(f"FAILED {r.get('testName')} ({r.get('duration')})")
        for l in msg[:6]:
            print(f"    {l}")
PY
done
[ "$runs" -gt 0 ] || { echo "no test results found"; exit 1; }
echo "Tests: $passed passed, $failed failed, $skipped skipped"
