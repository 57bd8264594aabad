"""resolve_entities merges an entity across articles, never two companies sharing a word."""

from __future__ import annotations

import pytest

from tests.graph._multi import org
from vendorgraph.errors import InputError
from vendorgraph.graph.merges import add_merges, why_same
from vendorgraph.graph.rdf import to_dataset
from vendorgraph.ontology import Document, Entity, EntityType, Extraction, Predicate, Relation
from vendorgraph.ontology.matching import normalise_name
from vendorgraph.resolution import ResolutionRules, resolve_entities


def one(text: str, *entities: tuple[str, str], **kw) -> Extraction:
    doc = Document(text=text)
    return Extraction(document=doc, entities=tuple(org(i, n, doc, **kw) for i, n in entities))


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Nvidia Corp.", "nvidia", True),
        ("Acme Inc", "Acme's", True),
        ("Bolt Ltd", "BOLT", True),
        ("Meta", "Metaculus", False),
        ("Intel", "Intel Capital", False),
    ],
)
def test_names_merge_only_when_they_normalise_alike(a, b, same):
    res = resolve_entities([one(f"{a} grew.", ("org/x1", a)), one(f"{b} grew.", ("org/x2", b))])
    assert (len(res.merges) == 1) is same
    assert why_same(res, a, b).same is same


def test_lexicon_ids_merge_before_names():
    exs = [
        one("Big Blue said.", ("org/big-blue", "Big Blue"), lexicon="org/ibm"),
        one("IBM said.", ("org/ibm", "IBM"), lexicon="org/ibm"),
    ]
    res = resolve_entities(exs)
    (merge,) = res.merges
    assert (merge.source, merge.target, merge.rule) == ("org/big-blue", "org/ibm", "lexicon")
    assert {e.id for ex in res.extractions for e in ex.entities} == {"org/ibm"}


def test_different_lexicon_ids_never_merge_by_name():
    a = one("Apex said.", ("org/apex-1", "Apex"), lexicon="org/apex-1")
    b = one("Apex said.", ("org/apex-2", "Apex"), lexicon="org/apex-2")
    assert resolve_entities([a, b]).merges == ()


def test_intel_capital_keeps_parent_intel():
    doc = Document(text="Intel Capital, the arm of Intel, invested.")
    cap = org("org/intel-capital", "Intel Capital", doc, parent="org/intel")
    intel = org("org/intel", "Intel", doc)
    res = resolve_entities([Extraction(document=doc, entities=(cap, intel))])
    assert res.merges == ()
    assert res.extractions[0].entity("org/intel-capital").parent == "org/intel"


def _people(text: str, person_id: str, name: str, company: str) -> Extraction:
    doc = Document(text=text)
    p = Entity(id=person_id, name=name, type=EntityType.PERSON)
    c = org("org/" + company.lower(), company, doc)
    rel = Relation(id="e", subject=c.id, predicate=Predicate.EMPLOYS, object=p.id,
                   span=doc.span(0, len(text)))  # fmt: skip
    return Extraction(document=doc, entities=(p, c), relations=(rel,))


def test_surname_person_merges_with_full_name_at_same_company_only():
    full = _people("Ada Vance leads Kestrel.", "person/ada-vance", "Ada Vance", "Kestrel")
    short = _people("Vance of Kestrel spoke.", "person/vance", "Vance", "Kestrel")
    other = _people("Vance of Nimbus spoke.", "person/vance-n", "Vance", "Nimbus")
    res = resolve_entities([full, short, other])
    assert [(m.source, m.target, m.rule) for m in res.merges] == [
        ("person/vance", "person/ada-vance", "person")
    ]


def test_rules_pin_and_forbid(tmp_path):
    path = tmp_path / "rules.toml"
    path.write_text(
        '[[same]]\nnames = ["Big Blue", "IBM"]\n[[different]]\nnames = ["Orion", "Orion Inc"]\n'
    )
    rules = ResolutionRules.load(path)
    exs = [
        one("Big Blue and Orion.", ("org/big-blue", "Big Blue"), ("org/orion", "Orion")),
        one("IBM and Orion Inc.", ("org/ibm", "IBM"), ("org/orion-inc", "Orion Inc")),
    ]
    res = resolve_entities(exs, rules=rules)
    assert [(m.source, m.target, m.rule) for m in res.merges] == [
        ("org/big-blue", "org/ibm", "pinned")
    ]
    assert not why_same(res, "Orion", "Orion Inc", rules=rules).same
    assert "[[different]]" in str(why_same(res, "Orion", "Orion Inc", rules=rules))


