from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest
import rdflib
from hypothesis import given
from hypothesis import strategies as st

from vendorgraph.errors import (
    GraphFileError,
    InputFileError,
    ModelError,
    UnknownEntityError,
    VendorGraphError,
)
from vendorgraph.ontology.lexicon import (
    KIND_TYPES,
    KINDS,
    ROLE_TYPES,
    Lexicon,
    LexiconEntry,
    load_lexicon,
    normalize_surface,
)
from vendorgraph.ontology.model import entity_id
from vendorgraph.ontology.namespace import VG, VGC, load_ontology
from vendorgraph.ontology.terms import EntityType

LEXICON_TTL = (
    Path(__file__).resolve().parents[2] / "vendorgraph" / "ontology" / "data" / "lexicon.ttl"
)
SCHEMA = rdflib.Namespace("https://schema.org/")
WD = "http://www.wikidata.org/entity/"

PREFIXES = """\
@base <https://w3id.org/vendorgraph/id/> .
@prefix vg: <https://w3id.org/vendorgraph/ont#> .
@prefix vgc: <https://w3id.org/vendorgraph/concept/> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
"""


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon()


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "lexicon.ttl"
    path.write_text(PREFIXES + body, encoding="utf-8")
    return path


# --- the shipped file ---------------------------------------------------------------------------


def test_lexicon_file_parses_with_plain_rdflib() -> None:
    graph = rdflib.Graph().parse(LEXICON_TTL, format="turtle")
    assert len(set(graph.subjects(SCHEMA.name))) >= 80


def test_lexicon_has_at_least_80_entries(lexicon: Lexicon) -> None:
    assert len(lexicon) >= 80
    assert len(lexicon.entries) == len(lexicon)


def test_lexicon_entries_are_sorted_by_unique_id(lexicon: Lexicon) -> None:
    ids = [e.id for e in lexicon.entries]
    assert ids == sorted(ids)
    assert len(ids) == len(set(ids))


def test_lexicon_ids_are_what_entity_id_mints(lexicon: Lexicon) -> None:
    wrong = {e.id: entity_id(e.name, e.type) for e in lexicon if entity_id(e.name, e.type) != e.id}
    assert wrong == {}


def test_lexicon_references_resolve_to_entries(lexicon: Lexicon) -> None:
    dangling = [(e.id, ref) for e in lexicon for ref in e.references if ref not in lexicon]
    assert dangling == []


@pytest.mark.parametrize(
    ("attribute", "prefixes"),
    [("parent", ("org/",)), ("affiliation", ("org/",)), ("developer", ("org/",))],
)
def test_lexicon_references_point_at_organisations(
    lexicon: Lexicon, attribute: str, prefixes: tuple[str, ...]
) -> None:
    bad = [e.id for e in lexicon if (ref := getattr(e, attribute)) and not ref.startswith(prefixes)]
    assert bad == []


def test_lexicon_people_have_titles_and_organisations(lexicon: Lexicon) -> None:
    people = [e for e in lexicon if e.type is EntityType.PERSON]
    assert len(people) >= 15
    assert [p.id for p in people if p.affiliation is None or not p.title] == []


def test_lexicon_offerings_have_developers(lexicon: Lexicon) -> None:
    offerings = [e for e in lexicon if e.type.is_offering]
    missing = [e.id for e in offerings if e.developer is None and e.kind != "Technology"]
    assert missing == []


def test_lexicon_wikidata_ids_are_well_formed_and_agree_with_same_as(lexicon: Lexicon) -> None:
    graph = rdflib.Graph().parse(LEXICON_TTL, format="turtle")
    for entry in lexicon:
        if entry.wikidata is None:
            continue
        assert re.fullmatch(r"Q[1-9][0-9]*", entry.wikidata)
        subject = rdflib.URIRef("https://w3id.org/vendorgraph/id/" + entry.id)
        same_as = {str(o) for o in graph.objects(subject, SCHEMA.sameAs)}
        assert same_as == {WD + entry.wikidata}, entry.id


def test_lexicon_kinds_are_known(lexicon: Lexicon) -> None:
    assert {e.kind for e in lexicon} <= set(KINDS)


def test_type_tables_cover_every_market_role_of_the_ontology() -> None:
    ontology = load_ontology()
    roles = set(ontology.subjects(rdflib.namespace.SKOS.inScheme, VGC.MarketRole))
    assert roles == set(ROLE_TYPES)


