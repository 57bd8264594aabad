"""The fast forms of the relation finder's patterns match exactly where their plain forms do.

Several patterns of :mod:`vendorgraph.loaders.relations` are written so that the regex engine
can skip ahead by itself (a literal or a character class first, the leading ``\\b`` as a
lookbehind after it, or a lookahead on the first letters). These properties compare each one
with the plain pattern it replaces, on texts built from the words and separators that matter.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vendorgraph.loaders.relations import headlines, qualifiers, references

_PIECES = (
    *("its", "it", "It", "its", "we", "We", "our", "Our", "us", "Us", "unit", "credits"),
    *("will", "uses", "is", "was", "has", "this", "tested", "the", "The", "company"),
    *("not", "n't", "don", "may", "could", "expects", "plans", "Will", "NOT", "upcoming"),
    *("since", "starting in", "began in", "by the end of", "through", "until", "by"),
    *("2027", "1999", "12345", "x", "é", "İ", "ſince", "_", "-", "'", "’", "1"),
)
_GAPS = ("", " ", "  ", "\t", "\n", ",", ".", ";")
_TEXTS = st.lists(st.tuples(st.sampled_from(_PIECES), st.sampled_from(_GAPS)), max_size=10).map(
    lambda parts: "".join(piece + gap for piece, gap in parts)
)

_PLAIN = {
    "ITS": re.compile(r"\bits\b"),
    "IT": re.compile(
        r"\b[Ii]t(?=\s+(?:will|would|has|had|is|was|can|could|also|now|already|still|currently"
        r"|recently|[a-z]{2,}(?<!\bis)(?<!\bwas)(?<!\bhas)(?<!\bthis)s|[a-z]{2,}ed)\b)"
    ),
    "WE": re.compile(r"\b(?:[Ww]e|[Oo]ur|[Uu]s)\b"),
    "FIRST_PERSON": re.compile(r"\b(?:[Ww]e|[Oo]ur)\b"),
    "START": re.compile(
        r"\b(?:since|starting in|starting from|beginning in|began in"
        r"|beginning with [^.;]{0,80}? in)\s+(\d{4})\b",
        re.I,
    ),
    "END": re.compile(
        r"\b(?:by the end of|through|until|till|by|before the end of)\s+(\d{4})\b", re.I
    ),
}


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple[str, ...]]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


@pytest.mark.parametrize("name", sorted(_PLAIN))
@settings(max_examples=120, deadline=None)
@given(text=_TEXTS)
def test_fast_pattern_matches_like_plain_form(name: str, text: str) -> None:
    room = qualifiers if name in ("START", "END") else references
    assert _matches(getattr(room, name), text) == _matches(_PLAIN[name], text)


@settings(max_examples=120, deadline=None)
@given(text=_TEXTS)
def test_any_cue_matches_where_some_cue_does(text: str) -> None:
    some = any(cue.search(text) for _, cue in qualifiers.MODALITY)
    assert (qualifiers.ANY_CUE.search(text) is not None) is some


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Acme said its chips ship soon.", [(10, 13)]),
        ("The credits and its units.", [(16, 19)]),
        ("Sits, bits, itsy.", []),
        ("its", [(0, 3)]),
    ],
)
def test_its_finds_the_whole_word_only(text: str, found: list[tuple[int, int]]) -> None:
    assert [m.span() for m in references.ITS.finditer(text)] == found


def _plain_title_case(text: str) -> bool:
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    if len(words) < 4:
        return False
    small = capped_small = False
    for word in words:
        if word.lower() in headlines.SMALL:
            small = True
            capped_small = capped_small or word[0].isupper()
        elif not word[0].isupper():
            return False
    return not small or capped_small


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Acme Expands Bet On Nvidia", True),
        ("Acme Expands bet On Nvidia", False),
        ("Acme Buys Beta", False),  # fewer than four words
        ("Acme and Beta Merge Units", False),  # a small word, none capitalised
        ("Acme And Beta Merge Units", True),
    ],
)
def test_title_case_table(text: str, expected: bool) -> None:
    assert headlines.title_case(text) is expected


@settings(max_examples=120, deadline=None)
@given(text=_TEXTS)
def test_title_case_matches_plain_form(text: str) -> None:
    assert headlines.title_case(text) is _plain_title_case(text)
