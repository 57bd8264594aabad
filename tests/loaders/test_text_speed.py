"""The fast paths of :mod:`vendorgraph.loaders.text` against plain reference versions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import IDX, IS_PUNCT, LENGTH, ORTH

from vendorgraph.loaders.documents import read_document
from vendorgraph.loaders.text import (
    _citation_cuts,
    _punct_orths,
    _repair,
    _sentence,
    needed_literals,
    nlp,
    possible_rules,
    rule_filter,
    split_sentences,
)

_ATTRS = [ORTH, IS_PUNCT, IDX, LENGTH]


def _reference_spans(line: str) -> list[tuple[int, int]]:
    """The sentencizer's spans over the whole token arrays of a line (the former code)."""
    doc = nlp().tokenizer(line)
    if len(doc) == 0:
        return []
    orths, puncts, starts_at, lengths = doc.to_array(_ATTRS).T.tolist()
    starts, seen = [0], False
    for i, (orth, is_punct) in enumerate(zip(orths, puncts, strict=True)):
        ending = orth in _punct_orths()
        if seen and not is_punct and not ending:
            starts.append(i)
            seen = False
        elif ending:
            seen = True
    ends = [i - 1 for i in starts[1:]] + [len(doc) - 1]
    return [(starts_at[i], starts_at[j] + lengths[j]) for i, j in zip(starts, ends, strict=True)]


def _with_citation_cuts(line: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Split the reference spans where a sentence starts after reference marks ("2019.[3] X")."""
    cuts = sorted({lo for lo, _ in spans[1:]} | set(_citation_cuts(line)))
    if not spans:
        return spans
    starts = [spans[0][0], *cuts]
    return list(zip(starts, [*cuts, spans[-1][1]], strict=True))


def _reference(text: str, start: int = 0) -> list[tuple[int, int, str, int, bool]]:
    out = []
    for number, m in enumerate(re.finditer(r"[^\n]+", text[start:])):
        a, b = m.start() + start, m.end() + start
        spans = _with_citation_cuts(text[a:b], _reference_spans(text[a:b]))
        bounds = _repair([(a + lo, a + hi) for lo, hi in spans], text)
        # a line that ends in a full stop, before closing marks and reference marks, is no title
        headline = not re.search(r"[.!?…][”\"’)\]]*(?:\[\d{1,3}\])*\s*$", text[a:b])
        for lo, hi in bounds:
            s = _sentence(text, lo, hi, number, headline)
            if s is not None:
                out.append((s.start, s.end, s.text, s.paragraph, s.headline))
    return out


def _fast(text: str, start: int = 0) -> list[tuple[int, int, str, int, bool]]:
    return [(s.start, s.end, s.text, s.paragraph, s.headline) for s in split_sentences(text, start)]


_PIECES = [
    "Acme", "sells", "GPUs", "it", "e.g", "Inc", "U.S", "3.5", "Mr", "co", "a", "x", "Corp",
    ".", ".", ".", "!", "?", "…", "。", "?!", "...", '"', "“", "”", "‘", "’", "'", "(", ")",
    "[", "]", ":", ")", "-", ",", ";", "%", "'s", "’s", ":)", "=", "<3", " ", " ", "  ", "\t",
    "\u00a0", "\n", "\n\n", "he said", "Nvidia", "i.e", "p.m", "*", "_", "[3]", "[12]",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40), st.integers(0, 3))
def test_split_sentences_matches_the_full_token_scan(pieces: list[str], start: int) -> None:
    text = "".join(pieces)
    start = min(start, len(text))
    assert _fast(text, start) == _reference(text, start)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ .!?\"“”'()\n:-;3… \t")), max_size=80))
def test_split_sentences_matches_on_dense_punctuation(text: str) -> None:
    assert _fast(text) == _reference(text)


def test_split_sentences_matches_on_the_real_articles(dev_dir: Path) -> None:
    articles = sorted(dev_dir.glob("*.txt"))
    local = Path(__file__).resolve().parent.parent / "data" / "articles"
    articles += sorted(p for p in local.glob("*") if p.is_file() and p.suffix != ".json")
    for path in articles:
        doc = read_document(path)
        assert _fast(doc.text, doc.body_start) == _reference(doc.text, doc.body_start), path
        assert _fast(doc.text) == _reference(doc.text), path


_RULES = [
    re.compile(r"(?i)\bsells (?:gpus|tpus)\b"),
    re.compile(r"\d+%"),
    re.compile(r"(?i)(?:buys|leases) .* from (?:aws|azure)"),
    re.compile(r"[A-Z]\w+"),
    re.compile(r"(?i)kelvin and (?:celsius|fahrenheit) or rankine"),
]


def _reference_rules(text: str) -> list[int]:
    if any(c in "\u0130\u0131\u017f\u212a" for c in text):
        return list(range(len(_RULES)))
    low = text.lower()
    return [
        i
        for i, pattern in enumerate(_RULES)
        if all(
            any(s in low for s in part)
            for part in needed_literals(pattern)
            if min(map(len, part)) >= 2
        )
    ]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["sells ", "GPUs", "tpus", "buys", "leases", " from ", "AWS", "azure", "Kelvin",
             " and ", "celsius", "Fahrenheit", " or ", "rankine", "50%", "x", "\u212a", "%"]
        ),
        max_size=12,
    )
)  # fmt: skip
def test_possible_rules_names_the_rules_whose_parts_are_all_present(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert possible_rules(rule_filter(_RULES), text) == _reference_rules(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Acme sells TPUs", [0, 1, 3]),  # "%" is too short to check
        ("It buys GPUs from AWS at 5%", [1, 2, 3]),
        ("kelvin and celsius or rankine", [1, 3, 4]),
        ("kelvin and celsius", [1, 3]),
        ("\u212aelvin", [0, 1, 2, 3, 4]),  # a Kelvin sign: no filtering
    ],
)
def test_possible_rules_table(text: str, expected: list[int]) -> None:
    assert possible_rules(rule_filter(_RULES), text) == expected


def test_a_sentence_ends_before_the_next_after_its_reference_marks():
    text = "Tessel was founded in 2019.[3] The founders left.[4][12] Its round closed.[13]"
    assert [s.text for s in split_sentences(text)] == [
        "Tessel was founded in 2019.[3]",
        "The founders left.[4][12]",
        "Its round closed.[13]",
    ]
