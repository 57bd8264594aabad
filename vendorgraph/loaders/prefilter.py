"""Which sentences to parse: those that can hold a claim or a quote (speed only, no rules).

Parsing costs far more than everything else the extractor does, so a sentence is parsed only
when something in it can take part in a relation frame or a reported quote: an entity mention,
a capitalised word after the first or a first word no English word list knows (a name the
lexicon lacks, found on the parse: "Halvard was founded in 2019"), or a word
that refers back to one (a pronoun, "the company") or reports speech ("said",
"according to"). The words come from the frames' and the speech patterns' own data files; a
sentence this filter drops could not have produced a relation or a reported quote.

Examples
--------
>>> from vendorgraph.loaders.text import split_sentences
>>> text = "Acme buys chips. Prices fell sharply. It said demand was strong."
>>> [s.text for s in sentences_to_parse(split_sentences(text), {(0, 4): "org/acme"})]
['Acme buys chips.', 'It said demand was strong.']
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Mapping

from vendorgraph.loaders.frames import load_frames
from vendorgraph.loaders.parse import is_english
from vendorgraph.loaders.quotes import load_speech_patterns
from vendorgraph.loaders.text import Sentence

__all__ = ["sentences_to_parse"]

_WORD = re.compile(r"[A-Za-z]+")


@functools.cache
def _cue_words() -> frozenset[str]:
    frames, speech = load_frames(), load_speech_patterns()
    words = frames.pronouns | frames.person_pronouns | frames.first_person | frames.company_nouns
    return frozenset(words | {w.lower() for w in speech.verbs.split("|")} | {"according"})


def sentences_to_parse(
    sentences: Iterable[Sentence], mentions: Mapping[tuple[int, int], str]
) -> list[Sentence]:
    """Return the sentences (of three words or more) that name an entity or carry a cue word.

    Parameters
    ----------
    sentences : iterable of Sentence
        The article's sentences, in order.
    mentions : mapping of (start, end) to entity id
        The entity mentions, in document offsets.
    """
    starts = sorted(start for start, _ in mentions)
    cues = _cue_words()
    chosen = []
    for sentence in sentences:
        words = _WORD.findall(sentence.text)
        if len(words) < 3:
            continue
        i = bisect.bisect_left(starts, sentence.start)
        named = i < len(starts) and starts[i] < sentence.end
        if named or any(w.lower() in cues for w in words) or _NAME_INSIDE.search(sentence.text):
            chosen.append(sentence)
        elif words[0].istitle() and not is_english(words[0]):
            chosen.append(sentence)  # a name the lexicon lacks, opening the sentence
    return chosen


# a capitalised word after the first: a name the lexicon may not know, which the parse can find
_NAME_INSIDE = re.compile(r"(?<=[\w,;:)] )[A-Z]")
