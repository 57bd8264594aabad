r"""Speaker turns: the words of a transcript or a Q&A interview, which carry no quotation marks.

An earnings-call transcript gives each turn a label ("Jane Roe, CFO: Revenue rose ..."); the
paragraphs after a labelled one, up to the next label, continue the same turn. A Q&A interview
sets its questions apart (in bold, ending with a question mark, or after ``Q:``) and every
paragraph between two questions is the interviewee's answer. A text is read this way only when
it has at least two labelled paragraphs (a transcript) or two questions (an interview), so a
news story with one "Note: ..." line is left alone. This module finds the spans; who speaks is
decided where the entities are known (:mod:`vendorgraph.loaders.quotes`,
:mod:`vendorgraph.loaders.entities`).

Examples
--------
>>> from vendorgraph.loaders.text import split_sentences
>>> text = "Call notes\n\nJane Roe, CFO: Sales rose.\n\nMore to come.\n\nOperator: Next.\n"
>>> [(t.name, text[t.start:t.end]) for t in transcript_turns(text, split_sentences(text))]
[('Jane Roe', 'Sales rose.'), ('Jane Roe', 'More to come.'), ('Operator', 'Next.')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from vendorgraph.loaders.text import Sentence

__all__ = ["Turn", "interview_answers", "transcript_turns"]

# "Jane Roe:", "Jane Roe, CFO:", "Jane Roe — Chief Financial Officer:", "Jane Roe (Acme):"; the
# name is one to four capitalised words, what follows it at most 60 characters without a colon
_LABEL = re.compile(
    r"(?P<name>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})"
    r"(?:\s*(?:,|—|–| - |\()\s*(?P<rest>[^:\n()]{1,60}?)\)?)?"
    r"\s*:[ \t]+(?=\S)"
)
# a question set apart: bold and ending with "?", or after "Q:" / "Q."
_QUESTION = re.compile(r"(?:\*\*|__)[^\n]*\?\s*(?:\*\*|__)\s*$|Q[:.]\s")
_ANSWER_LABEL = re.compile(r"A[:.]\s+")


@dataclass(frozen=True, slots=True)
class Turn:
    """The words of one paragraph of a turn, and the label that names its speaker.

    ``name`` is the label's name ("Jane Roe", "Operator"); ``label`` its span (the whole
    label, name and what follows it); ``rest`` the span of what the label says after the name
    ("CFO" in "Jane Roe, CFO:"), if anything; ``start``/``end`` the words spoken.
    """

    name: str
    label: tuple[int, int]
    start: int
    end: int
    rest: tuple[int, int] | None = None


def _paragraph_spans(text: str, sentences: Sequence[Sentence]) -> list[tuple[int, int]]:
    spans: dict[int, tuple[int, int]] = {}
    for s in sentences:
        lo, hi = spans.get(s.paragraph, (s.start, s.end))
        spans[s.paragraph] = (min(lo, s.start), max(hi, s.end))
    return [spans[k] for k in sorted(spans)]


def transcript_turns(text: str, sentences: Sequence[Sentence]) -> list[Turn]:
    """Return the turns of a transcript, one per paragraph, or [] when `text` is not one.

    Parameters
    ----------
    text : str
        The article text.
    sentences : sequence of Sentence
        Its sentences (:func:`~vendorgraph.loaders.text.split_sentences`), which give the
        paragraphs.
    """
    turns: list[Turn] = []
    current: Turn | None = None
    labelled = 0
    for lo, hi in _paragraph_spans(text, sentences):
        match = _LABEL.match(text, lo, hi)
        if match is not None and not _QUESTION.match(text, lo, hi):
            rest = match.span("rest") if match.group("rest") else None
            current = Turn(match.group("name"), (lo, match.end()), match.end(), hi, rest)
            labelled += 1
            turns.append(current)
        elif current is not None:  # the same speaker goes on
            turns.append(Turn(current.name, current.label, lo, hi, current.rest))
    several_people = any(" " in t.name for t in turns)
    return turns if labelled >= 2 and several_people else []


def interview_answers(text: str, sentences: Sequence[Sentence]) -> tuple[int, list[Turn]]:
    """Return where a Q&A interview's first question starts and its answers, or (0, []).

    The answers are the paragraphs between questions (less an ``A:`` label); who gives them
    is for the caller to say (the person the introduction before the first question names).
    """
    first = -1
    answers: list[Turn] = []
    asked = 0
    for lo, hi in _paragraph_spans(text, sentences):
        if _QUESTION.match(text, lo, hi):
            asked += 1
            first = lo if first < 0 else first
            continue
        if asked:
            label = _ANSWER_LABEL.match(text, lo, hi)
            start = label.end() if label is not None else lo
            answers.append(Turn("", (lo, start), start, hi))
    return (first, answers) if asked >= 2 else (0, [])
