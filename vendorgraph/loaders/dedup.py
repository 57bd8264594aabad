"""Duplicate detection over a stream of articles: exact copies, wire stories, near-identical text.

Three tests, cheapest first:

- **exact**: the same content hash (a syndicated copy with the same text);
- **wire**: the same normalised title and the same wire-source (or publisher) credit;
- **near**: word 5-gram shingles whose MinHash estimate of the Jaccard similarity is at least
  a threshold (0.9), found through locality-sensitive hashing bands. The MinHash is
  datasketch's (``scheme="affine32"``, 128 permutations drawn from a fixed seed, so signatures
  agree across runs and processes) over the top 32 bits of each shingle's hash.

The index keeps a few hundred bytes per article (a digest, a key, a MinHash signature), never
the text, so a corpus streams through it.

Examples
--------
>>> from vendorgraph.ontology.model import Document
>>> index = DuplicateIndex()
>>> first = Document(text="Chipmaker Alpha will ship ten thousand boards to Beta Cloud next year.")
>>> index.match(first) is None
True
>>> index.add(first, origin="a.txt")
>>> index.match(Document(text=first.text)).kind
'duplicate'
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from vendorgraph.ontology.model import Document, Record

__all__ = [
    "DuplicateIndex",
    "Fingerprint",
    "Match",
    "fingerprint",
    "jaccard",
    "minhash",
    "shingles",
    "wire_key",
]

SHINGLE_WORDS = 5
NUM_PERM = 128
BANDS = 16
ROWS = NUM_PERM // BANDS

_WORD = re.compile(r"\w+")
_MIX = np.uint64(1_099_511_628_211)  # FNV-1a 64-bit prime, to roll word hashes into shingles
_SHIFT = np.uint64(32)
SEED = 20_240_601
_SCHEME = "affine32"

Signature = npt.NDArray[np.uint32]


def _words(text: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


# On ASCII text, NFKC changes nothing, casefold is lower() and ``\w`` is [0-9A-Za-z_]: one
# byte translation (case-folding, non-word bytes to spaces) and a split give the same words.
_ASCII_WORDS = bytes(
    c + 32 if 65 <= c <= 90 else c if c < 128 and (chr(c).isalnum() or c == 95) else 32
    for c in range(256)
)


def _word_bytes(text: str) -> list[bytes]:
    """Return the UTF-8 bytes of the words of a text, as ``_words`` splits it."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_WORDS).split()
    folded = unicodedata.normalize("NFKC", text).casefold()
    if folded.isascii():
        return folded.encode("ascii").translate(_ASCII_WORDS).split()
    return [word.encode("utf-8") for word in _WORD.findall(folded)]


class _WordHashes(dict[bytes, int]):
    """The 64-bit hash of a word's bytes, computed once; emptied when it grows too big."""

    def __missing__(self, word: bytes) -> int:
        if len(self) >= _WORD_CACHE:
            self.clear()
        value = self[word] = int.from_bytes(hashlib.blake2b(word, digest_size=8).digest(), "little")
        return value


_WORD_CACHE = 1 << 16
_WORD_HASHES = _WordHashes()


def shingles(text: str, *, size: int = SHINGLE_WORDS) -> npt.NDArray[np.uint64]:
    """Return the 64-bit hashes of the distinct word `size`-grams of a text.

    Words are case-folded runs of letters and digits, so punctuation and spacing do not count.
    A text shorter than `size` words is one shingle; a text with no words has none.

    Examples
    --------
    >>> len(shingles("one two three four five six"))
    2
    >>> len(shingles("Hello, world!")), len(shingles("..."))
    (1, 0)
    """
    words = _word_bytes(text)
    if not words:
        return np.zeros(0, dtype=np.uint64)
    hashes = np.fromiter(map(_WORD_HASHES.__getitem__, words), dtype=np.uint64, count=len(words))
    width = min(size, len(words))
    rolled = hashes[: len(words) - width + 1].copy()
    for offset in range(1, width):
        rolled = rolled * _MIX + hashes[offset : len(words) - width + 1 + offset]
    return _distinct(rolled)


