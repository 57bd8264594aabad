"""Extraction on article styles the dev corpus does not cover, scored with the official scorer.

The articles in ``tests/data/articles`` are the project's own writing (press release, analyst
note, earnings-call summary, Markdown blog, HTML page, wire story, Q&A interview, government
statement), each annotated in the scorer's gold format before the extractor was run on it.
Reached when these floors were set (2026-11-24), pooled over the 8 articles: entities 0.98,
quotes 0.70 (1.00 on direct quotes only; the extras are reported speech, which the gold
convention does not annotate), relations 0.84, numbers 0.97.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from vendorgraph.graph.extraction_json import to_json
from vendorgraph.loaders.documents import parse_document, read_document
from vendorgraph.loaders.pipeline import extract
from vendorgraph.ontology.model import Extraction
from vendorgraph.ontology.terms import Modality

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "tests" / "data" / "articles"
SUFFIXES = (".txt", ".md", ".html")
METRICS = ("entities", "quotes", "relations", "numbers")

POOLED_FLOORS = {"entities": 0.95, "quotes": 0.65, "relations": 0.78, "numbers": 0.94}
DIRECT_QUOTE_FLOOR = 0.95
ARTICLE_FLOORS = {"entities": 0.90, "relations": 0.60, "numbers": 0.90}


def _articles() -> list[Path]:
    return sorted(
        p
        for p in ARTICLES.iterdir()
        if p.suffix in SUFFIXES and p.with_name(f"{p.stem}.gold.json").is_file()
    )


def _gold(article: Path) -> dict:
    return json.loads(article.with_name(f"{article.stem}.gold.json").read_text(encoding="utf-8"))


def _scorer(shared: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "score_extraction", shared / "eval" / "score_extraction.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def predictions() -> dict[str, dict]:
    return {a.stem: to_json(extract(read_document(a))) for a in _articles()}


def _f1(shared: Path, pairs: list[tuple[dict, dict]]) -> dict[str, float]:
    scorer = _scorer(shared)
    keys = ("entities", "type_fine", "type_coarse", *METRICS[1:])
    totals = {k: scorer.Counts() for k in keys}
    for pred, gold in pairs:
        scorer.score(pred, gold, False, totals, "x")
    return {k: totals[k].prf()[2] for k in METRICS}


def _direct_only(pred: dict) -> dict:
    return {**pred, "quotes": [q for q in pred["quotes"] if q.get("direct", True)]}


def test_there_are_at_least_six_styles():
    assert {a.suffix for a in _articles()} == set(SUFFIXES)
    assert len(_articles()) >= 6


@pytest.mark.parametrize("article", _articles(), ids=lambda p: p.stem)
def test_gold_files_follow_the_scorer_contract(article):
    # the same checks as the shared corpus validator: every text is in the body, every
    # speaker, subject and object is an entity name
    body = article.read_text(encoding="utf-8")
    gold = _gold(article)
    names = {e["name"] for e in gold["entities"]}
    for entity in gold["entities"]:
        for name in [entity["name"], *entity["aliases"]]:
            assert name in body, name
    for quote in gold["quotes"]:
        assert quote["text"] in body and (quote["speaker"] is None or quote["speaker"] in names)
    for rel in gold["relations"]:
        assert rel["evidence"] in body and {rel["subject"], rel["object"]} <= names, rel
    for number in gold["numbers"]:
        assert number["text"] in body, number


@pytest.mark.shared
def test_pooled_scores_hold_their_floors(predictions, shared_dir):
    pairs = [(predictions[a.stem], _gold(a)) for a in _articles()]
    f1 = _f1(shared_dir, pairs)
    for key, floor in POOLED_FLOORS.items():
        assert f1[key] >= floor, f"{key} F1 {f1[key]:.2f} < {floor}"
    direct = _f1(shared_dir, [(_direct_only(p), g) for p, g in pairs])
    assert direct["quotes"] >= DIRECT_QUOTE_FLOOR


@pytest.mark.shared
@pytest.mark.parametrize("article", _articles(), ids=lambda p: p.stem)
def test_each_article_holds_its_floors(article, predictions, shared_dir):
    f1 = _f1(shared_dir, [(predictions[article.stem], _gold(article))])
    for key, floor in ARTICLE_FLOORS.items():
        assert f1[key] >= floor, f"{article.stem}: {key} F1 {f1[key]:.2f} < {floor}"


# --- the general rules, on our own sentences ---------------------------------------------------


def _relations(extraction: Extraction) -> set[tuple[str, str, str]]:
    names = {e.id: e.name for e in extraction.entities}
    return {(names[r.subject], r.predicate.value, names[r.object]) for r in extraction.relations}


def test_a_title_case_headline_states_no_relation():
    text = "Vela Cloud Doubles Down On Nvidia With Bigger Cluster Order\n\nVela Cloud grew.\n"
    assert _relations(extract(parse_document(text))) == set()


def test_an_apposition_does_not_become_the_subject():
    text = "Quillon Labs, a startup backed by Zeta Capital, runs its models on Nvidia GPUs.\n"
    found = _relations(extract(parse_document(text)))
    assert ("Quillon Labs", "uses", "Nvidia GPUs") in found
    assert ("Zeta Capital", "invests_in", "Quillon Labs") in found
    assert not any(s == "Zeta Capital" and p == "uses" for s, p, _ in found)


def test_our_inside_a_quote_is_the_speakers_company():
    text = (
        "“Our Zephyr chips run every model we ship,” said Jane Roe, chief executive officer of "
        "Quillon Labs.\n"
    )
    found = _relations(extract(parse_document(text)))
    assert ("Quillon Labs", "develops", "Zephyr") in found
    assert ("Quillon Labs", "employs", "Jane Roe") in found


def test_attribution_with_a_time_phrase_is_reported_speech():
    text = "Oracle will expand its data centers in Texas, the cloud giant said on Tuesday.\n"
    extraction = extract(parse_document(text))
    names = {e.id: e.name for e in extraction.entities}
    [quote] = extraction.quotes
    assert (names.get(quote.speaker or ""), quote.direct, quote.text) == (
        "Oracle",
        False,
        "Oracle will expand its data centers in Texas",
    )


def test_an_executive_without_a_company_in_the_sentence_works_for_the_article_subject():
    text = (
        "Tarnwick Systems sold more racks. Tarnwick Systems also hired staff.\n"
        "“Orders keep rising,” Chief Financial Officer Ada Kowal said on the call.\n"
    )
    assert ("Tarnwick Systems", "employs", "Ada Kowal") in _relations(extract(parse_document(text)))


def test_byline_and_credit_names_are_people():
    text = (
        "By Mira Holm and Jon Sato\n\nAcme Labs grew.\n\n"
        "(Reporting by Mira Holm in Oslo and Jon Sato in Tokyo; Editing by Lea Brandt)\n"
    )
    people = {e.name for e in extract(parse_document(text)).entities if e.type.value == "Person"}
    assert people == {"Mira Holm", "Jon Sato", "Lea Brandt"}


def test_the_bundled_example_article(data_dir):
    example = ROOT / "examples" / "helioscale-gpu-deal.md"
    extraction = extract(read_document(example))
    found = _relations(extraction)
    assert {
        ("Fjordline Capital", "invests_in", "Helioscale"),
        ("SoftBank", "invests_in", "Helioscale"),
        ("Microsoft", "uses", "Helioscale"),
        ("Helioscale", "uses", "MI355X"),
    } <= found
    names = {e.id: e.name for e in extraction.entities}
    [testing] = [
        r
        for r in extraction.relations
        if (names[r.subject], r.predicate.value, names[r.object])
        == ("Helioscale", "uses", "MI355X")
    ]
    assert testing.modality is Modality.HEDGED
