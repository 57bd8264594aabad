"""Tell a title-case headline, whose verbs are no reliable cue, from a sentence.

Examples
--------
>>> title_case("Acme Expands Bet On Nvidia"), title_case("Acme expands its bet on Nvidia")
(True, False)
"""

from __future__ import annotations

import re

__all__ = ["SMALL", "title_case"]


_WORD = re.compile(r"[A-Za-z][\w'’-]*")


SMALL = frozenset(
    {
        *("a", "an", "the", "and", "or", "of", "on", "in", "at", "to", "for", "with", "by"),
        *("from", "as", "vs", "vs.", "its", "it", "is", "are", "into", "over"),
    }
)


# a word of `_WORD` that starts in lower case and is not a small word (ASCII case folding:
# the small words are ASCII and no other letter lower-cases to one). The lookbehind makes the
# match a word `_WORD` finds; a word after a digit or "_" is left to the loop below.
_LOWER_WORD = re.compile(
    r"(?<![\w'’-])(?!(?ai:"
    + "|".join(sorted((w for w in SMALL if w.isalpha()), key=lambda w: (-len(w), w)))
    + r")(?![\w'’-]))[a-z]"
)


def title_case(text: str) -> bool:
    """Tell whether a line is a title-case headline ("Acme Expands Bet On Nvidia").

    Its words, small words included, are capitalised, so its verbs are no reliable cue.
    """
    if _LOWER_WORD.search(text) is not None:
        return False  # the loop would return False on reaching that word
    # one lazy pass: a lower-case word that is not a small word answers False whatever the
    # word count, so the count (at least 4 words) is only needed at the end
    count = 0
    small = capped_small = False
    for match in _WORD.finditer(text):
        word = match.group()
        count += 1
        if word.lower() in SMALL:
            small = True
            capped_small = capped_small or word[0].isupper()
        elif not word[0].isupper():
            return False  # a lower-case word that is not a small word
    return count >= 4 and (not small or capped_small)