@pytest.mark.parametrize(
    ("content", "match"),
    [
        ("[[same]\nnames = 1", r"rules\.toml.*line 1"),
        ("[[same]]\nnames = ['only one']", r"two or more strings"),
        ("[[maybe]]\nnames = ['a', 'b']", r"unknown table"),
    ],
)
def test_bad_rules_file_names_file_and_problem(tmp_path, content, match):
    path = tmp_path / "rules.toml"
    path.write_text(content)
    with pytest.raises(InputError, match=match):
        ResolutionRules.load(path)


def test_why_same_works_on_a_built_graph():
    exs = [
        one("Acme Inc grew.", ("org/acme-inc", "Acme Inc")),
        one("Acme grew.", ("org/acme", "Acme")),
    ]
    res = resolve_entities(exs)
    ds = to_dataset(res.extractions)
    add_merges(ds, res)
    answer = why_same(ds, "Acme Inc", "acme")
    assert answer.same and answer.a_id == "org/acme"
    assert "normalise alike" in str(answer)
    assert not why_same(ds, "Acme", "Zed").same


def test_normalise_name_table():
    assert normalise_name("Alpha Holdings Corp.") == "alpha holdings"


def test_shared_corpus_gives_one_node_per_company(dev_dir, seed_path):
    from vendorgraph.graph.networkx import to_networkx
    from vendorgraph.loaders.documents import read_document
    from vendorgraph.loaders.pipeline import extract

    paths = [*sorted(dev_dir.glob("*.txt")), seed_path]
    res = resolve_entities(extract(read_document(p)) for p in paths)
    G = to_networkx(res.extractions)
    for name in ("Nvidia", "AWS", "OpenAI", "Anthropic", "Google"):
        assert [n for n, d in G.nodes(data=True) if d["label"] == name] == [f"org/{name.lower()}"]


def _product(text: str, name: str, eid: str, *aliases: str, maker: tuple[str, str] | None = None):
    doc = Document(text=text)
    entities = [Entity(id=eid, name=name, aliases=aliases, type=EntityType.CHIP)]
    if maker is not None:
        entities.append(Entity(id=maker[0], name=maker[1], type=EntityType.CHIP_VENDOR))
    return Extraction(document=doc, entities=tuple(entities))


def test_offerings_of_different_makers_never_merge_on_a_shared_name():
    # each article names its maker's accelerators with the maker's name, and without it as an alias
    groq = _product("g", "Groq TPU v7 accelerators", "product/groq-tpu", "TPU v7 accelerators",
                    maker=("org/groq", "Groq"))  # fmt: skip
    amd = _product("a", "AMD TPU v7 accelerators", "product/amd-tpu", "TPU v7 accelerators",
                   maker=("org/amd", "AMD"))  # fmt: skip
    assert resolve_entities([groq, amd]).merges == ()


def test_offerings_of_one_maker_or_of_no_known_maker_still_merge_by_name():
    a = _product(
        "a", "Acme X1 chips", "product/acme-x1-chips", "X1 chips", maker=("org/acme", "Acme")
    )
    b = _product("b", "Acme X1 chips", "product/acme-x1", maker=("org/acme", "Acme"))
    c = _product("c", "X1 chips", "product/x1-chips")
    targets = {m.source: m.target for m in resolve_entities([a, b, c]).merges}
    assert set(targets) | set(targets.values()) == {
        "product/acme-x1-chips",
        "product/acme-x1",
        "product/x1-chips",
    }


def test_a_parent_is_a_maker_and_a_pin_overrides_makers():
    one = Entity(id="product/z-one", name="Zeta One", type=EntityType.CHIP, parent="org/zeta")
    two = Entity(id="product/z-1", name="Zeta One", type=EntityType.CHIP, parent="org/omega")
    exs = [
        Extraction(document=Document(text=t), entities=(e,)) for t, e in (("1", one), ("2", two))
    ]
    assert resolve_entities(exs).merges == ()
    pinned = resolve_entities(exs, rules=ResolutionRules(same=(("Zeta One", "Zeta One"),)))
    assert [m.rule for m in pinned.merges] == ["pinned"]
