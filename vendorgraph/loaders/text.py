r"""Sentences and paragraphs of an article, from spaCy's blank English pipeline.

The pipeline (tokenizer and rule-based sentencizer, no statistical model) is built once per
process. Sentence boundaries are repaired for news text: an opening quotation mark that the
sentencizer leaves at the end of a sentence moves to the next one, a "sentence" that starts
in lower case ("he said.") joins the one before, and paragraphs (lines) never share a
sentence, so a headline without a full stop stays on its own.

Examples
--------
>>> [s.text for s in split_sentences("AWS grows. Nvidia said so.\nA headline")]
['AWS grows.', 'Nvidia said so.', 'A headline']
>>> split_sentences("A headline\nBody text.")[0].headline
True
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import spacy
from spacy.language import Language

__all__ = ["Sentence", "nlp", "split_sentences"]

_OPENERS = '“"‘('
_TERMINAL = re.compile(r"[.!?…][”\"’)\]]*\s*$")


@dataclass(frozen=True, slots=True, kw_only=True)
class Sentence:
    """A sentence: its offsets ``[start, end)`` in the document text, its words, its paragraph.

    ``headline`` is true for a line that does not end in terminal punctuation (a title or a
    subheading), whose claims deserve less confidence.
    """

    start: int
    end: int
    text: str
    paragraph: int
    headline: bool = False


@functools.cache
def nlp() -> Language:
    """Return the shared blank English pipeline with a sentencizer (built once).

    Examples
    --------
    >>> nlp().pipe_names
    ['sentencizer']
    """
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    return pipeline


def split_sentences(text: str, start: int = 0, end: int | None = None) -> tuple[Sentence, ...]:
    """Split ``text[start:end]`` into sentences with offsets into `text`.

    Parameters
    ----------
    text : str
        The whole document text.
    start, end : int
        The region to split (the article body); `end` defaults to the end of the text.

    Returns
    -------
    tuple of Sentence
        In text order, stripped of surrounding white space, never empty.

    Examples
    --------
    >>> s = split_sentences("xx Hello there. Bye.", start=3)
    >>> [(x.start, x.end, x.text) for x in s]
    [(3, 15, 'Hello there.'), (16, 20, 'Bye.')]
    """
    stop = len(text) if end is None else end
    lines = [(m.start() + start, m.end() + start) for m in re.finditer(r"[^\n]+", text[start:stop])]
    out: list[Sentence | None] = []
    docs = nlp().pipe(text[a:b] for a, b in lines)
    for number, ((a, _b), doc) in enumerate(zip(lines, docs, strict=True)):
        bounds = _repair([(a + s.start_char, a + s.end_char) for s in doc.sents], text)
        headline = not _TERMINAL.search(text[a:_b])
        out.extend(_sentence(text, lo, hi, number, headline) for lo, hi in bounds)
    return tuple(s for s in out if s is not None)


def _sentence(text: str, lo: int, hi: int, paragraph: int, headline: bool) -> Sentence | None:
    chunk = text[lo:hi]
    left = len(chunk) - len(chunk.lstrip())
    right = len(chunk.rstrip())
    if right <= left:
        return None
    return Sentence(
        start=lo + left,
        end=lo + right,
        text=chunk[left:right],
        paragraph=paragraph,
        headline=headline,
    )


def _repair(bounds: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    fixed: list[list[int]] = []
    for lo, hi in bounds:
        if fixed and (_dangling_opener(text, fixed[-1]) or _continues(text, lo, hi)):
            if _dangling_opener(text, fixed[-1]):
                fixed[-1][1] = _strip_opener(text, fixed[-1])
                fixed.append([fixed[-1][1], hi])
                continue
            fixed[-1][1] = hi
            continue
        fixed.append([lo, hi])
    return [(lo, hi) for lo, hi in fixed]


def _dangling_opener(text: str, bound: list[int]) -> bool:
    tail = text[bound[0] : bound[1]].rstrip()
    return len(tail) > 1 and tail[-1] in _OPENERS and tail[-2].isspace()


def _strip_opener(text: str, bound: list[int]) -> int:
    tail = text[bound[0] : bound[1]].rstrip()
    return bound[0] + len(tail) - 1


def _continues(text: str, lo: int, hi: int) -> bool:
    head = text[lo:hi].lstrip()
    return bool(head) and head[0].islower()
