"""Relations stated by fact-box lines, on profiles written for these tests."""

from __future__ import annotations

from vendorgraph.loaders.documents import parse_document
from vendorgraph.loaders.pipeline import extract

_PROFILE = (
    "Quarrel Compute\n\n"
    "Founded: 2020\n"
    "Key people: Mara Olsen (chief executive officer); Dev Patel (chief financial officer)\n"
    "Products: QC-1 and QC-2 inference accelerators\n"
    "Customers: Vesper Cloud, Tamsin AI\n"
    "- Foundry: TSMC\n"
    "Investors: Fjord Ventures\n\n"
    "Quarrel Compute is a chip start-up based in Lyon. Quarrel Compute sells its chips to cloud "
    "operators, and Vesper Cloud runs them in two data centres.\n"
)


def _triples(text: str, cue: str | None = None) -> set[tuple[str, str, str]]:
    ex = extract(parse_document(text))
    names = {e.id: e.name for e in ex.entities}
    return {
        (names[r.subject], r.predicate.value, names[r.object])
        for r in ex.relations
        if cue is None or r.cue == cue
    }


def test_a_fact_box_states_relations_with_the_company_the_article_is_about():
    found = _triples(_PROFILE, cue="label")
    assert {
        ("Quarrel Compute", "employs", "Mara Olsen"),
        ("Quarrel Compute", "employs", "Dev Patel"),
        ("Quarrel Compute", "develops", "QC-1"),
        ("Quarrel Compute", "develops", "QC-2"),
        ("Quarrel Compute", "supplies", "Vesper Cloud"),
        ("Quarrel Compute", "supplies", "Tamsin AI"),
        ("TSMC", "supplies", "Quarrel Compute"),
        ("Fjord Ventures", "invests_in", "Quarrel Compute"),
    } <= found
    # the value's entities are not related to one another by the line
    assert not any("Quarrel Compute" not in (s, o) for s, _, o in found)


def test_a_fact_box_relation_is_asserted_with_no_amount():
    ex = extract(parse_document(_PROFILE))
    labelled = [r for r in ex.relations if r.cue == "label"]
    assert labelled
    assert all(r.modality.value == "asserted" and r.quantity is None for r in labelled)


def test_a_label_the_table_does_not_list_states_nothing():
    text = (
        "Quarrel Compute designs chips for Vesper Cloud and Tamsin AI.\n"
        "Headquarters: Lyon, France\n"
        "Mara Olsen: We sell to Vesper Cloud.\n"
    )
    assert not _triples(text, cue="label")


def test_a_fact_box_in_bold_markdown_states_the_same():
    text = (
        "# Quarrel Compute\n\n"
        "- **Customers:** Vesper Cloud, Tamsin AI\n"
        "- **Foundry:** TSMC\n\n"
        "Quarrel Compute is a chip start-up based in Lyon. Quarrel Compute sells its chips to "
        "cloud operators.\n"
    )
    assert {
        ("Quarrel Compute", "supplies", "Vesper Cloud"),
        ("Quarrel Compute", "supplies", "Tamsin AI"),
        ("TSMC", "supplies", "Quarrel Compute"),
    } <= _triples(text, cue="label")
