"""The columnar fast path (claim signatures, compiled rules, numpy) equals the per-claim reading."""

from __future__ import annotations

from datetime import date

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.analysis import reference
from vendorgraph.analysis.columns import claim_columns
from vendorgraph.analysis.dependencies import Claim, ClaimQuantity, latest_published
from vendorgraph.analysis.factors import Rule, factor_readings, load_rules
from vendorgraph.analysis.lockin import prepare, reliance
from vendorgraph.analysis.switching import evidence_table, switching_cost
from vendorgraph.analysis.weights import load_parameters

SUPPORT = [
    ("supply", "supplies"),
    ("deploy", "deploys"),
    ("deploy", "uses"),
    ("integrate", "integrates"),
    ("depend", "depends_on"),
]
COUNTER = [
    ("inhouse", "develops"),
    ("partner", "partners_with"),
    ("invest", "invests_in"),
    ("restriction", "restricts"),
    ("multisource", "uses"),
]
SENTENCES = [
    "",
    "   ",
    "Acme needs the most advanced boards that Bolt makes.",
    "ACME  needs the most advanced boards that Bolt makes. ",
    "Acme will co-design its racks around a proprietary interconnect.",
    "The deal is a multi-year commitment with a custom design.",
    "Moving off the software ecosystem would need a costly migration and egress fees.",
    "Bolt is the sole source; a shortage looms.",
    "Acme also builds its own chips in-house as an alternative.",
    "The platform is open source and portable, with data portability.",
    "Its data and datasets sit in the context layer.",
    "The pact is short-term and may terminate.",
    "Nothing in this sentence matters.",
]
SHARED = ClaimQuantity(kind="count", value=1e5, normalized=1e5)
QUANTITIES = [
    None,
    SHARED,
    ClaimQuantity(kind="count", value=2e6, normalized=None),
    ClaimQuantity(kind="percent", value=40.0),
    ClaimQuantity(kind="fraction", value=0.3),
    ClaimQuantity(kind="percent", value=None, normalized=0.7),
    ClaimQuantity(kind="money", value=3e9, normalized=3e9),
    ClaimQuantity(kind="duration", value=12.0, normalized=12.0),
]
KINDS = [(), ("Chip",), ("Chip", "Product"), ("Product",)]


def _pick(rng: np.random.Generator, pool: list):
    return pool[int(rng.integers(len(pool)))]


def _claim(rng: np.random.Generator, key: str, roles: list) -> Claim:
    role, predicate = _pick(rng, roles)
    return Claim(
        key=key,
        subject="s",
        object="o",
        predicate=predicate,
        role=role,
        evidence=_pick(rng, SENTENCES),
        speaker=_pick(rng, [None, "person/x"]),
        source=_pick(rng, [None, "Paper A", "Paper B"]),
        wire_source=_pick(rng, [None, None, "Wire X"]),
        published=_pick(rng, [None, "2023-05-01", "2025-01-01", "2025-06"]),
        confidence=_pick(rng, [0.5, 0.9, 1.0]),
        modality=_pick(rng, ["asserted", "planned", "reported"]),
        quantity=_pick(rng, QUANTITIES),
        start=_pick(rng, [None, "2011", "2019-03"]),
        end=_pick(rng, [None, "2024", "2027-06"]),
        capability=_pick(rng, [None, "product/x"]),
    )


def random_dependencies(seed: int, n: int = 12, m: int = 40) -> nx.DiGraph:
    """A random dependency graph whose claims repeat sentences, sources and quantities."""
    rng = np.random.default_rng(seed)
    deps = nx.DiGraph()
    for e in range(m):
        i, j = (f"c{x}" for x in rng.choice(n, size=2, replace=False))
        support = tuple(_claim(rng, f"r{e}-{k}", SUPPORT) for k in range(rng.integers(0, 4)))
        counter = tuple(_claim(rng, f"x{e}-{k}", COUNTER) for k in range(rng.integers(0, 3)))
        deps.add_edge(i, j, claims=support, counter=counter, kinds=_pick(rng, KINDS))
    return deps


def _reference_table(deps: nx.DiGraph, when: date | None, rules=None) -> np.ndarray:
    rs = load_rules() if rules is None else tuple(rules)
    rows = reference.table_rows(deps, rs, load_parameters(), when)
    return np.array(rows, dtype=float).reshape(-1, 5)


