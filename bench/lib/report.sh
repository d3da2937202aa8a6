# Turns $STATS (one line per wrk run) and the row files into the Markdown report.

# medians SECTION — per key in order of appearance: key label median_rps rounds p50 p99 cpu errors non2xx
medians() {
  awk -F'\t' -v s="$1" '
    function med(list,   n, a, i, j, t) {
      n = split(list, a, ",")
      for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
      return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    $1 == s {
      if (!($2 in label)) { order[++n] = $2; label[$2] = $3 }
      rps[$2] = rps[$2] (rps[$2] == "" ? "" : ",") $5
      p50[$2] = p50[$2] (p50[$2] == "" ? "" : ",") $6
      p99[$2] = p99[$2] (p99[$2] == "" ? "" : ",") $7
      cpu[$2] = cpu[$2] (cpu[$2] == "" ? "" : ",") $8
      if ($9 != "-") err[$2] = err[$2] " r" $4 ":" $9
      non[$2] += $10
    }
    END {
      for (i = 1; i <= n; i++) { k = order[i]
        printf "%s\t%s\t%.0f\t%s\t%.2f\t%.2f\t%.1f\t%s\t%d\n", k, label[k], med(rps[k]), rps[k], med(p50[k]), med(p99[k]), med(cpu[k]), (err[k] == "" ? "none" : err[k]), non[k]
      }
    }' "$STATS"
}

# table SECTION REF_KEY... — Markdown table with a ratio column per reference key.
table() {
  local section=$1; shift
  local refs=("$@") head="| path | req/s (median) | each round | p50 ms | p99 ms | CPU µs/req ¹ |" sep="|---|---:|---|---:|---:|---:|" r
  for r in "${refs[@]}"; do head="$head vs $(ref_label "$section" "$r") |"; sep="$sep---:|"; done
  echo "$head"; echo "$sep"
  medians "$section" >"$BENCH_TMP/med-$section.tsv"
  while IFS=$'\t' read -r key label rps rounds p50 p99 cpu errors non; do
    local line="| $label | $rps | ${rounds//,/ · } | $p50 | $p99 | $cpu |"
    for r in "${refs[@]}"; do
      local ref
      ref=$(awk -F'\t' -v k="$r" '$1 == k {print $3}' "$BENCH_TMP/med-$section.tsv")
      line="$line $(awk -v a="$rps" -v b="${ref:-0}" 'BEGIN { if (b > 0) printf "%.2f×", a / b; else printf "–" }') |"
    done
    echo "$line"
    [ "$errors" = none ] || echo "|   ↳ socket errors:$errors | | | | | |"
  done <"$BENCH_TMP/med-$section.tsv"
}

ref_label() { awk -F'\t' -v s="$1" -v k="$2" '$1 == s && $2 == k {print $3; exit}' "$STATS"; }
med_field() { awk -F'\t' -v k="$2" -v f="$3" '$1 == k {print $f}' "$BENCH_TMP/med-$1.tsv"; }

# verdict LABEL VALUE TARGET — "met" or "missed by N %".
verdict() {
  awk -v l="$1" -v v="$2" -v t="$3" 'BEGIN {
    if (v == "" || t == "" || t == 0) { printf "- %s: not measured\n", l; exit }
    if (v >= t) printf "- %s: **met** (%.2f vs target %.2f)\n", l, v, t
    else printf "- %s: **missed by %.0f %%** (%.2f vs target %.2f)\n", l, (1 - v / t) * 100, v, t }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b }'; }

skip_line() { awk -F'\t' -v k="$1" '$1 == k {print "*Skipped: " $2 ".*"}' "$BENCH_TMP/skips.tsv" 2>/dev/null; }
notes_for() { awk -F'\t' -v k="$1" '$1 == k {print "- " $2}' "$BENCH_TMP/notes.tsv" 2>/dev/null; }
