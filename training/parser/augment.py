"""Copies of treebank sentences with their proper nouns replaced by company-like names.

The English Web Treebank has few names of the kind the extractor reads: coined words ("Tarnwell"),
words run together ("CoreWeave"), initials ("TSMC") and names closed by a company word
("Quarry AI", "Baltic Ridge Ventures", "Halden Cloud"). The parser trained on it alone splits
such names ("Quarry/ROOT AI/goeswith signed ...") or reads their words as common nouns. Each
copy keeps the sentence's tree and replaces only the word forms (and lemmas) of its runs of
proper nouns drawn as company names are (each word a compound on the last; a person's name is
drawn head first), word for word, so every arc stays as the treebank's annotators drew it.

The names are drawn from a seeded generator: the same treebank and seed give the same file.

Examples
--------
>>> names = NameMaker(seed=7)
>>> run = names.run(2)
>>> len(run), all(w[:1].isupper() for w in run)
(2, True)
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

__all__ = ["NameMaker", "augment"]

_ONSETS = ("b", "br", "c", "d", "dr", "f", "g", "h", "k", "kr", "l", "m", "n", "p", "qu", "r",
           "s", "st", "t", "tr", "v", "w", "z", "th", "sh", "ch", "")  # fmt: skip
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ea", "y", "io", "ae")
_CODAS = ("", "n", "r", "l", "s", "x", "nd", "rn", "lt", "m", "ck", "th", "v", "sk", "nt")
_ENDINGS = ("", "", "", "a", "on", "ix", "ia", "el", "ora", "en", "ic", "us", "ara")
_WORDS = ("Baltic", "Ridge", "Crest", "Harbor", "Summit", "Iron", "Blue", "North", "Silver",
          "Cedar", "Prairie", "Granite", "Quarry", "Beacon", "Falcon", "Meridian", "Cobalt",
          "Atlas", "Orchard", "Signal", "Tidal", "Lumen", "Vector", "Anchor", "Keystone",
          "Pioneer", "Red", "Stone", "Lake", "Peak", "River", "Grid", "Forge", "Arc", "Helix",
          "Pine", "Copper", "Delta", "Echo", "Nova", "Polar", "Canyon", "Harvest",
          "Union")  # fmt: skip
_KEPT = frozenset(  # days and months are proper nouns in the treebank, but no names
    ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
     "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December")
)  # fmt: skip
_COMPANY = ("AI", "Labs", "Cloud", "Systems", "Semiconductor", "Ventures", "Capital", "Compute",
            "Networks", "Technologies", "Energy", "Holdings", "Micro", "Robotics", "Data",
            "Partners", "Power", "Electronics", "Software", "Group", "Research", "Intelligence",
            "Devices", "Memory", "Silicon", "Dynamics", "Analytics", "Infrastructure")  # fmt: skip


class NameMaker:
    """A seeded source of company-like names, one word per treebank token they replace.

    Parameters
    ----------
    seed : int
        The seed of the generator.
    """

    def __init__(self, seed: int = 0) -> None:
        self._random = random.Random(seed)

    def coined(self) -> str:
        """Return a coined word ("Tarnwell", "Vexora")."""
        r = self._random
        syllables = r.choice((1, 2, 2))
        word = "".join(
            r.choice(_ONSETS) + r.choice(_VOWELS) + r.choice(_CODAS) for _ in range(syllables)
        )
        word += r.choice(_ENDINGS)
        if not 3 <= len(word) <= 10:
            return self.coined()
        return word[:1].upper() + word[1:]

    def word(self) -> str:
        """Return the first word of a name: coined, English, run together or initials."""
        r = self._random
        kind = r.random()
        if kind < 0.45:
            return self.coined()
        if kind < 0.75:
            return r.choice(_WORDS)
        if kind < 0.88:  # "CoreWeave"
            second = r.choice(_WORDS + _COMPANY[:6])
            return self.coined() + second if r.random() < 0.5 else r.choice(_WORDS) + second
        return "".join(r.choice("ABCDEFGHIJKLMNPRSTVWXZ") for _ in range(r.choice((2, 3, 3, 4))))

    def run(self, length: int) -> list[str]:
        """Return `length` words for a run of proper nouns, often closed by a company word."""
        r = self._random
        words = [self.word() for _ in range(length)]
        if length > 1 and r.random() < 0.7:
            words[-1] = r.choice(_COMPANY)
        if length > 2 and r.random() < 0.5:
            words[-2] = r.choice(_WORDS)
        return words


def _sentences(path: Path) -> Iterator[list[str]]:
    """Yield the lines of each sentence of a CoNLL-U file (comments and tokens)."""
    lines: list[str] = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if line:
                lines.append(line)
            elif lines:
                yield lines
                lines = []
    if lines:
        yield lines


def _renamed(lines: list[str], names: NameMaker) -> list[str] | None:
    """Return a copy of the sentence with its runs of proper nouns renamed (None: it has none)."""
    rows = [line.split("\t") for line in lines if not line.startswith("#")]
    words = [row for row in rows if row[0].isdigit()]
    runs: list[list[list[str]]] = []
    for row in words:
        if row[3] == "PROPN" and row[1][:1].isupper() and row[1].isalpha() and len(row[1]) > 1:
            if runs and int(runs[-1][-1][0]) == int(row[0]) - 1:
                runs[-1].append(row)
            else:
                runs.append([row])
    runs = [run for run in runs if not any(row[1] in _KEPT for row in run) and _compound(run)]
    if not runs:
        return None
    for run in runs:
        for row, name in zip(run, names.run(len(run)), strict=True):
            row[1] = row[2] = name
    by_id = {row[0]: row for row in words}
    for row in rows:
        if "-" in row[0]:  # a multi-word token ("Nvidia's"): its form is its words' forms
            first, last = row[0].split("-")
            row[1] = "".join(by_id[str(i)][1] for i in range(int(first), int(last) + 1))
    return (
        [line for line in lines if line.startswith("# sent_id")]
        + ["# text = " + _text(rows)]
        + ["\t".join(row) for row in rows]
    )


def _compound(run: list[list[str]]) -> bool:
    """Tell a run drawn as a company name is: every word but the last a compound on the last.

    The treebank draws a person's name head first ("Abdullah" flat on "Shaikh") and a
    company's head last ("Home" compound on "Depot"); only the second kind is renamed.
    """
    last = run[-1][0]
    return all(row[6] == last and row[7] == "compound" for row in run[:-1])


def _text(rows: list[list[str]]) -> str:
    """Return the sentence text of CoNLL-U rows, from forms and SpaceAfter=No."""
    parts: list[str] = []
    inside = 0
    for row in rows:
        if "-" in row[0]:
            inside = int(row[0].split("-")[1])
        elif "." in row[0] or (inside and int(row[0]) <= inside):
            continue
        parts.append(row[1] + ("" if "SpaceAfter=No" in row[9] else " "))
    return "".join(parts).strip()


def augment(source: Path, target: Path, *, share: float = 0.5, seed: int = 0) -> int:
    """Write `source`'s sentences to `target`, with renamed copies of a `share` of those with names.

    Returns the number of copies added. The originals come first, unchanged.
    """
    names = NameMaker(seed)
    pick = random.Random(seed + 1)
    sentences = list(_sentences(source))
    copies = []
    for lines in sentences:
        if pick.random() < share:
            renamed = _renamed(lines, names)
            if renamed is not None:
                copies.append(renamed)
    with target.open("w", encoding="utf-8") as out:
        for lines in [*sentences, *copies]:
            out.write("\n".join(lines) + "\n\n")
    return len(copies)