def test_type_tables_agree_with_the_json_types_of_the_ontology() -> None:
    ontology = load_ontology()
    for term, name in ontology.subject_objects(VG.jsonType):
        table = ROLE_TYPES if str(term).startswith(str(VGC)) else KIND_TYPES
        assert table[rdflib.URIRef(str(term))] is EntityType(str(name)), term


def test_role_types_map_sub_roles_to_their_broader_role() -> None:
    assert ROLE_TYPES[VGC.Foundry] is EntityType.CHIP_VENDOR
    assert ROLE_TYPES[VGC.NeoCloud] is EntityType.CLOUD_PROVIDER
    assert ROLE_TYPES[VGC.AnalystFirm] is EntityType.CONSULTANCY
    assert ROLE_TYPES[VGC.NewsAgency] is EntityType.PUBLISHER


def test_lexicon_no_two_entries_share_a_folded_form_unless_one_matches_case(
    lexicon: Lexicon,
) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for form, entry in lexicon.surface_forms():
        if not entry.match_case:
            owners[normalize_surface(form)].add(entry.id)
    assert {f: ids for f, ids in owners.items() if len(ids) > 1} == {}


def test_lexicon_no_alias_is_a_bare_lowercase_word(lexicon: Lexicon) -> None:
    # a folded form that is all lower case letters is a common English word risk
    risky = [
        (form, e.id)
        for form, e in lexicon.surface_forms()
        if not e.match_case and form.islower() and form.isalpha() and len(form) <= 5
    ]
    assert risky == []


def test_surface_forms_are_sorted_and_cover_every_name(lexicon: Lexicon) -> None:
    forms = lexicon.surface_forms()
    assert list(forms) == sorted(forms, key=lambda pair: (pair[0], pair[1].id))
    assert {(n, e.id) for e in lexicon for n in e.names} == {(f, e.id) for f, e in forms}


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("Nvidia", "org/nvidia"),
        ("NVIDIA", "org/nvidia"),
        ("Nvidia's", "org/nvidia"),
        ("Nvidia\u2019s", "org/nvidia"),
        ("NVDA", "org/nvidia"),
        ("Amazon Web Services", "org/aws"),
        ("AWS\u2019", "org/aws"),
        ("amazon web services", "org/aws"),
        ("Advanced Micro Devices", "org/amd"),
        ("Moore Thread", "org/moore-threads"),
        ("Google Cloud", "org/google-cloud"),
        ("Google", "org/google"),
        ("Microsoft Azure", "org/azure"),
        ("Intel Capital", "org/intel-capital"),
        ("Tensor Processing Unit", "product/tpu"),
        ("TPUs", "product/tpu"),
        ("U.S.", "place/united-states"),
        ("Arm", "org/arm"),
        ("Arm's", "org/arm"),
        ("Meta", "org/meta"),
        ("Claude", "product/claude"),
        ("Jensen Huang", "person/jensen-huang"),
        ("NVLink Fusion", "tech/nvlink-fusion"),
        ("Trainium4", "product/trainium4"),
        ("  Amazon   Web\nServices ", "org/aws"),
        ("Tom's Hardware", "org/tom-hardware"),
        ("Barron's", "org/barron"),
        ("Nvidia Corp.", "org/nvidia"),
        ("Micron Technology, Inc.", "org/micron"),
        ("Broadcom Inc", "org/broadcom"),
        ("the Philippines", "place/philippines"),
        ("WASHINGTON", "place/washington"),
        ("Washington Post", "org/the-washington-post"),
    ],
)
def test_lookup_resolves_names_aliases_and_possessives(
    lexicon: Lexicon, surface: str, expected: str
) -> None:
    found = lexicon.lookup(surface)
    assert found is not None
    assert found.id == expected


@pytest.mark.parametrize(
    "surface",
    ["arm", "ARMS", "Metaculus", "Googles", "", "'s", "us"],
)
def test_lookup_respects_match_case_and_whole_names(lexicon: Lexicon, surface: str) -> None:
    assert lexicon.lookup(surface) is None


