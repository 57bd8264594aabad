"""Words per second of full extraction on real articles, one core, against the bare tokenizer.

python benchmarks/bench_words.py [--shared ../shared] [--repeat 3]

The texts are the dev corpus and the seed (from ``../shared``) and the project's own annotated
articles (``tests/data/articles``). Every article is extracted once to warm up, then the whole
set ``--repeat`` times; the best time is reported, with the speed of spaCy's blank English
tokenizer over the same bodies measured in the same run (the ratio travels across machines).
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core: the figure is per core

import spacy

from vendorgraph.loaders.documents import read_document
from vendorgraph.loaders.pipeline import extract

ROOT = Path(__file__).resolve().parent.parent


def _articles(shared: Path) -> list[Path]:
    own = ROOT / "tests" / "data" / "articles"
    paths = sorted((shared / "corpus" / "dev").glob("*.txt"))
    paths += sorted((shared / "seeds").glob("*.txt"))
    return paths + sorted(p for p in own.iterdir() if not p.name.endswith(".json"))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    docs = [read_document(p) for p in _articles(args.shared)]
    bodies = [d.text[d.body_start :] for d in docs]
    words = sum(len(b.split()) for b in bodies)
    blank = spacy.blank("en")
    for doc in docs:
        extract(doc)
    extracting, tokenizing = [], []
    for _ in range(args.repeat):
        start = time.perf_counter()
        for doc in docs:
            extract(doc)
        extracting.append(time.perf_counter() - start)
        start = time.perf_counter()
        for _ in blank.pipe(bodies):
            pass
        tokenizing.append(time.perf_counter() - start)
    best, base = min(extracting), min(tokenizing)
    print(f"{len(docs)} articles, {words:,} words")
    print(f"full extraction: {words / best:,.0f} words/s on one core (best of {args.repeat})")
    print(f"tokenizer alone: {words / base:,.0f} words/s; ratio {base / best:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
