"""The library replacements of issue 12 item 4, timed against the code they replaced, same run.

    python benchmarks/bench_libraries.py                  # old code from git revision 24a4d7d
    python benchmarks/bench_libraries.py --old 24a4d7d --docs 2000

Each row times the kept library against the hand-written version it replaced (loaded from
``--old``, a git revision) on inputs this script writes, and says how far their outputs agree:

- front matter: python-frontmatter (YAML) vs the key: value parser, ``parse_document`` of
  Markdown files with a six-key header; agreement = identical Documents;
- language: py3langid vs the English function-word ratio; agreement = same English verdict
  (English prose of our own, and the same sentences machine-free translated word lists);
- MinHash: datasketch ``MinHash`` vs the numpy multiply-shift signature, ``fingerprint`` of
  5 KB articles; agreement = same near-duplicate verdict (estimate >= 0.9) on pairs with
  one to forty words changed, and the mean error of each estimate against the exact Jaccard;
- PageRank and Katz: ``nx.pagerank`` / ``nx.katz_centrality`` vs the sparse power iterations,
  on a random dependency matrix; agreement = largest absolute difference.

Ratios are new / old: above 1 the library is slower.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import scipy.sparse as sp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vendorgraph.analysis import crosscheck  # noqa: E402
from vendorgraph.loaders import corpus, dedup, documents  # noqa: E402
from vendorgraph.ontology.model import Document  # noqa: E402

COMPANIES = ["Arden Cloud", "Belmont Chips", "Corvel Systems", "Dunmore Grid", "Elstree Labs"]
VERBS = ["rents racks from", "buys accelerators from", "signed a deal with", "depends on"]
GERMAN = [
    "die",
    "der",
    "und",
    "ist",
    "nicht",
    "mit",
    "von",
    "den",
    "auf",
    "für",
    "sich",
    "dem",
    "des",
    "eine",
    "als",
    "auch",
]


def old_module(rev: str, path: str, name: str) -> ModuleType:
    source = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{rev}:{path}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    file = Path(tempfile.mkdtemp()) / f"{name}.py"
    file.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, file)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def prose(rng: random.Random, chars: int) -> str:
    out: list[str] = []
    while sum(map(len, out)) < chars:
        a, b = rng.sample(COMPANIES, 2)
        out.append(f"{a} {rng.choice(VERBS)} {b} for {rng.randint(2, 90)} months, it said. ")
    return "".join(out)


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    value = fn()
    return time.perf_counter() - t0, value


def row(name: str, new: float, old: float, agreement: str) -> None:
    print(f"{name:12} new {new:8.3f}s  old {old:8.3f}s  new/old {new / old:6.2f}  {agreement}")


def front_matter(old: ModuleType, docs: int, rng: random.Random) -> None:
    raws = [
        f"---\ntitle: 'Deal {i}: racks'\nurl: https://news.example/{i}\npublished: 2025-03-04\n"
        f"publisher: Example News\nauthor: A. Writer\n# note\n---\n{prose(rng, 3000)}\n"
        for i in range(docs)
    ]
    t_new, new = timed(lambda: [documents.parse_document(r, suffix=".md") for r in raws])
    t_old, was = timed(lambda: [old.parse_document(r, suffix=".md") for r in raws])
    same = sum(a == b for a, b in zip(new, was, strict=True))
    row("front matter", t_new, t_old, f"identical Documents {same}/{docs}")


def language(old: ModuleType, docs: int, rng: random.Random) -> None:
    texts = [prose(rng, 1500) for _ in range(docs // 2)]
    texts += [" ".join(rng.choice(GERMAN) for _ in range(200)) for _ in range(docs - docs // 2)]
    t_new, new = timed(lambda: [corpus.identify_language(t)[0] in ("en", None) for t in texts])
    t_old, was = timed(lambda: [old.english_ratio(t)[0] >= 0.15 for t in texts])
    same = sum(a == b for a, b in zip(new, was, strict=True))
    english = sum(new[: docs // 2])
    row(
        "language",
        t_new,
        t_old,
        f"same verdict {same}/{docs}; English read as English {english}/{docs // 2}",
    )


def minhash(old: ModuleType, docs: int, rng: random.Random) -> None:
    bodies = [prose(rng, 5000) for _ in range(docs)]
    marks = [Document(text=b) for b in bodies]
    t_new, _ = timed(lambda: [dedup.fingerprint(d) for d in marks])
    t_old, _ = timed(lambda: [old.fingerprint(d) for d in marks])
    agree, errors_new, errors_old, pairs = 0, [], [], min(docs, 400)
    for i in range(pairs):
        words = bodies[i].split()
        for _ in range(1 + i % 40):
            words[rng.randrange(len(words))] = f"w{rng.randrange(10**6)}"
        other = " ".join(words)
        exact = _exact(bodies[i], other)
        new = dedup.jaccard(*(dedup.minhash(dedup.shingles(t)) for t in (bodies[i], other)))
        was = old.jaccard(*(old.minhash(old.shingles(t)) for t in (bodies[i], other)))
        agree += (new >= 0.9) == (was >= 0.9)
        errors_new.append(abs(new - exact))
        errors_old.append(abs(was - exact))
    row(
        "MinHash",
        t_new,
        t_old,
        f"same near-duplicate verdict {agree}/{pairs}; mean |estimate - exact| "
        f"new {np.mean(errors_new):.3f} old {np.mean(errors_old):.3f}",
    )


def _exact(a: str, b: str) -> float:
    sa, sb = set(dedup.shingles(a).tolist()), set(dedup.shingles(b).tolist())
    return len(sa & sb) / len(sa | sb)


def centrality(old: ModuleType, nodes: int, rng: random.Random) -> None:
    edges = 4 * nodes
    rows = [rng.randrange(nodes) for _ in range(edges)]
    cols = [rng.randrange(nodes) for _ in range(edges)]
    W = sp.csr_array((np.array([rng.random() for _ in range(edges)]), (rows, cols)), (nodes, nodes))
    for name, new_fn, old_fn in [
        ("PageRank", crosscheck.pagerank, old.pagerank),
        ("Katz", crosscheck.katz_impact, old.katz_impact),
    ]:
        t_new, new = timed(lambda f=new_fn: f(W))
        t_old, was = timed(lambda f=old_fn: f(W))
        row(
            name, t_new, t_old, f"largest |new - old| {np.abs(new - was).max():.1e} ({nodes} nodes)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--old", default="24a4d7d", help="git revision of the replaced code")
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--nodes", type=int, default=2000)
    args = parser.parse_args()
    rng = random.Random(7)
    corpus.identify_language(prose(rng, 1500))  # load py3langid's model before timing
    dedup.minhash(dedup.shingles(prose(rng, 500)))
    front_matter(
        old_module(args.old, "vendorgraph/loaders/documents.py", "old_documents"), args.docs, rng
    )
    language(old_module(args.old, "vendorgraph/loaders/corpus.py", "old_corpus"), args.docs, rng)
    minhash(old_module(args.old, "vendorgraph/loaders/dedup.py", "old_dedup"), args.docs, rng)
    centrality(
        old_module(args.old, "vendorgraph/analysis/crosscheck.py", "old_crosscheck"),
        args.nodes,
        rng,
    )


if __name__ == "__main__":
    main()
