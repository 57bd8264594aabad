r"""The bounds that keep every extractor linear in its input, and the helpers that apply them.

The rules of the extractors read like grammar and know nothing of speed; what keeps them
linear on a hostile or merely odd page (a table flattened to text, a transcript without
punctuation, kilobytes of quote marks or parentheses) lives here, as named limits:

- :data:`MAX_CHUNK`: spaCy's tokenizer peels prefixes and suffixes off a run of text without
  white space one at a time, searching the rest of the run each time, so one run of ``n``
  characters costs ``n**2``. A run longer than this is tokenised in slices of
  :data:`CHUNK_PIECE` characters (:func:`chunk_slices`); no word or number of a news article
  is this long, and the longest web address in the dev corpus has 206 characters.
- :data:`LOOK_BEHIND`: a rule that reads the words just before a position (a list member, the
  capitalised run before "Inc", a speaker before a quote) reads at most this many characters
  (:func:`window_before`), instead of the whole sentence before it, once per position.
- :func:`surely_too_long`: a sentence with more words than a stage's limit is known to be too
  long without tokenising it (tokens are never fewer than the words between spaces).

Examples
--------
>>> chunk_slices("a " + ")" * 700 + " b", cap=300, piece=250)
[(0, 252), (252, 502), (502, 704)]
>>> window_before(10_000, floor=0), window_before(150, floor=100)
(9800, 100)
"""

from __future__ import annotations

import itertools
import re

from spacy.language import Language
from spacy.tokens import Doc

__all__ = [
    "CHUNK_PIECE",
    "LOOK_BEHIND",
    "MAX_CHUNK",
    "chunk_slices",
    "surely_too_long",
    "tokenize",
    "window_before",
]

MAX_CHUNK = 300
"""The longest run without white space that the tokenizer reads at once."""

CHUNK_PIECE = 32
"""The length of the slices a longer run is tokenised in (32 characters cost 4 ms a KB)."""

LOOK_BEHIND = 200
"""Characters a rule reads before a position (four capitalised words and a joiner fit)."""

_LONG_RUN = re.compile(rf"\S{{{MAX_CHUNK + 1},}}")


def chunk_slices(
    text: str, *, cap: int = MAX_CHUNK, piece: int = CHUNK_PIECE
) -> list[tuple[int, int]]:
    """Return ``[start, end)`` slices covering `text` that cut only runs longer than `cap`.

    Each run of non-space characters longer than `cap` is cut every `piece` characters; the
    rest of the text stays whole, so tokenising the slices one by one gives the tokens of the
    whole text except inside those runs. A text without such a run is one slice.

    Parameters
    ----------
    text : str
        A line or a sentence.
    cap : int
        The longest run left whole.
    piece : int
        The length of the slices a longer run is cut into.

    Returns
    -------
    list of (int, int)
        Consecutive slices from 0 to ``len(text)``.

    Examples
    --------
    >>> chunk_slices("plain words")
    [(0, 11)]
    >>> chunk_slices("ab " + "x" * 7, cap=5, piece=3)
    [(0, 6), (6, 9), (9, 10)]
    """
    pattern = _LONG_RUN if cap == MAX_CHUNK else re.compile(rf"\S{{{cap + 1},}}")
    cuts: list[int] = []
    for run in pattern.finditer(text):
        cuts.extend(range(run.start() + piece, run.end(), piece))
    return list(itertools.pairwise([0, *cuts, len(text)]))


def tokenize(nlp: Language, text: str) -> Doc:
    """Return ``nlp.tokenizer(text)`` in time linear in `text`, slicing runs over the cap.

    A text without a run over :data:`MAX_CHUNK` characters is tokenised whole, so its tokens
    are exactly the tokenizer's; otherwise the slices of :func:`chunk_slices` are tokenised one
    by one and joined, with the same characters and offsets (the tokens differ only inside
    those runs).

    Examples
    --------
    >>> import spacy
    >>> doc = tokenize(spacy.blank("en"), "Hi " + ")" * 1000 + ".")
    >>> len(doc), doc.text == "Hi " + ")" * 1000 + "."
    (1002, True)
    """
    slices = chunk_slices(text)
    if len(slices) == 1:
        return nlp.tokenizer(text)
    words: list[str] = []
    spaces: list[bool] = []
    for start, end in slices:
        for token in nlp.tokenizer(text[start:end]):
            words.append(token.text)
            spaces.append(bool(token.whitespace_))
    return Doc(nlp.vocab, words=words, spaces=spaces)


def window_before(position: int, *, floor: int, width: int = LOOK_BEHIND) -> int:
    """Return where a look-behind of `width` characters from `position` starts, not before `floor`.

    Examples
    --------
    >>> window_before(50, floor=0, width=20), window_before(10, floor=0, width=20)
    (30, 0)
    """
    return max(floor, position - width)


def surely_too_long(text: str, max_tokens: int) -> bool:
    """Whether `text` has more than `max_tokens` tokens, known from its words alone.

    False does not mean the text is short enough: only its tokens can tell.

    Examples
    --------
    >>> surely_too_long("one two three", 2), surely_too_long("one, two", 2)
    (True, False)
    """
    return len(text.split(None, max_tokens)) > max_tokens
