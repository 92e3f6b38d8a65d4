#!/usr/bin/env bash
# The main job on the bundled sample corpus: build fahras, index examples/corpus into a
# fresh index under target/, and search it for باتريوت and إيمانويل.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --quiet -p fahras-cli
fahras=target/release/fahras
index=target/sample-index

rm -rf "$index"
"$fahras" --index "$index" index examples/corpus
for query in "باتريوت" "إيمانويل"; do
    printf '\n$ fahras search %s\n' "$query"
    "$fahras" --index "$index" search --limit 5 "$query"
done
