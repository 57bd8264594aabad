"""Equivalence checks for the second speed pass of the relation finder."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vendorgraph.loaders.relations import assemble, headlines

# words and characters that stress the word split and the case folding of `title_case`:
# small words in any case, letters that fold to ASCII ones (Kelvin sign, long s, dotted I)
_PIECES = st.sampled_from(
    [
        *("a", "An", "THE", "tHe", "of", "Of", "vs", "vs.", "its", "It", "into", "Over"),
        *("Acme", "beta", "Gamma", "\u212aelvin", "\u017ft", "\u0130t", "x3", "3of", "_to"),
        *(" ", ", ", "-", "'", "’", "9", ".", "\n"),
    ]
)
_TEXTS = st.lists(_PIECES, max_size=14).map("".join)


def _plain_title_case(text: str) -> bool:
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    small = capped_small = False
    for word in words:
        if word.lower() in headlines.SMALL:
            small = True
            capped_small = capped_small or word[0].isupper()
        elif not word[0].isupper():
            return False
    return len(words) >= 4 and (not small or capped_small)


@settings(max_examples=300, deadline=None)
@given(text=_TEXTS)
def test_title_case_matches_plain_form_on_odd_words(text: str) -> None:
    assert headlines.title_case(text) is _plain_title_case(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Acme Of The Year Wins", True),
        ("Acme tHe Year Wins", False),  # a small word, none capitalised
        ("Acme Sells 3of Its Units", True),  # "of" after a digit is a small word
        ("Acme Sells \u017fto Units", False),  # the long s is no "s"
        ("Acme Buys 9 Units vs. Beta", False),  # "vs" is small and in lower case
    ],
)
def test_title_case_table(text: str, expected: bool) -> None:
    assert headlines.title_case(text) is expected


def test_confidence_table_holds_the_four_values() -> None:
    assert assemble.CONFIDENCE == {
        (False, False): 0.8,
        (False, True): 0.7,
        (True, False): 0.6,
        (True, True): 0.5,
    }