def _distinct(values: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """Return the distinct values, sorted: ``np.unique`` without its hashing pass."""
    values = np.sort(values)
    keep = np.empty(values.size, dtype=bool)
    keep[:1] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


def minhash(hashed: npt.NDArray[np.uint64]) -> Signature:
    """Return the MinHash signature (128 values) of a set of 64-bit shingle hashes.

    It is ``datasketch.MinHash(num_perm=128, seed=SEED, scheme="affine32")`` fed the top 32
    bits of each hash (the shingles are hashed already), so signatures agree across runs and
    processes.

    Examples
    --------
    >>> sig = minhash(shingles("the quick brown fox jumps over the lazy dog"))
    >>> sig.shape, sig.dtype.name
    ((128,), 'uint32')
    """
    sketch = _sketch()
    sketch.update_batch((hashed >> _SHIFT).tolist())
    return np.asarray(sketch.hashvalues, dtype=np.uint32)


def _sketch() -> Any:
    """Return an empty MinHash with the index's permutations (drawn once, from :data:`SEED`)."""
    from datasketch import MinHash

    return MinHash(
        num_perm=NUM_PERM,
        seed=SEED,
        scheme=_SCHEME,
        hashfunc=int,
        permutations=_permutations(),
    )


@functools.cache
def _permutations() -> Any:
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=_SCHEME).permutations


def jaccard(a: npt.NDArray[np.unsignedinteger], b: npt.NDArray[np.unsignedinteger]) -> float:
    """Return the MinHash estimate of the Jaccard similarity of two signatures.

    Examples
    --------
    >>> sig = minhash(shingles("alpha beta gamma delta epsilon zeta"))
    >>> jaccard(sig, sig)
    1.0
    """
    return float(np.count_nonzero(a == b)) / a.size


def _normal(text: str) -> str:
    return " ".join(_words(text))


def wire_key(document: Document) -> str | None:
    """Return the wire-story key of a document: normalised title and credit, or None.

    The credit is the wire source when the article names one, else the publisher. Without a
    title or a credit there is no key.

    Examples
    --------
    >>> doc = Document(text="…", title="Alpha Ships  Boards!", wire_source="Wire Co")
    >>> wire_key(doc)
    'alpha ships boards|wire co'
    >>> wire_key(Document(text="…", title="Alpha")) is None
    True
    """
    credit = document.wire_source or document.publisher
    if not document.title or not credit:
        return None
    title, source = _normal(document.title), _normal(credit)
    return f"{title}|{source}" if title and source else None


@dataclass(frozen=True, slots=True, kw_only=True)
class Fingerprint(Record):
    """What the index compares of a document: digests of its text and wire key, its MinHash.

    ``signature`` and ``bands`` (the signature's LSH band keys) are None for a body without
    words. A fingerprint is a few hundred bytes, so worker processes can compute it and send it
    to the process that keeps the index.
    """

    content: int
    wire: int | None
    signature: Signature | None
    bands: npt.NDArray[np.uint32] | None