COMMON_WORDS = [
    "apple",
    "arm",
    "meta",
    "oracle",
    "intel",
    "micron",
    "lambda",
    "claude",
    "gemini",
    "llama",
    "copilot",
    "grok",
    "cursor",
    "computing",
    "decrypt",
    "fortune",
    "tesla",
    "nitro",
    "grace",
    "vera",
    "hopper",
    "rubin",
    "instinct",
    "ascend",
    "gaudi",
    "ironwood",
    "trillium",
    "graviton",
    "cobalt",
    "colossus",
    "helios",
    "bedrock",
    "perplexity",
    "cohere",
    "mistral",
    "sequoia",
    "snowflake",
    "crusoe",
    "etched",
    "congress",
    "pentagon",
    "doe",
    "sec",
    "eu",
    "uk",
    "mu",
]


@pytest.mark.parametrize("word", COMMON_WORDS)
def test_common_english_words_in_lower_case_resolve_to_nothing(lexicon: Lexicon, word: str) -> None:
    assert lexicon.lookup(word) is None
    assert lexicon.lookup(word + "'s") is None


@pytest.mark.parametrize(
    ("entity", "expected"),
    [
        ("org/aws", EntityType.CLOUD_PROVIDER),
        ("org/azure", EntityType.CLOUD_PROVIDER),
        ("org/google-cloud", EntityType.CLOUD_PROVIDER),
        ("org/oracle", EntityType.CLOUD_PROVIDER),
        ("org/amazon", EntityType.ORGANIZATION),
        ("org/microsoft", EntityType.ORGANIZATION),
        ("org/meta", EntityType.ORGANIZATION),
        ("org/alphabet", EntityType.ORGANIZATION),
        ("org/tsmc", EntityType.CHIP_VENDOR),
        ("org/moore-threads", EntityType.CHIP_VENDOR),
        ("org/openai", EntityType.AI_LAB),
        ("org/stargate", EntityType.ORGANIZATION),
        ("org/reuters", EntityType.PUBLISHER),
        ("org/deloitte", EntityType.CONSULTANCY),
        ("org/biden-administration", EntityType.GOVERNMENT),
        ("org/commerce-department", EntityType.GOVERNMENT),
        ("org/intel-capital", EntityType.INVESTMENT_FIRM),
        ("org/coreweave", EntityType.CLOUD_PROVIDER),
        ("product/h100", EntityType.CHIP),
        ("product/blackwell", EntityType.CHIP),
        ("product/project-rainier", EntityType.PRODUCT),
        ("product/chatgpt", EntityType.PRODUCT),
        ("tech/cuda", EntityType.TECHNOLOGY),
        ("place/beijing", EntityType.PLACE),
        ("person/lisa-su", EntityType.PERSON),
    ],
)
def test_default_types_follow_the_gold_conventions(
    lexicon: Lexicon, entity: str, expected: EntityType
) -> None:
    assert lexicon.get(entity).type is expected


@pytest.mark.parametrize(
    ("entity", "attribute", "expected"),
    [
        ("org/aws", "parent", "org/amazon"),
        ("org/google-cloud", "parent", "org/google"),
        ("org/intel-capital", "parent", "org/intel"),
        ("product/h100", "developer", "org/nvidia"),
        ("product/trainium", "developer", "org/aws"),
        ("person/jensen-huang", "affiliation", "org/nvidia"),
        ("person/jensen-huang", "title", "CEO"),
        ("org/nvidia", "wikidata", "Q182477"),
        ("tech/nvlink", "category", "Interconnect"),
        ("product/h100", "family", "product/hopper"),
    ],
)
def test_entry_links(lexicon: Lexicon, entity: str, attribute: str, expected: str) -> None:
    assert getattr(lexicon.get(entity), attribute) == expected


def test_get_unknown_id_lists_close_ids(lexicon: Lexicon) -> None:
    with pytest.raises(UnknownEntityError, match=r"'org/nvidai'.*'org/nvidia'"):
        lexicon.get("org/nvidai")
    with pytest.raises(LookupError):
        lexicon.get("nothing-like-it")


def test_load_lexicon_default_is_cached() -> None:
    assert load_lexicon() is load_lexicon()


def test_load_lexicon_accepts_a_path(lexicon: Lexicon) -> None:
    assert load_lexicon(LEXICON_TTL) == lexicon
    assert load_lexicon(str(LEXICON_TTL)).entries == lexicon.entries


# --- small files written here -------------------------------------------------------------------


def test_bad_turtle_raises_graph_file_error_naming_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, '<org/x> a vg:Organization ; schema:name "X" \n<org/y> .\n')
    with pytest.raises(GraphFileError, match="not valid Turtle") as info:
        load_lexicon(path)
    assert info.value.path == str(path)
    assert str(path) in str(info.value)
    assert isinstance(info.value, ValueError)


