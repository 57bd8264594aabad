"""What a relation's sentence adds to it: modality, quote, amount and validity window.

Examples
--------
>>> [m.value for m, cue in MODALITY if cue.search("Acme may deploy the chips")]
['hedged']
>>> END.search("deploy servers by the end of 2027").group(1)
'2027'
"""

from __future__ import annotations

import bisect
import re

from vendorgraph.loaders.relations.article import Article, Hit, Qualifiers
from vendorgraph.loaders.text import Sentence
from vendorgraph.ontology.model import Quote, Span
from vendorgraph.ontology.terms import Modality, QuantityKind

__all__ = [
    "ANY_CUE",
    "END",
    "MODALITY",
    "START",
    "amount",
    "modality_of",
    "quote_of",
    "sentence_qualifiers",
]


MODALITY = (
    (Modality.DENIED, re.compile(r"\b(?:not|n't|never|no longer|denied|denies)\b", re.I)),
    (
        Modality.HEDGED,
        re.compile(
            r"\b(?:may|might|could|reportedly|possibly|in talks|considering|testing|tests|tested"
            r"|trialing|trialling|trials|evaluating|evaluates|piloting|pilots)\b",
            re.I,
        ),
    ),
    (
        Modality.FORECAST,
        re.compile(r"\b(?:expects?|expected|estimates?|forecasts?|projected|predicts?)\b", re.I),
    ),
    (
        Modality.PLANNED,
        re.compile(
            r"\b(?:will|plans?|planned|planning|is set to|are set to|aims? to|intends? to"
            r"|agreed to|would|to begin|upcoming)\b",
            re.I,
        ),
    ),
)
# matches where any cue of MODALITY does: each is r"\b(?:...)" whose words start with one of
# these letters, and the lookahead lets the engine drop other words after one test
ANY_CUE = re.compile(
    r"\b(?=[nmdcrpitefwau])(?:"
    + "|".join("(?:" + cue.pattern.removeprefix(r"\b") + ")" for _, cue in MODALITY)
    + ")",
    re.I,
)
_PLACEHOLDER = re.compile(r"\x01\d+:\w+\x02")
# in START and END, each lookahead names the first letters of the words after it: it lets
# the engine drop other words after one test and changes no match
START = re.compile(
    r"\b(?=[sb])(?:since|starting in|starting from|beginning in|began in"
    r"|beginning with [^.;]{0,80}? in)\s+(\d{4})\b",
    re.I,
)
END = re.compile(
    r"\b(?=[btu])(?:by the end of|through|until|till|by|before the end of)\s+(\d{4})\b", re.I
)
_YEAR = re.compile(r"\d{4}")


_FORECAST_CUES = frozenset(
    {"estimates", "estimated", "expects", "predicts", "predicted", "forecasts", "projects"}
)


def modality_of(article: Article, hit: Hit, quote: Quote | None) -> Modality:
    """Return the frame's modality from the parse, else the surface cues; a forecast quote's."""
    if hit.modality is None:
        return _modality(article, hit, quote)
    forecast = quote is not None and quote.cue in _FORECAST_CUES
    return Modality.FORECAST if hit.modality is Modality.ASSERTED and forecast else hit.modality


def _modality(article: Article, hit: Hit, quote: Quote | None) -> Modality:
    if quote is not None and quote.cue in _FORECAST_CUES:
        return Modality.FORECAST
    words = _PLACEHOLDER.sub(" ", hit.matched) if "\x01" in hit.matched else hit.matched
    # each cue is one branch of ANY_CUE: no match there, no cue at all
    if ANY_CUE.search(words) is None:
        return Modality.ASSERTED
    for modality, cue in MODALITY:
        if cue.search(words):
            return modality
    return Modality.ASSERTED


def quote_of(article: Article, sentence: Sentence) -> Quote | None:
    """Return the first quote that overlaps `sentence`, or None."""
    for quote in article.quotes:
        if quote.span.start < sentence.end and sentence.start < quote.span.end:
            return quote
    return None


def _quantity(article: Article, sentence: Sentence) -> str | None:
    quantities = article.quantities
    starts = article.quantity_starts
    # when the quantities are in text order (`quantity_starts` is then filled), none before
    # `lo` starts inside the sentence and none after one starting past its end does
    lo = bisect.bisect_left(starts, sentence.start) if starts else 0
    for quantity in quantities[lo:] if lo else quantities:
        if starts and quantity.span.start > sentence.end:
            break
        inside = sentence.start <= quantity.span.start and quantity.span.end <= sentence.end
        if inside and quantity.kind is not QuantityKind.DATE:
            return quantity.id
    return None


def amount(article: Article, hit: Hit, first: str | None) -> str | None:
    """Return the amount in the frame's own clause (none there: none), else the sentence's first."""
    if hit.clause is None:
        return first
    lo, hi = hit.clause
    for quantity in article.quantities:
        inside = lo <= quantity.span.start and quantity.span.end <= hi
        if inside and quantity.kind is not QuantityKind.DATE:
            return quantity.id
    return None


def _window(sentence: Sentence) -> tuple[str | None, str | None]:
    if _YEAR.search(sentence.text) is None:
        return None, None  # both patterns need a four-digit year
    start = START.search(sentence.text)
    end = END.search(sentence.text)
    return (start.group(1) if start else None, f"{end.group(1)}-12-31" if end else None)


def sentence_qualifiers(article: Article, sentence: Sentence) -> Qualifiers:
    """Return the qualifiers of `sentence`, worked out on first use (each is a pure function)."""
    known = article.qualifiers.get(id(sentence))
    if known is None:
        start, end = _window(sentence)
        known = Qualifiers(
            span=Span(start=sentence.start, end=sentence.end, text=sentence.text),
            quote=quote_of(article, sentence),
            start=start,
            end=end,
            quantity=_quantity(article, sentence),
        )
        article.qualifiers[id(sentence)] = known
    return known
