"""Time :func:`vendorgraph.loaders.pipeline.extract` and freeze its output.

    python benchmarks/bench_extract.py                  # articles/s, per-stage ms, 5,000 words
    python benchmarks/bench_extract.py --snapshot DIR   # write every article's JSON to DIR
    python benchmarks/bench_extract.py --compare DIR    # check the output is byte-identical

The texts are every article in ``/work/shared/corpus/dev``, ``/work/shared/seeds``,
``tests/data/articles`` and ``examples``, 300 synthetic articles from ``make_corpus.py``
(written to a temporary folder), a ~5,000-word article joined from synthetic bodies, and
in-memory variants of the real articles (paragraphs reversed, blank lines doubled, all joined)
so that the snapshot exercises more sentence and paragraph layouts than the files alone.
Nothing is written into the repository.

Speed is printed as articles/second on the synthetic and the real texts, with the speed of
spaCy's plain tokenizer over the same texts as a baseline measured in the same run (the ratio
travels across machines), and the time of one 5,000-word article.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from vendorgraph.graph.extraction_json import to_json
from vendorgraph.loaders.documents import SUPPORTED_SUFFIXES, read_document
from vendorgraph.loaders.pipeline import extract
from vendorgraph.loaders.text import nlp
from vendorgraph.ontology.model import Document

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path("/work/shared")
REAL_DIRS = (
    SHARED / "corpus" / "dev",
    SHARED / "seeds",
    ROOT / "tests" / "data" / "articles",
    ROOT / "examples",
)
SYNTHETIC = 300
LONG_WORDS = 5000


def _article_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES and not p.name.endswith(".json")
    )


def _synthetic(tmp: Path) -> list[Path]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from make_corpus import write_corpus  # a script beside this one

    write_corpus(SYNTHETIC, tmp, seed=7)
    return _article_files(tmp / "articles")


def _body(doc: Document) -> str:
    return doc.text[doc.body_start :]


def _long_article(synthetic: list[Document]) -> Document:
    parts: list[str] = []
    words = 0
    for doc in synthetic:
        parts.append(_body(doc).strip())
        words += len(parts[-1].split())
        if words >= LONG_WORDS:
            break
    return Document(text="\n\n".join(parts) + "\n")


def _variants(real: list[tuple[str, Document]]) -> Iterator[tuple[str, Document]]:
    for name, doc in real:
        lines = _body(doc).split("\n")
        yield f"variant/reversed/{name}", Document(text="\n".join(reversed(lines)))
        yield f"variant/spaced/{name}", Document(text=_body(doc).replace("\n", "\n\n \n"))
    if real:
        joined = "\n".join(_body(doc) for _, doc in real)
        yield "variant/joined", Document(text=joined)


def _corpus(tmp: Path) -> tuple[list[tuple[str, Document]], list[tuple[str, Document]]]:
    """Return (real, synthetic) named documents; real includes the in-memory variants."""
    real = [
        (f"{folder.name}/{p.relative_to(folder)}", read_document(p))
        for folder in REAL_DIRS
        for p in _article_files(folder)
    ]
    synthetic = [(f"synthetic/{p.name}", read_document(p)) for p in _synthetic(tmp)]
    extra = list(_variants(real))
    extra.append(("long/5000-words", _long_article([d for _, d in synthetic])))
    return real + extra, synthetic


def _serialise(doc: Document) -> str:
    return json.dumps(to_json(extract(doc)), sort_keys=True, ensure_ascii=False, indent=1) + "\n"


def _file_name(name: str) -> str:
    return name.replace("/", "__") + ".json"


def snapshot(out: Path, docs: list[tuple[str, Document]]) -> None:
    """Write the JSON of every document's extraction into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for name, doc in docs:
        (out / _file_name(name)).write_text(_serialise(doc), encoding="utf-8")
    print(f"wrote {len(docs)} snapshots to {out}")


def compare(saved: Path, docs: list[tuple[str, Document]]) -> int:
    """Return how many documents' JSON differs from (or is missing in) `saved`."""
    bad = 0
    for name, doc in docs:
        path = saved / _file_name(name)
        now = _serialise(doc)
        if not path.is_file() or path.read_text(encoding="utf-8") != now:
            bad += 1
            print(f"DIFFERS: {name}")
    expected = {p.name for p in saved.glob("*.json")}
    missing = expected - {_file_name(n) for n, _ in docs}
    for name in sorted(missing):
        print(f"NOT PRODUCED: {name}")
    print(f"{len(docs) - bad}/{len(docs)} identical; {len(missing)} snapshot(s) not produced")
    return bad + len(missing)


def _best(run: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - t0)
    return best


def _rate(docs: list[Document], repeat: int) -> tuple[float, float]:
    """Return (articles/s of extract, articles/s of the plain spaCy tokenizer)."""
    tokenizer = nlp().tokenizer
    ex = _best(lambda: [extract(d) for d in docs], repeat)
    tok = _best(lambda: [tokenizer(d.text) for d in docs], repeat)
    return len(docs) / ex, len(docs) / tok


def _stages(docs: list[Document]) -> dict[str, float]:
    """Return ms per article spent in each stage, from cProfile's cumulative times."""
    profile = cProfile.Profile()
    profile.enable()
    for doc in docs:
        extract(doc)
    profile.disable()
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    wanted = {
        "split_sentences": "sentences",
        "find_entities": "entities",
        "find_quantities": "quantities",
        "find_quotes": "quotes",
        "find_relations": "relations",
        "extract": "total",
    }
    out: dict[str, float] = {}
    for (filename, _line, func), (_cc, _nc, _tt, ct, _callers) in stats.items():
        if func in wanted and "vendorgraph/loaders" in filename:
            out[wanted[func]] = out.get(wanted[func], 0.0) + ct * 1000 / len(docs)
    return out


def bench(real: list[tuple[str, Document]], synthetic: list[tuple[str, Document]]) -> None:
    """Print articles/s, per-stage times and the time of a 5,000-word article."""
    files = [d for n, d in real if not n.startswith(("variant/", "long/"))]
    long_doc = next(d for n, d in real if n.startswith("long/"))
    synth = [d for _, d in synthetic]
    for doc in synth[:20]:
        extract(doc)  # warm caches (pipeline, lexicon, patterns)
    for label, docs, repeat in (("synthetic", synth, 3), ("real files", files, 5)):
        ex, tok = _rate(docs, repeat)
        print(
            f"{label:11s} {len(docs):4d} articles: {ex:7.1f} articles/s "
            f"({1000 / ex:5.2f} ms each); spaCy tokenizer alone {tok:7.1f}/s; "
            f"ratio {tok / ex:5.1f}x"
        )
    long_ms = _best(lambda: extract(long_doc), 5) * 1000
    print(f"one {len(long_doc.text.split())}-word article: {long_ms:.1f} ms")
    stages = _stages(synth)
    print("per stage on synthetic (ms/article, cProfile, inflated by profiling):")
    print("  " + ", ".join(f"{k} {v:.2f}" for k, v in sorted(stages.items())))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--snapshot", type=Path, metavar="DIR", help="write the JSON outputs")
    group.add_argument("--compare", type=Path, metavar="DIR", help="check against a snapshot")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        real, synthetic = _corpus(Path(tmp))
    if args.snapshot:
        snapshot(args.snapshot, real + synthetic)
        return 0
    if args.compare:
        return 1 if compare(args.compare, real + synthetic) else 0
    bench(real, synthetic)
    return 0


if __name__ == "__main__":
    sys.exit(main())
