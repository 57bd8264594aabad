"""Quantities: the start-position shortcuts find exactly what every rule's finditer finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from vendorgraph.loaders.quantities import find_quantities, load_patterns
from vendorgraph.loaders.quantities.positions import rule_candidates
from vendorgraph.ontology.model import Document

# own words and separators chosen to meet the rules' leading words, numbers and whitespace
WORDS = [
    "a",
    "A",
    "an",
    "An",
    "year",
    "YEAR",
    "ago",
    "month",
    "decade",
    "century",
    "couple",
    "of",
    "Of",
    "the",
    "The",
    "this",
    "last",
    "Last",
    "next",
    "end",
    "first",
    "Second",
    "half",
    "quarter",
    "third",
    "THIRD",
    "thirds",
    "one",
    "two",
    "Three",
    "twenty-five",
    "tens",
    "Dozens",
    "hundreds",
    "billions",
    "billion",
    "million",
    "dollars",
    "euros",
    "USD",
    "eur",
    "March",
    "march",
    "May",
    "may",
    "Jan.",
    "Sept",
    "Monday",
    "friday",
    "fiscal",
    "FY",
    "FY2026",
    "Q3",
    "H1",
    "h2",
    "by",
    "By",
    "than",
    "in",
    "IN",
    "since",
    "until",
    "twice",
    "1",
    "12",
    "2026",
    "1990s",
    "3.5",
    "1,200",
    "40%",
    "percent",
    "GW",
    "gigawatts",
    "GPUs",
    "chips",
    "times",
    "-fold",
    "x",
    "$",
    "$5",
    "€",
    "£3",
    "later",
    "earlier",
    "yesterday",
    "ſix",
    "ſeven",
    "\u212aW",
    "İn",
    "ınto",
    "straße",
    "naïve",
    "“",
    "”",
    "(",
    ")",
    ",",
    ".",
]
GAPS = [" ", " ", " ", "  ", "\n", "\t", "\u00a0", "\u2003", "-", ", ", ""]


def _finditer_candidates(document: Document) -> list[tuple[int, int, int, int, int]]:
    """Every rule's matches by plain finditer over the body (what the shortcuts must give)."""
    found = []
    for index, rule in enumerate(load_patterns().rules):
        for match in rule.regex.finditer(document.text, document.body_start):
            start, end = match.span(rule.surface)
            if end > start:
                found.append((start, end, index, match.start(), match.end()))
    return sorted(found)


def _shortcut_candidates(document: Document) -> list[tuple[int, int, int, int, int]]:
    return sorted(
        (start, end, index, m.start(), m.end())
        for start, end, index, m in rule_candidates(document, load_patterns())
    )


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(GAPS)), max_size=40),
    st.integers(min_value=0, max_value=12),
)
def test_shortcuts_find_what_finditer_finds(parts: list[tuple[str, str]], title: int) -> None:
    text = "".join(word + gap for word, gap in parts)
    document = Document(text=text, body_start=min(title, len(text)))
    assert _shortcut_candidates(document) == _finditer_candidates(document)


def test_whitespace_runs_inside_leading_words_are_found() -> None:
    text = "It fell a \n year  ago; a\u00a0decade of  growth, one  third, by\ta  quarter."
    found = [q.text for q in find_quantities(Document(text=text))]
    assert found == ["a \n year  ago", "a\u00a0decade", "one  third", "a  quarter"]


def test_own_sentences_match_plain_finditer() -> None:
    text = (
        "Acme said in  March 2026 it would spend tens of\nbillions of dollars over a decade, "
        "up to 5 GW by the end of 2027, and hire 1,200 engineers across two   regions."
    )
    document = Document(text=text)
    assert _shortcut_candidates(document) == _finditer_candidates(document)
