#!/usr/bin/env python3
"""A large news corpus for the scale benchmark, made from a real one by replication.

    python3 tools/replicate_corpus.py ../shared/data/news/ant.jsonl.gz 1000000 OUT.jsonl

writes the first N articles of an endless sequence of copies of the input, each copy with
fresh ids (`<id>~<copy>`) and its articles in a fresh order (shuffled with a fixed seed per
copy), as plain JSON Lines, which both fahras and the Lucene peer read. The text stays real
news, so analysis, postings and stored text cost what they cost on news; what replication
does not reproduce is the growth of the vocabulary with the corpus (the copies add no new
words), which docs/performance.md says beside the figures.

The output is generated, never committed (the input's licence is not the project's).
Standard library only; the same input and N give the same file.
"""
import gzip
import json
import random
import sys


def read(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [line for line in f if line.strip()]


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__.strip().splitlines()[2].strip())
    source, count, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    lines = read(source)
    if not lines:
        sys.exit(f"{source}: no articles")
    written = 0
    copy = 0
    with open(out, "w", encoding="utf-8") as f:
        while written < count:
            order = list(range(len(lines)))
            if copy > 0:
                random.Random(copy).shuffle(order)
            for i in order:
                if written == count:
                    break
                article = json.loads(lines[i])
                if copy > 0:
                    article["id"] = f"{article['id']}~{copy}"
                f.write(json.dumps(article, ensure_ascii=False) + "\n")
                written += 1
            copy += 1
    print(f"{written} articles ({copy} copies of {len(lines)}) in {out}")


if __name__ == "__main__":
    main()
