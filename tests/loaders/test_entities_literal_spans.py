"""The str.find stand-ins of loaders/entities give exactly the spans of the regexes they replace."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vendorgraph.loaders.entities import literal_spans, mentions
from vendorgraph.loaders.entities.patterns import load_entity_patterns
from vendorgraph.loaders.entities.sentence_filter import lead_matches

_ALPHABET = st.sampled_from(list("ab_- '’sXÉé1\n("))
_TEXTS = st.text(_ALPHABET, max_size=30)
_FORMS = st.text(_ALPHABET, max_size=4)


def _bounded_re(body: str, form: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(rf"\b{re.escape(form)}\b", body)]


def _free_re(body: str, form: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", body)]


def _short_re(body: str, form: str) -> list[tuple[int, int]]:
    pattern = rf"(?<![\w-]){re.escape(form)}(?:['’]s)?(?![\w-])(?!\s+[A-ZÀ-ÖØ-Þ])"
    return [m.span() for m in re.finditer(pattern, body)]


@pytest.mark.parametrize(
    ("body", "form", "bounded", "free"),
    [
        ("Roe met Roe-Smith and Roe.", "Roe", [(0, 3), (8, 11), (22, 25)], [(0, 3), (22, 25)]),
        ("aaa", "aa", [], []),
        ("_x x", "x", [(3, 4)], [(3, 4)]),
        ("(x) (x", "(x", [], [(0, 2), (4, 6)]),
    ],
)
def test_spans_by_hand(
    body: str, form: str, bounded: list[tuple[int, int]], free: list[tuple[int, int]]
) -> None:
    assert literal_spans.bounded(body, form) == bounded
    assert literal_spans.free(body, form) == free


def test_short_spans_by_hand() -> None:
    body = "Acme's chips, Acme Labs and Acme sold; Acme’s"
    assert literal_spans.short_spans(body, "Acme") == [(0, 6), (28, 32), (39, 45)]


@settings(max_examples=400, deadline=None)
@given(_TEXTS, _FORMS)
def test_bounded_is_the_expression(body: str, form: str) -> None:
    assert literal_spans.bounded(body, form) == _bounded_re(body, form)


@settings(max_examples=400, deadline=None)
@given(_TEXTS, _FORMS)
def test_free_is_the_expression(body: str, form: str) -> None:
    assert literal_spans.free(body, form) == _free_re(body, form)


@settings(max_examples=400, deadline=None)
@given(_TEXTS, _FORMS.filter(bool))
def test_short_spans_is_the_expression(body: str, form: str) -> None:
    assert literal_spans.short_spans(body, form) == _short_re(body, form)


_WORDS = st.sampled_from(
    [
        "chief executive",
        "CEO",
        "Ceo:",
        "Founder",
        "Labs",
        "Lab",
        "Capital",
        "By",
        "by",
        "Reporting by",
        "Jane",
        "Roe",
        "Ada",
        "Vance",
        "Acme",
        "é",
        "K",
        "-",
        ",",
        "\n",
        "  ",
        "the",
        "Trade",
    ]
)


def _pattern(name: str) -> re.Pattern[str]:
    pattern: re.Pattern[str] = getattr(load_entity_patterns(), name)
    return pattern


_SENTENCES = st.lists(_WORDS, max_size=14).map(" ".join)


@pytest.mark.parametrize("name", ["role_person", "org_suffix", "person_cue"])
@settings(max_examples=300, deadline=None)
@given(text=_SENTENCES, pos=st.integers(0, 8))
def test_lead_matches_are_finditer(name: str, text: str, pos: int) -> None:
    pattern = _pattern(name)
    pos = min(pos, len(text))
    expected = [m.span() for m in pattern.finditer(text, pos, len(text))]
    assert [m.span() for m in lead_matches(pattern, name, text, pos)] == expected


@pytest.mark.parametrize(
    ("name", "text", "spans"),
    [
        ("role_person", "Acme CEO Jane Roe and chief executive Ada Vance", [(5, 17), (22, 47)]),
        ("org_suffix", "Acme Labs and Lab-grown Capital", [(5, 9), (24, 31)]),
        ("person_cue", "Reporting by Jane Roe", [(0, 21)]),
    ],
)
def test_lead_matches_by_hand(name: str, text: str, spans: list[tuple[int, int]]) -> None:
    assert [m.span() for m in lead_matches(_pattern(name), name, text)] == spans


_LIST_TEXTS = st.lists(
    st.sampled_from(["Acme", "Bolt Labs", "and", "or", ",", ", and", " ", "\n", "x", "É"]),
    max_size=8,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(_LIST_TEXTS, _LIST_TEXTS)
def test_member_gates_keep_every_match(head: str, tail: str) -> None:
    before = mentions.member_before(head)
    expected = mentions.MEMBER_BEFORE.search(head)
    assert (before and before.span()) == (expected and expected.span())
    text = head + tail
    after = mentions.member_after(text, len(head), len(text))
    expected = mentions.MEMBER_AFTER.match(text, len(head))  # matched in place: offsets into `text`
    assert (after and after.span()) == (expected and expected.span())
