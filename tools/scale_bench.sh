#!/usr/bin/env bash
# The scale benchmark of docs/performance.md: fahras and Lucene side by side on the same
# corpus at growing sizes, one indexing thread each, the same queries, in one run.
#
#   tools/scale_bench.sh CORPUS.jsonl[.gz] OUTDIR [SIZES...]
#
# CORPUS is replicated (tools/replicate_corpus.py) to the largest size into OUTDIR, and each
# size is its first N articles. For each size it runs examples/corpus_bench (fahras, one
# thread, default settings) and ../shared/peers/lucene.sh (Lucene's ArabicAnalyzer), and
# prints one Markdown row per size; the raw reports stay in OUTDIR. Default sizes: 41661
# 100000 250000 500000 1000000. The corpora and indexes are generated, never committed.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 2 ] || { sed -n '2,12p' "$0"; exit 2; }
corpus=$1
out=$2
shift 2
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(41661 100000 250000 500000 1000000)
queries=benches/data/news-queries.tsv
lucene=../shared/peers/lucene.sh
mkdir -p "$out"
largest=$(printf '%s\n' "${sizes[@]}" | sort -n | tail -1)
all="$out/corpus-$largest.jsonl"
[ -s "$all" ] || python3 tools/replicate_corpus.py "$corpus" "$largest" "$all"
cargo build --release --locked --example corpus_bench >&2

echo "| articles | fahras indexing | fahras articles/s | Lucene indexing | Lucene articles/s | ratio | fahras size | Lucene size | fahras peak RSS | fahras median / p99, no snippets | Lucene median / p99 | fahras median, snippets |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
for n in "${sizes[@]}"; do
    part="$out/corpus-$n.jsonl"
    [ "$n" = "$largest" ] || head -n "$n" "$all" > "$part"
    target/release/examples/corpus_bench --corpus "$part" --queries "$queries" --threads 1 \
        --tmp "$out" --json > "$out/fahras-$n.json"
    "$lucene" "$part" "$queries" "$out/lucene-$n" --k 10 > "$out/lucene-$n.log" 2>&1
    python3 - "$out/fahras-$n.json" "$out/lucene-$n/metrics.json" <<'PY'
import json, sys
f = json.load(open(sys.argv[1]))
e = f["fahras"]
l = json.load(open(sys.argv[2]))
print(f"| {e['articles']:,} | {e['index_seconds']:.1f} s | {e['docs_per_sec']:,.0f} "
      f"| {l['index_seconds']:.1f} s | {l['index_docs_per_s']:,.0f} "
      f"| {e['docs_per_sec'] / l['index_docs_per_s']:.2f}× "
      f"| {e['index_bytes'] / 1e6:,.0f} MB | {l['index_bytes'] / 1e6:,.0f} MB "
      f"| {e['peak_rss_indexing_mb']:,.0f} MB "
      f"| {e['no_snippets']['median_ms']:.3f} / {e['no_snippets']['p99_ms']:.2f} ms "
      f"| {l['query_ms_median']:.3f} / {l['query_ms_p99']:.2f} ms "
      f"| {e['snippets']['median_ms']:.2f} ms |")
PY
    [ "$n" = "$largest" ] || rm -f "$part"
done
