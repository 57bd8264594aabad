"""Write quantities-only predictions for the dev corpus, for shared/eval/score_extraction.py.

    python benchmarks/eval_quantities.py [CORPUS_DIR] [OUT_DIR] [--all-mentions]
    python ../shared/eval/score_extraction.py --dir /tmp/qty_pred ../shared/corpus/dev -v

By default each figure is listed once per article (`distinct_quantities`), as the gold files
list them; `--all-mentions` writes every mention. Extras (predictions no gold number contains or
is contained in) are printed, since the scorer lists only misses.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

from vendorgraph.loaders.documents import read_document
from vendorgraph.loaders.quantities import distinct_quantities, find_quantities

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "dev"


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold().strip()
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s.$%₱€£¥-]", " ", text)).strip(" .")


def _record(q) -> dict:
    return {
        "text": q.text,
        "kind": q.kind.value,
        "value": q.value,
        "unit": q.unit,
        "span": q.span.as_list(),
    }


def main(argv: list[str]) -> int:
    flags = [a for a in argv if a.startswith("--")]
    args = [a for a in argv if not a.startswith("--")]
    corpus = Path(args[0]) if args else CORPUS
    out = Path(args[1]) if len(args) > 1 else Path("/tmp/qty_pred")
    out.mkdir(parents=True, exist_ok=True)
    for path in sorted(corpus.glob("*.txt")):
        doc = read_document(path)
        found = find_quantities(doc)
        if "--all-mentions" not in flags:
            found = distinct_quantities(found)
        pred = {
            "document": {
                "id": doc.id,
                "title": doc.title,
                "published": doc.published,
                "publisher": doc.publisher,
            },
            "entities": [],
            "quotes": [],
            "relations": [],
            "quantities": [_record(q) for q in found],
        }
        (out / f"{path.stem}.json").write_text(json.dumps(pred, indent=1, ensure_ascii=False))
        gold_path = path.with_suffix(".gold.json")
        if gold_path.exists():
            gold = [_norm(n["text"]) for n in json.loads(gold_path.read_text())["numbers"]]
            for q in found:
                t = _norm(q.text)
                if not any(g in t or t in g for g in gold):
                    print(f"{path.stem}: extra {q.kind.value} {q.text!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
