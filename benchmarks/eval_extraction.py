"""Extract every dev article and the seed, write NAME.json, and score with the official scorer.

python benchmarks/eval_extraction.py [--out DIR] [--shared ../shared] [-v]
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


def write_all(shared: Path, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    dev = sorted((shared / "corpus" / "dev").glob("*.txt"))
    articles = [*dev, shared / "seeds" / "aws-nvidia-1m-gpus.txt"]
    for path in articles:
        data = to_json(extract(read_document(path)))
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
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="vg-eval-"))
    write_all(args.shared, out)
    scorer = args.shared / "eval" / "score_extraction.py"
    cmd = [sys.executable, str(scorer), "--dir", str(out), str(args.shared / "corpus" / "dev")]
    if args.verbose:
        cmd.append("-v")
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    print(result.stdout, end="")
    print(f"predictions in {out}")
    print(f"extract() on a 5,000-word article: {timing(args.shared):.3f} s")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
