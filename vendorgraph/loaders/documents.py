r"""Read an article file (plain text, Markdown or HTML) into a :class:`Document`.

Offsets everywhere in vendorgraph count characters of ``Document.text``. For plain text and
Markdown that is the file exactly as stored: decoded as UTF-8, a leading byte-order mark
dropped, and newlines left as they are (``\r\n`` stays two characters, as if read with
``newline=""``), so an offset can be checked against the file with any editor. For HTML it is
the article text that :func:`~vendorgraph.loaders.pages.read_page` extracts (trafilatura).

A YAML front-matter block at the top (``---`` lines around ``key: value`` lines) is read with
python-frontmatter, every value as written; ``Document.body_start`` is the first character
after it.

Examples
--------
>>> doc = parse_document("---\ntitle: Chips\n---\nBody text here.\n", suffix=".md")
>>> doc.title, doc.body_start, doc.text[doc.body_start:]
('Chips', 21, 'Body text here.\n')
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path
from typing import Any

from vendorgraph.errors import (
    BinaryInputError,
    EmptyInputError,
    InputError,
    InputFileError,
    TooLargeInputError,
    UnknownFormatError,
)
from vendorgraph.loaders.pages import read_page
from vendorgraph.ontology.model import Document

__all__ = [
    "MAX_ARTICLE_CHARS",
    "MAX_PAGE_CHARS",
    "SUPPORTED_SUFFIXES",
    "parse_document",
    "read_document",
]

_TEXT_SUFFIXES = (".txt", ".md", ".markdown")
_HTML_SUFFIXES = (".html", ".htm")
SUPPORTED_SUFFIXES: tuple[str, ...] = _TEXT_SUFFIXES + _HTML_SUFFIXES
"""File extensions :func:`read_document` understands (compared case-insensitively)."""

MAX_ARTICLE_CHARS = 200_000
"""The most characters one article may have (about 30,000 words: 20 times the longest article
of the dev corpus, a long feature or report many times over).

