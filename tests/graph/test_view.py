"""The pyvis HTML view: escaping, offline page, filters, ego view, size cap, determinism."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest

from vendorgraph.errors import InputError, UnknownEntityError
from vendorgraph.graph.view import render_view, script_json, supply_tiers, write_view

SCRIPT = '<script>alert("vg-xss")</script>'
IMG = '<img src=x onerror="window.__pwned=1">'
HOSTILE = f"Quill {SCRIPT} & {IMG} \u2028 end"

SCORES = {
    "companies": {
        "org/acme": {"lockin": 0.9, "exposure": 0.1},
        "org/nimbus": {"lockin": 0.4, "exposure": 0.6},
        "org/lumen": {"lockin": 0.0, "exposure": 0.7},
    },
    "dependencies": {
        ("org/nimbus", "org/acme"): {"switching_cost": 0.8, "coverage": 0.5},
        ("org/lumen", "org/nimbus"): {"switching_cost": 0.3, "coverage": 0.2},
        ("org/lumen", "org/acme"): {"switching_cost": 0.5, "coverage": 0.1},
    },
}


def _graph(*, hostile: str = "plain", reverse: bool = False) -> nx.MultiDiGraph:
    """Acme makes the A1 chip and supplies Nimbus; Lumen rents Nimbus; Acme employs Ada."""
    nodes = [
        ("org/acme", "ChipVendor", "Acme"),
        ("org/nimbus", "CloudProvider", "Nimbus"),
        ("org/lumen", "AILab", "Lumen"),
        ("chip/a1", "Chip", "A1"),
        ("person/ada", "Person", f"Ada {hostile}"),
    ]
    claim = {"modality": "asserted", "confidence": 0.9, "article": "art/1", "source": hostile}
    edges = [
        ("org/acme", "org/nimbus", "r1", "supplies", f"Acme ships boards to Nimbus. {hostile}"),
        ("org/acme", "org/nimbus", "r2", "supplies", "Nimbus buys more Acme boards."),
        ("org/nimbus", "chip/a1", "r3", "deploys", "Nimbus racks are full of A1 chips."),
        ("org/acme", "chip/a1", "r4", "develops", "Acme designed the A1."),
        ("org/lumen", "org/nimbus", "r5", "uses", "Lumen trains on Nimbus."),
        ("org/acme", "person/ada", "r6", "employs", "Ada leads Acme."),
    ]
    G = nx.MultiDiGraph()
    G.graph["articles"] = {"art/1": {"title": f"Chips {hostile}", "published": "2025-01-02"}}
    G.graph["quotes"] = [{"id": "q1", "speaker": "person/ada", "text": hostile, "article": "art/1"}]
    for node, kind, label in reversed(nodes) if reverse else nodes:
        G.add_node(node, kind="entity", type=kind, label=label, aliases=[f"{label} Inc"])
    for u, v, key, predicate, sentence in reversed(edges) if reverse else edges:
        speaker = "person/ada" if key == "r1" else None
        G.add_edge(u, v, key=key, predicate=predicate, evidence=sentence, speaker=speaker, **claim)
    return G


def _data(page: str) -> dict:
    match = re.search(r'<script id="vg-data" type="application/json">(.*?)</script>', page, re.S)
    assert match is not None
    return json.loads(match.group(1))


def _ids(page: str) -> set[str]:
    return {n["id"] for n in _data(page)["nodes"]}


def _links(page: str) -> set[tuple[str, str]]:
    return {(e["from"], e["to"]) for e in _data(page)["edges"]}


def _texts(record: dict) -> str:
    tip = record["tip"]
    parts = [tip["head"], *(v for row in tip["rows"] for v in row)]
    parts += [t for ev in tip["evidence"] for t in (ev["text"], ev["meta"])]
    return "\n".join([record.get("label", ""), *parts])


def test_hostile_text_never_appears_raw_anywhere():
    page = render_view(_graph(hostile=HOSTILE), title=HOSTILE, scores=SCORES, max_nodes=4)
    assert SCRIPT not in page and IMG not in page and "\u2028" not in page
    assert "vg-xss" in page  # it is there, escaped
    assert page.count("</script>") == 3  # vis-network, the data, the view script


@pytest.mark.parametrize(
    "where",
    ["<title>Quill &lt;script&gt;", "<h1>Quill &lt;script&gt;alert(&quot;vg-xss&quot;)"],
)
def test_hostile_title_is_html_escaped(where):
    assert where in render_view(_graph(), title=HOSTILE)


def test_hostile_text_reaches_tooltips_and_labels_as_plain_text():
    data = _data(render_view(_graph(hostile=HOSTILE), scores=SCORES))
    ada = next(n for n in data["nodes"] if n["id"] == "person/ada")
    supply = next(e for e in data["edges"] if e["tip"]["rows"][0] == ["predicate", "supplies"])
    assert ada["label"] == f"Ada {HOSTILE}"
    assert ada["tip"]["evidence"][0]["text"] == HOSTILE  # Ada's quote
    assert HOSTILE in _texts(supply)  # sentence, source and article title
    assert f"said by Ada {HOSTILE}" in supply["tip"]["evidence"][0]["meta"]


def test_reduction_note_is_escaped():
    G = _graph()
    G.add_node("org/" + HOSTILE, type="Organization", label=HOSTILE)
    page = render_view(G, max_nodes=2)
    note = re.search(r'<div id="vg-note">(.*?)</div>', page, re.S)
    assert note is not None and note.group(1).startswith("Showing 2 of 6 entities")


def test_script_json_escapes_what_could_end_a_script():
    text = script_json({"k": "</script><!-- & \u2028\u2029"})
    assert not set("<>&\u2028\u2029") & set(text)
    assert json.loads(text) == {"k": "</script><!-- & \u2028\u2029"}


def test_page_makes_no_external_reference():
    page = render_view(_graph(), scores=SCORES)
    assert not re.search(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert "@import" not in page and "<link" not in page and "<iframe" not in page
    assert "default-src 'none'" in page  # the CSP forbids fetching anything


def test_focus_depth_one_is_the_neighbourhood():
    page = render_view(_graph(), scores=SCORES, focus="org/lumen", depth=1)
    # Lumen uses Nimbus; Lumen depends on Acme only through scores: a derived link.
    assert _ids(page) == {"org/lumen", "org/nimbus", "org/acme"}
    assert ("org/lumen", "org/acme") in _links(page)


@pytest.mark.parametrize(
    ("focus", "depth", "expected"),
    [
        ("org/lumen", 0, {"org/lumen"}),
        ("NIMBUS", 1, {"org/nimbus", "org/acme", "org/lumen", "chip/a1"}),
        ("ada PLAIN inc", 1, {"person/ada", "org/acme"}),  # an alias
        ("person/ada", 2, {"person/ada", "org/acme", "org/nimbus", "chip/a1"}),
    ],
)
def test_focus_resolves_names_and_counts_hops(focus, depth, expected):
    assert _ids(render_view(_graph(), focus=focus, depth=depth)) == expected


def test_unknown_focus_lists_close_names():
    with pytest.raises(
        UnknownEntityError, match=r"no entity named 'Nimbos'; close matches: \['Nimbus'"
    ):
        render_view(_graph(), focus="Nimbos")


def test_type_filter_keeps_only_those_types():
    page = render_view(_graph(), types={"ChipVendor", "CloudProvider"})
    assert _ids(page) == {"org/acme", "org/nimbus"}
    assert _links(page) == {("org/acme", "org/nimbus")}
    assert 'value="Chip"' not in page and 'value="ChipVendor" checked' in page


def test_min_cost_drops_cheap_links_and_orphans():
    page = render_view(_graph(), scores=SCORES, min_cost=0.5)
    # supplies (0.8 via the reversed pair) and the derived Lumen -> Acme (0.5) stay.
    assert _links(page) == {("org/acme", "org/nimbus"), ("org/lumen", "org/acme")}
    assert _ids(page) == {"org/acme", "org/nimbus", "org/lumen"}
    assert 'value="0.50"' in page


def test_scores_size_nodes_and_widen_links():
    data = _data(render_view(_graph(), scores=SCORES))
    size = {n["id"]: n["size"] for n in data["nodes"]}
    width = {(e["from"], e["to"]): e["width"] for e in data["edges"]}
    assert size["org/acme"] == pytest.approx(40.0)  # the top lock-in shown takes the top size
    assert size["org/nimbus"] == pytest.approx(10 + 30 * 0.4 / 0.9, abs=0.01)
    assert size["chip/a1"] == 12.0  # no score
    assert width[("org/acme", "org/nimbus")] == pytest.approx(1 + 7 * 0.8)
    assert width[("org/acme", "chip/a1")] == 1.5


def test_attributes_stand_in_for_missing_scores():
    G = _graph()
    G.nodes["org/acme"]["lockin"] = 0.5
    G.edges["org/acme", "chip/a1", "r4"]["switching_cost"] = 0.25
    data = _data(render_view(G))
    acme = next(n for n in data["nodes"] if n["id"] == "org/acme")
    develops = next(e for e in data["edges"] if (e["from"], e["to"]) == ("org/acme", "chip/a1"))
    assert acme["size"] == pytest.approx(40.0) and develops["vgCost"] == 0.25


def test_parallel_claims_of_one_predicate_are_links_of_their_own():
    data = _data(render_view(_graph()))
    supply = [e for e in data["edges"] if (e["from"], e["to"]) == ("org/acme", "org/nimbus")]
    assert len(supply) == 2 and len({e["id"] for e in supply}) == 2
    texts = [[ev["text"] for ev in e["tip"]["evidence"]] for e in supply]
    assert texts == [["Acme ships boards to Nimbus. plain"], ["Nimbus buys more Acme boards."]]
    metas = [e["tip"]["evidence"][0]["meta"] for e in supply]
    assert metas[0].startswith("said by Ada plain · ") and "said by" not in metas[1]
    assert all("Chips plain · 2025-01-02" in meta for meta in metas)  # the article title, date
    places = [next(r for r in e["tip"]["rows"] if r[0] == "link") for e in supply]
    assert places == [["link", "1 of 2 between these two"], ["link", "2 of 2 between these two"]]


def test_graph_over_max_nodes_keeps_top_companies_with_a_note():
    page = render_view(_graph(), scores=SCORES, max_nodes=2)
    assert _ids(page) == {"org/acme", "org/nimbus"}  # highest lock-in
    assert "Showing 2 of 5 entities: the top companies by lock-in" in page


def test_no_note_under_the_cap():
    assert '<div id="vg-note"></div>' in render_view(_graph())


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"depth": -1}, r"depth must be >= 0, got -1"),
        ({"min_cost": 1.5}, r"min_cost must lie in \[0, 1\], got 1.5"),
        ({"max_nodes": 0}, r"max_nodes must be >= 1, got 0"),
        ({"types": ["Chips"]}, r"unknown entity type\(s\) \['Chips'\]: choose from"),
    ],
)
def test_bad_options_raise_input_error(options, message):
    with pytest.raises(InputError, match=message):
        render_view(_graph(), **options)


def test_output_is_byte_identical_and_ignores_insertion_order():
    first = render_view(_graph(), scores=SCORES)
    assert render_view(_graph(), scores=SCORES) == first
    assert render_view(_graph(reverse=True), scores=SCORES) == first
    assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-", json.dumps(_data(first)))  # no uuids


def test_empty_selection_says_so():
    page = render_view(nx.MultiDiGraph())
    assert "No entities match these filters." in page and _data(page)["nodes"] == []


def test_write_view_replaces_atomically(tmp_path: Path):
    target = tmp_path / "view.html"
    target.write_text("old", encoding="utf-8")
    assert write_view(_graph(), target, scores=SCORES) == target
    assert target.read_text(encoding="utf-8") == render_view(_graph(), scores=SCORES)
    assert [p.name for p in tmp_path.iterdir()] == ["view.html"]


def test_write_view_needs_an_existing_folder(tmp_path: Path):
    with pytest.raises(InputError, match=r"does not exist: create it first"):
        write_view(_graph(), tmp_path / "missing" / "view.html")


def test_tier_layout_puts_suppliers_above_customers():
    data = _data(render_view(_graph(), scores=SCORES))
    y = {n["id"]: n["y"] for n in data["nodes"]}
    # Acme supplies Nimbus, Lumen rents Nimbus; the chip sits under its maker, people last
    assert y["org/acme"] < y["chip/a1"] < y["org/nimbus"] < y["org/lumen"] < y["person/ada"]


def test_supply_tiers_follow_dependencies_and_types():
    tiers = supply_tiers(_graph(), _graph(), list(SCORES["dependencies"]))
    assert tiers == {"org/acme": 1, "org/lumen": 3, "org/nimbus": 2}


def test_force_layout_is_networkx_spring_layout_and_deterministic():
    first = _data(render_view(_graph(), layout="force"))
    again = _data(render_view(_graph(reverse=True), layout="force"))
    assert {n["id"]: (n["x"], n["y"]) for n in first["nodes"]} == {
        n["id"]: (n["x"], n["y"]) for n in again["nodes"]
    }
    with pytest.raises(InputError, match="unknown layout 'circle'"):
        render_view(_graph(), layout="circle")


def _side(edge: dict, pair: tuple[str, str]) -> tuple[str, float]:
    """Where a link bends, seen along `pair`: a CW curve of the reverse link bends CCW."""
    smooth = edge["smooth"]
    if not smooth["enabled"]:
        return ("straight", 0.0)
    flip = {"curvedCW": "curvedCCW", "curvedCCW": "curvedCW"}
    turn = smooth["type"] if (edge["from"], edge["to"]) == pair else flip[smooth["type"]]
    return (turn, smooth["roundness"])


def test_links_sharing_a_pair_fan_out_whatever_their_direction():
    G = _graph()
    G.add_edge("org/nimbus", "org/acme", key="r7", predicate="partners_with", evidence="Pact.")
    data = _data(render_view(G))
    pair = [e for e in data["edges"] if {e["from"], e["to"]} == {"org/acme", "org/nimbus"}]
    sides = sorted(_side(e, ("org/acme", "org/nimbus")) for e in pair)
    # two supplies claims and the partnership the other way: one straight, one to each side
    assert sides == [("curvedCCW", 0.25), ("curvedCW", 0.25), ("straight", 0.0)]
    alone = next(e for e in data["edges"] if (e["from"], e["to"]) == ("org/lumen", "org/nimbus"))
    assert alone["smooth"] == {"enabled": False}


def test_many_parallel_claims_each_get_a_curve_of_their_own():
    G = _graph()
    for k in range(6):
        G.add_edge("org/lumen", "org/nimbus", key=f"x{k}", predicate="uses", evidence=f"Run {k}.")
    data = _data(render_view(G))
    pair = [e for e in data["edges"] if (e["from"], e["to"]) == ("org/lumen", "org/nimbus")]
    sides = [_side(e, ("org/lumen", "org/nimbus")) for e in pair]
    assert len(pair) == 7 and len(set(sides)) == 7
    assert max(r for _, r in sides) <= 0.9
    assert sorted(ev["text"] for e in pair for ev in e["tip"]["evidence"]) == [
        "Lumen trains on Nimbus.",
        *(f"Run {k}." for k in range(6)),
    ]


def _ticked(page: str) -> dict[str, bool]:
    boxes = re.findall(r'<input type="checkbox" class="vg-type" value="(\w*)"( checked)?>', page)
    return {kind: bool(checked) for kind, checked in boxes}


def test_people_start_hidden_and_their_box_unticked():
    page = render_view(_graph(), scores=SCORES)
    assert _ticked(page) == {
        "CloudProvider": True,
        "ChipVendor": True,
        "AILab": True,
        "Person": False,
        "Chip": True,
    }
    assert "person/ada" in _ids(page)  # on the page, for the box to show


@pytest.mark.parametrize(
    "options",
    [{"hide": ()}, {"types": ["Person", "ChipVendor"]}, {"focus": "person/ada"}],
    ids=["hide nothing", "asked for by type", "the focus"],
)
def test_people_are_shown_when_asked_for(options):
    assert _ticked(render_view(_graph(), **options))["Person"] is True


def _lone_graph() -> nx.MultiDiGraph:
    """The graph, plus a chip only its maker names and a technology nobody is linked to."""
    G = _graph()
    G.add_node("chip/a0", type="Chip", label="A0")
    G.add_node("tech/glue", type="Technology", label="Glue")
    G.add_edge("org/acme", "chip/a0", key="r8", predicate="develops", evidence="Acme made A0.")
    G.add_edge("chip/a0", "tech/glue", key="r9", predicate="uses", evidence="A0 uses Glue.")
    return G


def test_offerings_linking_fewer_than_two_companies_start_hidden_behind_their_box():
    page = render_view(_lone_graph())
    lone = {n["id"] for n in _data(page)["nodes"] if n["vgLone"]}
    assert lone == {"chip/a0", "tech/glue"}  # A1 links its maker Acme and its user Nimbus
    assert '<input type="checkbox" id="vg-lone"> offerings off the supply chain (2)' in page
    shown = render_view(_lone_graph(), hide_lone_offerings=False)
    assert '<input type="checkbox" id="vg-lone" checked>' in shown
    assert 'id="vg-lone"' not in render_view(_graph())  # none to hide, no box


def test_lone_offerings_of_a_type_asked_for_are_not_marked():
    data = _data(render_view(_lone_graph(), types=["Chip", "Technology", "ChipVendor"]))
    assert not any(n["vgLone"] for n in data["nodes"])


def test_tier_layout_puts_lone_offerings_in_a_row_under_the_linked_ones():
    y = {n["id"]: n["y"] for n in _data(render_view(_lone_graph(), scores=SCORES))["nodes"]}
    assert y["org/acme"] < y["chip/a1"] < y["chip/a0"] == y["tech/glue"] < y["org/nimbus"]


def test_hide_names_known_types():
    with pytest.raises(InputError, match=r"unknown entity type\(s\) \['People'\]"):
        render_view(_graph(), hide=["People"])