def test_missing_file_raises_input_file_error(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="cannot read the lexicon"):
        load_lexicon(tmp_path / "absent.ttl")


def test_small_file_reads_types_from_roles_and_classes(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """
<org/acme> a vg:Organization ; schema:name "Acme" ; vg:marketRole vgc:ChipVendor ;
    skos:altLabel "Acme Chips", "ACME" .
<org/holdco> a vg:Organization ; schema:name "Holdco" .
<product/a1> a vg:GPU ; schema:name "A1" ; vg:developedBy <org/acme> ; vg:matchCase true .
""",
    )
    small = load_lexicon(path)
    assert [e.id for e in small] == ["org/acme", "org/holdco", "product/a1"]
    assert small.get("org/acme").type is EntityType.CHIP_VENDOR
    assert small.get("org/acme").aliases == ("ACME", "Acme Chips")
    assert small.get("org/holdco").type is EntityType.ORGANIZATION
    a1 = small.get("product/a1")
    assert (a1.type, a1.kind, a1.developer, a1.match_case) == (
        EntityType.CHIP,
        "GPU",
        "org/acme",
        True,
    )
    assert small.lookup("acme chips") is small.get("org/acme")
    assert small.lookup("a1") is None


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            '<org/a> a vg:Organization ; schema:name "A" ; skos:altLabel "Same" .\n'
            '<org/b> a vg:Organization ; schema:name "B" ; skos:altLabel "same" .\n',
            r"share the name",
        ),
        (
            '<org/a> a vg:Organization ; schema:name "A" ; <https://schema.org/parentOrganization>'
            " <org/zz> .\n",
            r"points at 'org/zz'",
        ),
        (
            '<org/a> a vg:Organization ; schema:name "A" ; '
            "vg:marketRole vgc:ChipVendor, vgc:CloudProvider .\n",
            r"roles \('ChipVendor', 'CloudProvider'\) of several types",
        ),
        (
            '<product/a> a vg:GPU ; schema:name "A" ; vg:marketRole vgc:ChipVendor .\n',
            r"only organisations have roles",
        ),
        (
            '<org/a> a vg:Organization ; schema:name "A" ; vg:marketRole vgc:Bakery .\n',
            r"unknown market roles \['Bakery'\]",
        ),
        ('<org/a> schema:name "A" .\n', r"give it exactly one of"),
        ('<org/a> a vg:Organization ; schema:name "A" ; vg:wikidataId "P31" .\n', r"'P31'"),
    ],
)
def test_inconsistent_lexicon_raises_graph_file_error(
    tmp_path: Path, body: str, message: str
) -> None:
    path = _write(tmp_path, body)
    with pytest.raises(GraphFileError, match=message) as info:
        load_lexicon(path)
    assert info.value.path == str(path)


def test_match_case_entry_shares_folded_form_with_another() -> None:
    upper = LexiconEntry(
        id="org/arm", name="Arm", type=EntityType.CHIP_VENDOR, kind="Organization", match_case=True
    )
    lower = LexiconEntry(
        id="org/arms", name="arm", type=EntityType.ORGANIZATION, kind="Organization"
    )
    both = Lexicon([lower, upper])
    assert both.lookup("Arm") is upper
    assert both.lookup("ARM") is lower
    assert [e.id for e in both] == ["org/arm", "org/arms"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "Gadget"}, r"kind 'Gadget'"),
        ({"wikidata": "Q0"}, r"Wikidata id 'Q0'"),
    ],
)
def test_entry_rejects_bad_fields(kwargs: dict[str, str], message: str) -> None:
    base = {"id": "org/x", "name": "X", "type": EntityType.ORGANIZATION, "kind": "Organization"}
    with pytest.raises(ModelError, match=message):
        LexiconEntry(**{**base, **kwargs})  # type: ignore[arg-type]


def test_lexicon_is_immutable(lexicon: Lexicon) -> None:
    with pytest.raises(AttributeError):
        lexicon.entries = ()  # type: ignore[misc]


@given(st.text(max_size=30))
def test_lookup_never_raises(surface: str) -> None:
    found = load_lexicon().lookup(surface)
    assert found is None or isinstance(found, LexiconEntry)


def test_errors_are_vendorgraph_errors(tmp_path: Path) -> None:
    with pytest.raises(VendorGraphError):
        load_lexicon(_write(tmp_path, "this is not turtle"))