def fingerprint(document: Document) -> Fingerprint:
    """Return the :class:`Fingerprint` of a document: its content hash, wire key and body.

    Examples
    --------
    >>> from vendorgraph.ontology.model import Document
    >>> doc = Document(text="Alpha will ship boards to Beta Cloud.", title="T", publisher="P")
    >>> mark = fingerprint(doc)
    >>> mark.wire is not None, mark.signature.shape
    (True, (128,))
    >>> fingerprint(Document(text="...")).signature is None
    True
    """
    key = wire_key(document)
    hashed = shingles(document.text[document.body_start :])
    sig = minhash(hashed) if hashed.size else None
    return Fingerprint(
        content=_digest(document.content_hash),
        wire=_digest(key) if key is not None else None,
        signature=sig,
        bands=_band_keys(sig) if sig is not None else None,
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class Match:
    """Why a document duplicates one already in the index.

    ``kind`` is ``"duplicate"``, ``"wire-duplicate"`` or ``"near-duplicate"``; ``origin`` is
    where the earlier article came from; ``similarity`` is the estimated Jaccard similarity.
    """

    kind: str
    origin: str
    similarity: float = 1.0


class DuplicateIndex:
    """An append-only index of the articles kept so far, to test each new one against.

    Documents or their :func:`fingerprint` may be given; a fingerprint saves computing it twice.

    Parameters
    ----------
    threshold : float
        The estimated Jaccard similarity of word 5-grams at or above which two texts are
        near-duplicates.

    Examples
    --------
    >>> from vendorgraph.ontology.model import Document
    >>> text = " ".join(f"word{i}" for i in range(200))
    >>> index = DuplicateIndex()
    >>> index.add(Document(text=text), origin="a.txt")
    >>> match = index.match(Document(text=text.replace("word100", "changed")))
    >>> match.kind, match.origin, match.similarity >= 0.9
    ('near-duplicate', 'a.txt', True)
    """

    def __init__(self, *, threshold: float = 0.9) -> None:
        self.threshold = threshold
        self._digests: dict[int, int] = {}
        self._wire: dict[int, int] = {}
        self._origins: list[str] = []
        self._blocks: list[tuple[npt.NDArray[np.uint32], npt.NDArray[np.uint16]]] = []

    def __len__(self) -> int:
        return len(self._origins)

    def match(self, document: Document | Fingerprint) -> Match | None:
        """Return how `document` duplicates an indexed article, or None if it is new."""
        mark = document if isinstance(document, Fingerprint) else fingerprint(document)
        found = self._digests.get(mark.content)
        if found is not None:
            return Match(kind="duplicate", origin=self._origins[found])
        found = self._wire.get(mark.wire) if mark.wire is not None else None
        if found is not None:
            return Match(kind="wire-duplicate", origin=self._origins[found])
        if mark.signature is None or mark.bands is None:
            return None
        return self._near(mark.signature, mark.bands)

    def add(self, document: Document | Fingerprint, *, origin: str) -> None:
        """Index `document`, found at `origin`, so that later copies of it match."""
        mark = document if isinstance(document, Fingerprint) else fingerprint(document)
        row = len(self._origins)
        self._origins.append(origin)
        self._digests.setdefault(mark.content, row)
        if mark.wire is not None:
            self._wire.setdefault(mark.wire, row)
        block, offset = divmod(row, _BLOCK)
        if offset == 0:
            self._blocks.append(_new_block())
        if mark.signature is not None and mark.bands is not None:
            # a row without words keeps band keys 0 and matches nothing
            bands, sigs = self._blocks[block]
            sigs[offset], bands[offset] = mark.signature, mark.bands

    def _near(self, sig: Signature, keys: npt.NDArray[np.uint32]) -> Match | None:
        short = sig.astype(np.uint16)
        best: Match | None = None
        for block, (bands, sigs) in enumerate(self._blocks):
            filled = min(_BLOCK, len(self._origins) - block * _BLOCK)
            for offset in np.flatnonzero((bands[:filled] == keys).any(axis=1)).tolist():
                score = jaccard(sigs[offset], short)
                if score >= self.threshold and (best is None or score > best.similarity):
                    origin = self._origins[block * _BLOCK + offset]
                    best = Match(kind="near-duplicate", origin=origin, similarity=score)
        return best


_BLOCK = 4096


def _new_block() -> tuple[npt.NDArray[np.uint32], npt.NDArray[np.uint16]]:
    return np.zeros((_BLOCK, BANDS), dtype=np.uint32), np.zeros((_BLOCK, NUM_PERM), np.uint16)


def _digest(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little")


def _band_keys(sig: Signature) -> npt.NDArray[np.uint32]:
    rows = sig.reshape(BANDS, ROWS).astype(np.uint64)
    keys = np.zeros(BANDS, dtype=np.uint64)
    for column in range(ROWS):
        keys = keys * _MIX + rows[:, column]
    return (keys >> _SHIFT).astype(np.uint32) | np.uint32(1)  # never 0, the empty-row key