def _fast_table(deps: nx.DiGraph, as_of, rules=None) -> np.ndarray:
    t = evidence_table(deps, as_of=as_of, rules=rules)
    return np.column_stack([t.edge, t.factor, t.sign, t.strength, t.weight]).astype(float)


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), as_of=st.sampled_from([None, "2024-06-01", "2026"]))
def test_fast_evidence_table_equals_per_claim_reading(seed, as_of):
    deps = random_dependencies(seed)
    when = date.fromisoformat(as_of + "-01-01" if as_of == "2026" else as_of) if as_of else None
    fast = _fast_table(deps, as_of)
    ref = _reference_table(deps, when or latest_published(deps))
    assert fast.shape == ref.shape
    assert np.array_equal(fast, ref)  # identical rows, order and floats


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_fast_reliance_and_as_of_equal_per_claim_reading(seed):
    deps = random_dependencies(seed)
    p = load_parameters()
    assert np.array_equal(reliance(deps, p), reference.reliance(deps, p))
    prep = prepare(deps)
    assert prep.as_of == latest_published(deps)
    assert np.array_equal(prep.reliance, reference.reliance(deps, p))
    assert np.array_equal(prep.dependent, [prep.nodes.index(i) for i, _ in deps.edges()])
    assert np.array_equal(prep.provider, [prep.nodes.index(j) for _, j in deps.edges()])


def test_fast_table_agrees_with_per_edge_switching_cost():
    deps = random_dependencies(7, m=30)
    prep = prepare(deps)
    from vendorgraph.analysis.lockin import score

    r = score(prep)
    for e, (i, j) in enumerate(r.edges):
        assert r.switching_cost[e] == pytest.approx(switching_cost(deps, i, j).value, abs=1e-12)


def test_claims_with_the_same_signature_are_read_once():
    deps = nx.DiGraph()
    for e in range(5):
        same = Claim(
            key=f"r{e}",
            subject=f"c{e}",
            object="v",
            predicate="uses",
            role="deploy",
            evidence="A fleet from V.",
            quantity=SHARED,
        )
        other = Claim(
            key=f"x{e}",
            subject=f"c{e}",
            object="v",
            predicate="uses",
            role="deploy",
            evidence="A fleet from V.",
            quantity=SHARED,
            source="Paper B",
        )
        deps.add_edge(f"c{e}", "v", claims=(same,), counter=(other,))
    cols = claim_columns(deps)
    assert (len(cols.claims), len(cols.reps)) == (10, 2)
    assert cols.claim_sig.tolist() == [0, 1] * 5
    assert cols.support.tolist() == [True, False] * 5


def test_claims_without_a_sentence_are_not_merged_across_keys():
    c1 = Claim(key="k1", subject="a", object="b", predicate="depends_on", role="depend")
    c2 = Claim(key="k2", subject="a", object="b", predicate="depends_on", role="depend")
    deps = nx.DiGraph()
    deps.add_edge("a", "b", claims=(c1, c2), counter=())
    t = evidence_table(deps)
    # scarcity +: one row per key (no sentence to tell copies apart), each c*m = 1 * .5
    assert t.factor.tolist() == [1, 1] and t.strength.tolist() == [0.5, 0.5]


OVERLAPPING = (
    Rule(factor="integration", polarity=1, magnitude=0.7, cues=("into its own",)),
    Rule(factor="scarcity", polarity=-1, magnitude=0.4, cues=("its own", "own")),
    Rule(factor="learning", polarity=1, magnitude=0.3, cues=("own chips",), requires=("speaker",)),
    Rule(factor="migration", polarity=1, magnitude=0.2, role="inhouse", cues=("ow",)),
)
CUE_WORDS = sorted({cue for r in load_rules() + OVERLAPPING for cue in r.cues})


@settings(max_examples=200, deadline=None)
@given(
    words=st.lists(st.sampled_from([*CUE_WORDS, "Acme", "the", "ITS", "Own", " "]), max_size=8),
    noise=st.text(max_size=12),
    role_predicate=st.sampled_from(SUPPORT + COUNTER),
    quantity=st.sampled_from(QUANTITIES),
    speaker=st.sampled_from([None, "person/x"]),
    end=st.sampled_from([None, "2027"]),
    packaged=st.booleans(),
)
def test_compiled_rules_fire_exactly_like_rule_fires(
    words, noise, role_predicate, quantity, speaker, end, packaged
):
    role, predicate = role_predicate
    c = Claim(
        key="k",
        subject="a",
        object="b",
        predicate=predicate,
        role=role,
        evidence=" ".join(words) + noise,
        speaker=speaker,
        quantity=quantity,
        end=end,
        start="2015",
    )
    rules = load_rules() if packaged else OVERLAPPING
    p, when = load_parameters(), date(2025, 1, 1)
    rows, _ = factor_readings(c, rules=rules, params=p, as_of=when)
    assert rows == reference.readings(c, tuple(rules), p, when)


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_fast_table_with_user_rules_equals_per_claim_reading(seed):
    deps = random_dependencies(seed, m=20)
    when = latest_published(deps)
    assert np.array_equal(
        _fast_table(deps, None, rules=OVERLAPPING), _reference_table(deps, when, OVERLAPPING)
    )
