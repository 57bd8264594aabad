"""Re-measure the shipped tagger and parser on the UD English EWT test split, and its speed.

python benchmarks/bench_parser.py [--treebank ../shared/treebanks/en_ewt]

Prints POS accuracy, UAS and LAS on the test split (which the model never saw in training or
model selection), and words per second of the parser alone over the test sentences, one
process on one core, against the blank tokenizer's speed measured in the same run.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")  # one core: the figure is per core

import spacy
from spacy.cli.convert import convert
from spacy.tokens import DocBin
from spacy.training import Example

from vendorgraph.loaders.parse import load_parser

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--treebank", type=Path, default=ROOT.parent / "shared/treebanks/en_ewt")
    args = ap.parse_args()
    nlp = load_parser()
    with tempfile.TemporaryDirectory() as tmp:
        convert(
            args.treebank / "en_ewt-ud-test.conllu", tmp, file_type="spacy",
            converter="conllu", n_sents=1, merge_subtokens=True,
        )  # fmt: skip
        gold = list(DocBin().from_disk(Path(tmp) / "en_ewt-ud-test.spacy").get_docs(nlp.vocab))
    scores = nlp.evaluate([Example(nlp.make_doc(d.text), d) for d in gold])
    texts = [d.text for d in gold]
    words = sum(len(d) for d in gold)
    blank = spacy.blank("en")
    start = time.perf_counter()
    for _ in blank.pipe(texts):
        pass
    tokenize = time.perf_counter() - start
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    parse = time.perf_counter() - start
    print(f"EWT test: {len(gold)} sentences, {words} words")
    lemma = scores.get("lemma_acc") or 0.0
    print(f"POS accuracy {scores['pos_acc']:.3f}  UAS {scores['dep_uas']:.3f}  ", end="")
    print(f"LAS {scores['dep_las']:.3f}  lemma accuracy {lemma:.3f}")
    print(f"parser: {words / parse:,.0f} words/s on one core ", end="")
    print(f"(tokenizer alone: {words / tokenize:,.0f} words/s; ratio {tokenize / parse:.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
