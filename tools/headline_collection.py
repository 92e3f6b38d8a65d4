#!/usr/bin/env python3
"""A known-item test collection from a news corpus: find an article from its headline.

fahras's ranking was tuned on question-answering collections; this builds a collection of
another kind, from news it never saw, to check that the gains hold there too
(docs/relevance.md, "A collection we did not tune on").

    python3 tools/headline_collection.py ../shared/data/news/ant.jsonl.gz OUTDIR

writes, in OUTDIR:

corpus.jsonl       every article with a body, as {"id", "title": "", "text": body}: the
                   headline is left out, or the query would be in the document
queries.tsv        the headlines of 1,500 articles sampled with seed 7 (qid<TAB>headline)
queries_short.tsv  the first three words of the same headlines
qrels.txt          for each query, its article and every article with the same body
                   (whitespace removed) or the same headline: wires publish one story under
                   several sections

Standard library only; the same input gives the same files.
"""
import gzip
import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

N, SEED = 1500, 7
SPACE = re.compile(r"\s+")


def words(text):
    """Whitespace tokens with at least one letter or digit (not punctuation alone)."""
    return [w for w in text.split() if any(c.isalnum() for c in w)]


def main(source, out):
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    opener = gzip.open if source.endswith(".gz") else open
    with opener(source, "rt", encoding="utf-8") as f:
        docs = [d for d in map(json.loads, f) if (d.get("body") or "").strip()]

    by_body, by_title = defaultdict(list), defaultdict(list)
    for d in docs:
        by_body[SPACE.sub("", d["body"])].append(d["id"])
        title = (d.get("title") or "").strip()
        if title:
            by_title[title].append(d["id"])

    # Headlines of three words or more, so that the short queries have exactly three.
    pool = [d for d in docs if len(words(SPACE.sub(" ", d.get("title") or ""))) >= 3]
    sample = random.Random(SEED).sample(pool, N)

    with open(out / "corpus.jsonl", "w", encoding="utf-8") as f:
        for d in docs:
            line = {"id": d["id"], "title": "", "text": d["body"]}
            f.write(json.dumps(line, ensure_ascii=False) + "\n")
    with open(out / "queries.tsv", "w", encoding="utf-8") as full, \
            open(out / "queries_short.tsv", "w", encoding="utf-8") as short, \
            open(out / "qrels.txt", "w", encoding="utf-8") as qrels:
        for i, d in enumerate(sample, 1):
            qid = f"q{i:04d}"
            title = SPACE.sub(" ", d["title"]).strip()
            full.write(f"{qid}\t{title}\n")
            short.write(f"{qid}\t{' '.join(words(title)[:3])}\n")
            same = by_body[SPACE.sub("", d["body"])] + by_title[d["title"].strip()]
            for doc in sorted({d["id"], *same}):
                qrels.write(f"{qid} 0 {doc} 1\n")
    print(f"{len(docs)} articles, {N} queries, in {out}", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