Reading an article is linear in its size, but building a graph from it is not: every claim
and mention of one article meets the others in entity resolution, the networkx projection and
SHACL validation, so a 100 KB article builds in 7 s, 400 KB in 61 s and 5 MB ran past 10
minutes and 2.5 GB. A longer text is a collection (a newsletter, a filing, a transcript) and
reads better as several articles: one file, or one feed record, per story or section.
"""

MAX_PAGE_CHARS = 10 * MAX_ARTICLE_CHARS
"""The most characters an HTML page may have, markup included (its text is checked too)."""

_FRONT_MATTER_KEYS = ("title", "url", "published", "date", "publisher", "author")
_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for m in names
}
_ISO_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)")
_LONG_DATE = re.compile(
    r"\b(?P<month>[A-Z][a-z]{2,8})\.?\s+(?P<d>[0-3]?\d),\s+(?P<y>(?:19|20)\d\d)\b"
)
_DATELINE_CHARS = 600
_CREDITS = (
    (
        re.compile(
            r"^\s*This (?:article|story) was (?:written|produced) based on reporting "
            r"(?:from|by) (?P<name>[^.\n]+?)\.?\s*$",
            re.M,
        ),
        "publisher",
    ),
    (
        re.compile(r"^\s*\(Reporting by [^)]*?(?:for|at) (?P<name>[A-Z][\w&. ]+?)[;)]", re.M),
        "wire_source",
    ),
    (re.compile(r"^\s*(?:Source|Via): (?P<name>[^\n]+?)\s*$", re.M), "wire_source"),
)
_CREDIT_WINDOW = 400


def read_document(path: str | os.PathLike[str]) -> Document:
    r"""Read an article file into a :class:`Document`.

    Parameters
    ----------
    path : str or os.PathLike
        A ``.txt``, ``.md``/``.markdown`` or ``.html``/``.htm`` file (case-insensitive).

    Returns
    -------
    Document
        The text as offsets count it, with title, date, publisher and URL where found.

    Raises
    ------
    vendorgraph.errors.InputFileError
        If the file does not exist or cannot be read.
    vendorgraph.errors.InputError
        If the path is a directory, or its front matter is not closed.
    vendorgraph.errors.UnknownFormatError
        If the extension is not one of :data:`SUPPORTED_SUFFIXES`.
    vendorgraph.errors.BinaryInputError
        If the file has NUL bytes or is not valid UTF-8 (``offset`` is the first bad byte).
    vendorgraph.errors.EmptyInputError
        If the file holds no text (or only front matter).
    vendorgraph.errors.TooLargeInputError
        If the article is longer than :data:`MAX_ARTICLE_CHARS` characters.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     p = pathlib.Path(tmp, "a.txt")
    ...     _ = p.write_text("Chips Ahead\nNvidia ships in 2026.\n", encoding="utf-8")
    ...     doc = read_document(p)
    >>> doc.title
    'Chips Ahead'
    """
    file = Path(path)
    suffix = _check_suffix(file)
    raw = _decode(_read_bytes(file), str(file))
    return parse_document(raw, path=str(file), suffix=suffix)


def parse_document(raw: str, *, path: str | None = None, suffix: str = ".txt") -> Document:
    """Parse article text already in memory into a :class:`Document`.

    Parameters
    ----------
    raw : str
        The decoded file content.
    path : str or None
        Where it came from, for error messages and ``Document.path``.
    suffix : str
        The format, as a file extension (``.txt``, ``.md``, ``.html`` …).

    Returns
    -------
    Document

    Raises
    ------
    vendorgraph.errors.UnknownFormatError
        If `suffix` is not supported.
    vendorgraph.errors.InputError
        If a front-matter block is not closed or has a line that is not ``key: value``.
    vendorgraph.errors.EmptyInputError
        If there is no text beyond front matter.
    vendorgraph.errors.TooLargeInputError
        If the text has more than :data:`MAX_ARTICLE_CHARS` characters (an HTML page, more
        than :data:`MAX_PAGE_CHARS` with its markup).

    Examples
    --------
    >>> doc = parse_document("<html><head><title>T</title></head><body><p>A &amp; B</p>"
    ...                      "<footer>Footer</footer></body></html>", suffix=".html")
    >>> doc.title, doc.text
    ('T', 'A & B')
    """
    suffix = suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnknownFormatError(_format_message(suffix), path=path)
    raw = raw.removeprefix("\ufeff")
    if suffix in _HTML_SUFFIXES:
        _check_size(raw, MAX_PAGE_CHARS, path, what="page (markup included)")
        document = _parse_html(raw, path)
    else:
        document = _parse_text(raw, path, markdown=suffix != ".txt")
    _check_size(document.text, MAX_ARTICLE_CHARS, path, what="article")
    return document


def _check_size(text: str, limit: int, path: str | None, *, what: str) -> None:
    if len(text) > limit:
        raise TooLargeInputError(
            f"the {what} has {len(text):,} characters, over the limit of {limit:,} for one "
            "article (building a graph slows down faster than one article grows); split it "
            "into files of at most that size, one story or section each, or into the records "
            "of a .jsonl feed",
            path=path,
        )


# ---------------------------------------------------------------------------- reading bytes


def _format_message(suffix: str) -> str:
    listed = ", ".join(SUPPORTED_SUFFIXES)
    return f"cannot read files with extension {suffix!r}; use one of {listed}"


def _check_suffix(file: Path) -> str:
    if file.is_dir():
        raise InputError(f"{str(file)!r} is a directory; give an article file", path=str(file))
    if not file.exists():
        raise InputFileError(f"no file {str(file)!r}; check the path", path=str(file))
    suffix = file.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnknownFormatError(_format_message(suffix), path=str(file))
    return suffix


def _read_bytes(file: Path) -> bytes:
    try:
        return file.read_bytes()
    except OSError as err:
        raise InputFileError(f"cannot read {str(file)!r}: {err.strerror}", path=str(file)) from err


def _decode(data: bytes, path: str) -> str:
    nul = data.find(b"\x00")
    if nul >= 0:
        raise BinaryInputError(
            f"byte {nul} is NUL, so this is not a text file; give a UTF-8 article",
            path=path,
            offset=nul,
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise BinaryInputError(
            f"byte {err.start} ({data[err.start : err.start + 1]!r}) is not valid UTF-8; "
            "save the article as UTF-8",
            path=path,
            offset=err.start,
        ) from err


# ------------------------------------------------------------------------ text and Markdown


def _parse_text(raw: str, path: str | None, *, markdown: bool) -> Document:
    meta, body_start = _front_matter(raw, path)
    body = raw[body_start:]
    if not body.strip():
        raise EmptyInputError(
            "the article has no text; give a file with an article body", path=path
        )
    return Document(
        text=raw,
        title=meta.get("title") or _title_from_body(body, markdown=markdown),
        published=_iso_or_none(meta.get("published") or meta.get("date")) or _dateline(body),
        publisher=meta.get("publisher") or _credit(body, "publisher"),
        url=meta.get("url"),
        path=path,
        wire_source=_credit(body, "wire_source"),
        body_start=body_start,
    )


def _front_matter(raw: str, path: str | None) -> tuple[dict[str, str], int]:
    """Return the known keys of a front-matter block and where the body starts.

    python-frontmatter finds the fences and reads the YAML; the body starts on the line after
    the closing fence, so offsets still count characters of the whole file.
    """
    from frontmatter.default_handlers import YAMLHandler

    handler = YAMLHandler()
    if not handler.detect(raw):
        return {}, 0
    fences = handler.FM_BOUNDARY.finditer(raw)
    opening = next(fences)
    closing = next(fences, None)
    if closing is None:
        raise InputError(
            "front matter opened by '---' on line 1 is never closed; add a '---' line after it",
            path=path,
            line=1,
        )
    end = raw.find("\n", closing.start())
    block = raw[raw.find("\n", opening.start()) + 1 : closing.start()]
    meta = _front_matter_keys(_load_yaml(handler, block, path), path)
    return meta, len(raw) if end < 0 else end + 1


# YAML allows no C0 or C1 control character (but tab and line breaks) in a stream; front matter
# that holds one (a pasted title) is read with each such character carried by a stand-in from
# a private-use plane, put back in the values, so the value is still what the file says.
_NOT_YAML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_STAND_INS = re.compile("[\U000f0000-\U000fffff]")
_STAND_IN = 0xF0000


def _load_yaml(handler: Any, block: str, path: str | None) -> Any:
    """Parse a front-matter block with every value kept as written (a string, not a date)."""
    import yaml

    try:
        # libyaml's loader where PyYAML was built with it (the wheels are), the same answers
        loader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
        carried = _NOT_YAML.sub(lambda m: chr(_STAND_IN + ord(m[0])), block)
        data = handler.load(carried, Loader=loader)
        return _put_back(data) if carried != block else data
    except yaml.YAMLError as err:
        mark = getattr(err, "context_mark", None) or getattr(err, "problem_mark", None)
        number = mark.line if mark is not None else 0
        lines = block.split("\n")
        text = lines[number].rstrip("\r") if number < len(lines) else ""
        problem = getattr(err, "problem", None) or "not YAML"
        raise InputError(
            f"front-matter line {text!r} is not 'key: value' ({problem}); fix it or close the "
            "block with '---'",
            path=path,
            line=number + 2,
        ) from err


def _put_back(data: Any) -> Any:
    """Return the values of a loaded block with the stand-ins of control characters undone."""
    if isinstance(data, str):
        return _STAND_INS.sub(lambda m: chr(ord(m[0]) - _STAND_IN), data)
    if isinstance(data, dict):
        return {_put_back(k): _put_back(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_put_back(v) for v in data]
    return data


def _front_matter_keys(data: Any, path: str | None) -> dict[str, str]:
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(
            "front matter is not 'key: value' lines; write one 'key: value' a line", path=path
        )
    meta: dict[str, str] = {}
    for key, value in data.items():
        if str(key).lower() not in _FRONT_MATTER_KEYS:
            continue
        if not isinstance(value, str):
            raise InputError(
                f"front-matter key {key!r} holds {value!r}; give it one value", path=path
            )
        meta[str(key).lower()] = value
    return meta


def _title_from_body(body: str, *, markdown: bool) -> str | None:
    if markdown:
        heading = re.search(r"^#[ \t]+(.+?)[ \t#]*$", body, re.M)
        if heading:
            return heading[1].strip()
    first = next((line.strip() for line in body.splitlines() if line.strip()), "")
    first = first.lstrip("#").strip()
    if first and len(first) < 150 and not first.endswith("."):
        return first
    return None


def _iso_or_none(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    if re.fullmatch(r"(?:19|20)\d\d(?:-[01]\d(?:-[0-3]\d)?)?", value):
        return value
    found = _find_date(value)
    return found or (value[:10] if _ISO_DATE.match(value) else None)


def _dateline(body: str) -> str | None:
    return _find_date(body[:_DATELINE_CHARS])


def _find_date(text: str) -> str | None:
    iso = _ISO_DATE.search(text)
    if iso:
        return _valid_date(int(iso["y"]), int(iso["m"]), int(iso["d"]))
    for long in _LONG_DATE.finditer(text):
        month = _MONTHS.get(long["month"].lower())
        if month:
            return _valid_date(int(long["y"]), month, int(long["d"]))
    return None


def _valid_date(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _credit(body: str, role: str) -> str | None:
    tail = body[-_CREDIT_WINDOW:]
    for pattern, target in _CREDITS:
        match = pattern.search(tail)
        if match and target == role:
            return match["name"].strip()
    return None


# ------------------------------------------------------------------------------------- HTML


def _parse_html(raw: str, path: str | None) -> Document:
    page = read_page(raw)
    if not page.text:
        raise EmptyInputError("the page has no visible article text", path=path)
    return Document(
        text=page.text,
        title=page.title,
        published=_iso_or_none(page.published),
        publisher=page.publisher or _credit(page.text, "publisher"),
        url=page.url,
        path=path,
        wire_source=_credit(page.text, "wire_source"),
    )
