"""Extract every article of a folder, write NAME.json, and score with the official scorer.

python benchmarks/eval_extraction.py [--dir DIR | --own] [--direct-only] [--out DIR]
    [--shared ../shared] [-v]

The predictions are kept in ``--out`` when it is given; otherwise they are written to a
temporary folder that is removed after scoring.

Without ``--dir`` the folder is the shared dev corpus (``SHARED/corpus/dev``), and the seed is
extracted as well. ``--own`` scores the project's own annotated articles in
``tests/data/articles`` (press release, analyst note, earnings call, Markdown blog, HTML page,
wire story), which the extractor was not tuned on when they were written. A folder holds
``NAME.txt|.md|.html`` beside ``NAME.gold.json``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from vendorgraph.graph.extraction_json import to_json
from vendorgraph.loaders.documents import read_document
from vendorgraph.loaders.pipeline import extract

ROOT = Path(__file__).resolve().parent.parent
OWN = ROOT / "tests" / "data" / "articles"
SUFFIXES = (".txt", ".md", ".html")


def articles_in(folder: Path) -> list[Path]:
    """Every article of `folder` that has a gold annotation beside it, sorted by name."""
    return sorted(
        path
        for path in folder.iterdir()
        if path.suffix in SUFFIXES and (folder / f"{path.stem}.gold.json").is_file()
    )


def write_all(articles: list[Path], out: Path, *, direct_only: bool = False) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    for path in articles:
        data = to_json(extract(read_document(path)))
        if direct_only:  # the gold convention annotates only words between quotation marks
            data["quotes"] = [q for q in data["quotes"] if q.get("direct", True)]
        (out / f"{path.stem}.json").write_text(
            json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False)
        )
    return articles


def timing(shared: Path, words: int = 5000) -> float:
    from vendorgraph.loaders.documents import parse_document

    seed = (shared / "seeds" / "aws-nvidia-1m-gpus.txt").read_text(encoding="utf-8")
    # the benchmark text is our own paragraph, repeated; the seed is only used to warm up
    own = (
        "Acme Labs Co-founder Jane Roe said Acme Labs will deploy 20,000 Nvidia GPUs by the end "
        "of 2027. “We rely on Nvidia's most advanced GPUs,” Roe said. Zeta Capital invested $2 "
        "billion in Acme Labs, according to Zeta Capital Partner Raj Patel. AWS and Acme Labs have "
        "worked together since 2019, and Acme Labs is developing its own AI chips.\n"
    )
    text = own * (words // len(own.split()) + 1)
    extract(parse_document(seed))
    doc = parse_document(text)
    t0 = time.perf_counter()
    extract(doc)
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--dir", type=Path, default=None, help="folder of NAME.ext + NAME.gold.json")
    ap.add_argument("--own", action="store_true", help=f"score {OWN.relative_to(ROOT)}")
    ap.add_argument(
        "--direct-only", action="store_true", help="score direct quotes only (drop reported speech)"
    )
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    folder = OWN if args.own else args.dir
    if args.out is not None:
        return _score(args, folder, args.out)
    with tempfile.TemporaryDirectory(prefix="vg-eval-") as out:
        return _score(args, folder, Path(out))


def _score(args: argparse.Namespace, folder: Path | None, out: Path) -> int:
    """Write the predictions for `folder` (the dev corpus and seed when None) to `out`, score."""
    if folder is None:
        folder = args.shared / "corpus" / "dev"
        seed = args.shared / "seeds" / "aws-nvidia-1m-gpus.txt"
        extra = [seed] if seed.is_file() else []
        write_all([*articles_in(folder), *extra], out, direct_only=args.direct_only)
    else:
        write_all(articles_in(folder), out, direct_only=args.direct_only)
    scorer = args.shared / "eval" / "score_extraction.py"
    cmd = [sys.executable, str(scorer), "--dir", str(out), str(folder)]
    if args.verbose:
        cmd.append("-v")
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    print(result.stdout, end="")
    print(result.stderr, end="", file=sys.stderr)
    if args.out is not None:
        print(f"predictions in {out}")
    print(f"extract() on a 5,000-word article: {timing(args.shared):.3f} s")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
