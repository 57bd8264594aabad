"""Train vendorgraph's English tagger, parser and lemmatizer from the UD English Web Treebank.

python training/parser/train.py [--treebank ../shared/treebanks/en_ewt] [--work /tmp/vg-parser]

1. converts the treebank's CoNLL-U files to spaCy's binary format (``spacy convert -c conllu
   -T``, multi-word tokens merged): train and dev ten sentences a document, test one sentence
   a document, as the extractor parses them (``--split-words`` keeps the syntactic words, and
   ``--renamed`` adds copies of sentences with renamed company names: two recipes tried and
   not shipped yet, see the model card);
2. trains ``config.cfg`` (a CNN token-to-vector layer shared by a morphologizer, which predicts
   the universal part of speech and features, and a transition-based dependency parser);
3. adds spaCy's rule lemmatizer with its official English tables (from the
   ``spacy-lookups-data`` package, needed only here: the tables are saved into the pipeline);
4. scores the result on the test split and writes the pipeline, with the treebank's licence and
   a model card, to ``vendorgraph/loaders/model/en_vendorgraph_ewt``.

The pipeline carries the treebank's licence, CC BY-SA 4.0 (see ``MODEL_CARD.md`` beside it).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

from augment import augment  # the script's own folder is on the path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TARGET = ROOT / "vendorgraph" / "loaders" / "model" / "en_vendorgraph_ewt"


def convert(treebank: Path, corpus: Path, *, split_words: bool, renamed: bool) -> None:
    """Convert the three CoNLL-U splits to spaCy's binary format in `corpus`.

    By default multi-word tokens are merged (``-T``: "Nvidia's", "don't" one token each), the
    recipe of the shipped pipeline. With `split_words` the words are the treebank's syntactic
    words ("Nvidia" "'s", "do" "n't"), as spaCy's tokenizer splits them when the extractor
    parses; with `renamed` the train split gets renamed copies of half its sentences with
    company-drawn names (``augment.py``). Neither is shipped yet (see ``MODEL_CARD.md``).
    """
    corpus.mkdir(parents=True, exist_ok=True)
    staged = corpus / "conllu"
    staged.mkdir(exist_ok=True)
    for split in ("train", "dev", "test"):
        shutil.copy(treebank / f"en_ewt-ud-{split}.conllu", staged)
    if renamed:
        train_split = staged / "en_ewt-ud-train.conllu"
        added = augment(treebank / "en_ewt-ud-train.conllu", train_split)
        print(f"train split: {added} renamed copies added")
    merge = [] if split_words else ["-T"]
    for split, per_doc in (("train", "10"), ("dev", "10"), ("test", "1")):
        source = staged / f"en_ewt-ud-{split}.conllu"
        subprocess.run(
            [sys.executable, "-m", "spacy", "convert", str(source), str(corpus),
             "-c", "conllu", "-n", per_doc, *merge],
            check=True,
        )  # fmt: skip


def train(corpus: Path, out: Path) -> Path:
    """Train ``config.cfg`` on the converted splits; return the best model's folder."""
    subprocess.run(
        [sys.executable, "-m", "spacy", "train", str(HERE / "config.cfg"), "--output", str(out),
         "--paths.train", str(corpus / "en_ewt-ud-train.spacy"),
         "--paths.dev", str(corpus / "en_ewt-ud-dev.spacy")],
        check=True,
    )  # fmt: skip
    return out / "model-best"


def add_lemmatizer(model: Path, final: Path) -> None:
    """Add the rule lemmatizer and the metadata to `model` and write it to `final`."""
    import spacy

    nlp = spacy.load(model)
    nlp.add_pipe("lemmatizer", config={"mode": "rule"}).initialize()  # spacy-lookups-data
    nlp.meta.update(
        name="vendorgraph_ewt",
        version="1.0.0",
        description="Tagger, dependency parser and rule lemmatizer trained on UD English EWT "
        "v2.15 for vendorgraph's relation and quote finding.",
        license="CC BY-SA 4.0",
        sources=[
            {
                "name": "UD English EWT v2.15",
                "url": "https://github.com/UniversalDependencies/UD_English-EWT",
                "license": "CC BY-SA 4.0",
                "author": "Stanford University and the UD contributors",
            }
        ],
    )
    nlp.to_disk(final)


def evaluate(final: Path, corpus: Path) -> dict[str, float]:
    """Score `final` on the test split, one sentence at a time, and time it."""
    import spacy
    from spacy.tokens import DocBin
    from spacy.training import Example

    nlp = spacy.load(final)
    gold = list(DocBin().from_disk(corpus / "en_ewt-ud-test.spacy").get_docs(nlp.vocab))
    examples = [Example(nlp.make_doc(d.text), d) for d in gold]
    scores = nlp.evaluate(examples)
    words = sum(len(d) for d in gold)
    start = time.perf_counter()
    for _ in nlp.pipe((d.text for d in gold), batch_size=256):
        pass
    seconds = time.perf_counter() - start
    return {
        "pos_acc": round(scores["pos_acc"], 4),
        "morph_acc": round(scores["morph_acc"], 4),
        "dep_uas": round(scores["dep_uas"], 4),
        "dep_las": round(scores["dep_las"], 4),
        "lemma_acc": round(scores.get("lemma_acc") or 0.0, 4),
        "words": words,
        "words_per_second": round(words / seconds),
    }


def main() -> int:
    """Convert, train, finish and ship the pipeline."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--treebank", type=Path, default=ROOT.parent / "shared/treebanks/en_ewt")
    ap.add_argument("--work", type=Path, default=Path("/tmp/vg-parser"))
    ap.add_argument("--skip-training", action="store_true", help="reuse WORK/out/model-best")
    ap.add_argument("--target", type=Path, default=TARGET, help="where the pipeline is written")
    ap.add_argument(
        "--split-words", action="store_true", help="train on syntactic words (not shipped yet)"
    )
    ap.add_argument(
        "--renamed", action="store_true", help="add renamed copies of names (not shipped yet)"
    )
    args = ap.parse_args()
    corpus = args.work / "corpus"
    convert(args.treebank, corpus, split_words=args.split_words, renamed=args.renamed)
    best = args.work / "out" / "model-best"
    if not args.skip_training:
        best = train(corpus, args.work / "out")
    staged = args.work / "final"
    shutil.rmtree(staged, ignore_errors=True)
    add_lemmatizer(best, staged)
    scores = evaluate(staged, corpus)
    print(json.dumps(scores, indent=1))
    shutil.copy(args.treebank / "LICENSE.txt", staged / "LICENSE-EWT.txt")
    (staged / "scores.json").write_text(json.dumps(scores, indent=1, sort_keys=True) + "\n")
    shutil.rmtree(args.target, ignore_errors=True)
    shutil.copytree(staged, args.target)
    shutil.copy(HERE / "MODEL_CARD.md", args.target / "MODEL_CARD.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
