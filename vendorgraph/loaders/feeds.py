r"""News feeds as JSON: one article per line (``.jsonl``), or one object or a list (``.json``).

Each record is an object ``{"url", "title", "published", "publisher", "text"}``; only ``text``
is required, ``wire_source`` is read too, and other keys are ignored. A record that is not
such an object becomes a :class:`Source` that carries the reason (a rejection naming the file
and line, not an exception); a feed that is not JSON at all raises
:class:`~vendorgraph.errors.InputError`.

Examples
--------
>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as tmp:
...     feed = pathlib.Path(tmp, "feed.jsonl")
...     _ = feed.write_text('{"title": "Boards", "text": "Alpha ships boards."}\n[1]\n')
...     sources = list(iter_feed(feed))
>>> [s.origin.rsplit("/", 1)[-1] for s in sources]
['feed.jsonl:1', 'feed.jsonl:2']
>>> sources[0].document.title, sources[1].error_kind
('Boards', <SkipKind.MALFORMED: 'malformed'>)
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from email.utils import parsedate_to_datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from vendorgraph.errors import (
    BinaryInputError,
    EmptyInputError,
    InputError,
    InputFileError,
    ModelError,
    TooLargeInputError,
    UnknownFormatError,
)
from vendorgraph.loaders.documents import parse_document
from vendorgraph.ontology.model import Document, Record, stable_hash

__all__ = [
    "ANNOTATION_SUFFIXES",
    "FEED_SUFFIXES",
    "SkipKind",
    "Source",
    "iter_feed",
    "source_from_error",
]

FEED_SUFFIXES: tuple[str, ...] = (".json", ".jsonl")
"""File extensions read as feeds (compared case-insensitively)."""

ANNOTATION_SUFFIXES: tuple[str, ...] = (".gold.json", ".ann.json", ".annotations.json")
"""Names of annotation files kept beside articles: skipped, never read as feeds."""

_FIELDS = ("url", "title", "published", "publisher", "wire_source")
_ISO_DATE = re.compile(r"(?:19|20)\d\d-[01]\d-[0-3]\d")


class SkipKind(StrEnum):
    """Why an article was not extracted."""

    EMPTY = "empty"
    BINARY = "binary"
    UNKNOWN_FORMAT = "unknown-format"
    UNREADABLE = "unreadable"
    MALFORMED = "malformed"
    NOT_ENGLISH = "not-english"
    DUPLICATE = "duplicate"
    WIRE_DUPLICATE = "wire-duplicate"
    NEAR_DUPLICATE = "near-duplicate"
    SEEN = "seen"
    FAILED = "failed"
    NOT_ARTICLE = "not-article"
    TOO_LARGE = "too-large"


@dataclass(frozen=True, slots=True, kw_only=True)
class Source(Record):
    """One article found in the input, read into a Document, or the reason it could not be.

    ``origin`` is the file path for an article file and ``path:line`` for a feed record;
    ``id`` is the document's id, or a hash of the origin when there is no document. Exactly
    one of ``document`` and ``error`` is set; ``error_kind`` classifies the error.
    """

    id: str
    origin: str
    document: Document | None = None
    error: str | None = None
    error_kind: SkipKind | None = None

    def __post_init__(self) -> None:
        if (self.document is None) == (self.error is None):
            raise ModelError(
                f"source {self.origin!r} needs exactly one of document and error; "
                "build it with Source.of or Source.failed"
            )

    @classmethod
    def of(cls, document: Document, *, origin: str) -> Source:
        """Return the source of a document read from `origin`."""
        return cls(id=document.id, origin=origin, document=document)

    @classmethod
    def failed(cls, kind: SkipKind, reason: str, *, origin: str) -> Source:
        """Return a source that could not be read, for `reason`."""
        return cls(id=stable_hash(origin), origin=origin, error=reason, error_kind=kind)


_ERROR_KINDS: tuple[tuple[type[InputError], SkipKind], ...] = (
    (EmptyInputError, SkipKind.EMPTY),
    (TooLargeInputError, SkipKind.TOO_LARGE),
    (BinaryInputError, SkipKind.BINARY),
    (UnknownFormatError, SkipKind.UNKNOWN_FORMAT),
    (InputFileError, SkipKind.UNREADABLE),
)


def source_from_error(err: InputError, *, origin: str) -> Source:
    """Return the failed source for an input error raised while reading `origin`.

    Examples
    --------
    >>> source_from_error(EmptyInputError("no text"), origin="a.txt").error_kind
    <SkipKind.EMPTY: 'empty'>
    """
    kind = next((k for t, k in _ERROR_KINDS if isinstance(err, t)), SkipKind.MALFORMED)
    return Source.failed(kind, err.message, origin=origin)


def iter_feed(path: str | os.PathLike[str]) -> Iterator[Source]:
    r"""Yield one :class:`Source` per record of a JSON Lines or JSON feed, in file order.

    Parameters
    ----------
    path : str or os.PathLike
        A ``.jsonl`` file (one object a line; blank lines are ignored) or a ``.json`` file
        holding one object or a list of objects.

    Yields
    ------
    Source
        With origin ``path:line``: a document, or why the record was rejected.

    Raises
    ------
    vendorgraph.errors.InputFileError
        If the file cannot be read.
    vendorgraph.errors.InputError
        If the file is not JSON at all (no line of a ``.jsonl`` parses, or a ``.json`` file
        does not parse); ``line`` says where.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     feed = pathlib.Path(tmp, "feed.json")
    ...     _ = feed.write_text('[{"text": "One."},\n {"text": "Two."}]')
    ...     [s.origin.rsplit(":", 1)[-1] for s in iter_feed(feed)]
    ['1', '2']
    """
    file = Path(path)
    if file.name.lower().endswith(ANNOTATION_SUFFIXES):
        reason = "annotation file, not an article (its name ends in .gold.json or the like)"
        yield Source.failed(SkipKind.NOT_ARTICLE, reason, origin=str(file))
    elif file.suffix.lower() == ".json":
        yield from _json_file(file)
    else:
        yield from _jsonl_file(file)


def _read(file: Path, mode: str) -> Any:
    try:
        return file.open(mode)
    except OSError as err:
        raise InputFileError(f"cannot read {str(file)!r}: {err.strerror}", path=str(file)) from err


def _jsonl_file(file: Path) -> Iterator[Source]:
    held: list[tuple[Source, int]] = []  # rejections before the first good line
    good = False
    with _read(file, "rb") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            source, parsed = _jsonl_line(line, f"{file}:{number}", number)
            good = good or parsed
            if not good:
                held.append((source, number))
                continue
            yield from (s for s, _ in held)
            held.clear()
            yield source
    if held:
        first, number = held[0]
        raise InputError(
            f"{str(file)!r} is not a JSON Lines feed: no line parses, the first "
            f"because {first.error}; give one JSON object per line",
            path=str(file),
            line=number,
        )


def _jsonl_line(line: bytes, origin: str, number: int) -> tuple[Source, bool]:
    try:
        value = json.loads(line.decode("utf-8"))
    except UnicodeDecodeError as err:
        reason = f"line {number} is not UTF-8 text (byte {err.start}); save the feed as UTF-8"
        return Source.failed(SkipKind.BINARY, reason, origin=origin), False
    except json.JSONDecodeError as err:
        reason = (
            f"line {number} is not JSON: {err.msg} at column {err.colno}; give one JSON "
            "object per line"
        )
        return Source.failed(SkipKind.MALFORMED, reason, origin=origin), False
    return _record(value, origin, number), True


def _json_file(file: Path) -> Iterator[Source]:
    with _read(file, "rb") as handle:
        data = handle.read()
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise BinaryInputError(
            f"byte {err.start} is not valid UTF-8; save the feed as UTF-8",
            path=str(file),
            offset=err.start,
        ) from err
    values = _json_values(raw, file)
    if values and not any(_has_text(value) for value, _ in values):
        reason = (
            "JSON that is not an article feed: no record has a string 'text' field; a feed "
            "holds objects with the article text in 'text'"
        )
        yield Source.failed(SkipKind.NOT_ARTICLE, reason, origin=str(file))
        return
    for value, number in values:
        yield _record(value, f"{file}:{number}", number)


def _has_text(value: Any) -> bool:
    return isinstance(value, dict) and isinstance(value.get("text"), str)


def _json_values(raw: str, file: Path) -> list[tuple[Any, int]]:
    decoder = json.JSONDecoder()
    text = raw.removeprefix("\ufeff")
    try:
        start = _skip_space(text, 0)
        if not text.startswith("[", start):
            value, end = decoder.raw_decode(text, start)
            _expect_end(text, end)
            return [(value, _line_of(text, start))]
        return _json_list(text, start + 1, decoder)
    except json.JSONDecodeError as err:
        raise InputError(
            f"{str(file)!r} is not a JSON feed: {err.msg} at line {err.lineno} column "
            f"{err.colno}; give an object or a list of objects",
            path=str(file),
            line=err.lineno,
        ) from err


def _json_list(text: str, pos: int, decoder: json.JSONDecoder) -> list[tuple[Any, int]]:
    items: list[tuple[Any, int]] = []
    pos = _skip_space(text, pos)
    if text.startswith("]", pos):
        _expect_end(text, pos + 1)
        return items
    while True:
        value, end = decoder.raw_decode(text, pos)
        items.append((value, _line_of(text, pos)))
        pos = _skip_space(text, end)
        if text.startswith("]", pos):
            _expect_end(text, pos + 1)
            return items
        if not text.startswith(",", pos):
            raise json.JSONDecodeError("expected ',' or ']'", text, pos)
        pos = _skip_space(text, pos + 1)


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def _expect_end(text: str, pos: int) -> None:
    end = _skip_space(text, pos)
    if end != len(text):
        raise json.JSONDecodeError("extra data after the feed", text, end)


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _record(value: Any, origin: str, number: int) -> Source:
    problem = _record_problem(value, number)
    if problem is not None:
        return Source.failed(SkipKind.MALFORMED, problem, origin=origin)
    try:
        document = parse_document(value["text"], path=origin, suffix=".txt")
    except InputError as err:
        return source_from_error(err, origin=origin)
    fields = {k: value[k] for k in _FIELDS if value.get(k)}
    if "published" in fields:
        fields["published"] = _iso_date(fields["published"])
    return Source.of(replace(document, **fields), origin=origin)


def _record_problem(value: Any, number: int) -> str | None:
    if not isinstance(value, dict):
        return f"record on line {number} is a JSON {type(value).__name__}, not an object"
    if not isinstance(value.get("text"), str):
        return f"record on line {number} has no string 'text' field; add the article text"
    for key in _FIELDS:
        if value.get(key) is not None and not isinstance(value[key], str):
            return f"record on line {number} has {key} {value[key]!r}; it must be a string"
    published = value.get("published")
    if published and _iso_date(published) is None:
        return (
            f"record on line {number} has published {published!r}; give an ISO date "
            "(2026-01-31) or an RFC 2822 date"
        )
    return None


def _iso_date(value: str) -> str | None:
    found = _ISO_DATE.match(value.strip())
    if found:
        return found.group()
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError):
        return None
