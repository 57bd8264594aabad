r"""The article text and metadata of an HTML page, read with trafilatura.

`trafilatura <https://trafilatura.readthedocs.io>`_ parses the page with lxml, drops what is
not the article (navigation, headers, footers, share buttons, cookie banners, bylines,
related links, scripts and styles), decodes character references, and reads the title,
date, site name and address from the page's metadata. Nothing on the page is run or
fetched: scripts are dropped as text, never executed.

:func:`read_page` returns the paragraphs of the article joined by a blank line, white space
inside a paragraph collapsed to one space; offsets in vendorgraph count characters of that
text (``Document.text``).

Deep nesting: libxml2, under lxml, stops reading a page at 2048 open elements and loses the
rest. A page nested deeper than that (a hostile or broken page: 64,000 unclosed ``<div>``)
is read again with every element past :data:`MAX_DEPTH` levels left out and its content
kept in place, as browsers do past their own limit (Chromium's is 512), so its text
survives in order and reading it stays linear.

Examples
--------
>>> page = read_page(
...     "<html><head><title>Deal | Site</title><script>var x = 1;</script></head><body>"
...     "<nav>Home</nav><article><p>Alpha &amp; Beta sign a deal.</p></article></body></html>"
... )
>>> page.text
'Alpha & Beta sign a deal.'
"""

from __future__ import annotations

import functools
from configparser import ConfigParser
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

__all__ = ["MAX_DEPTH", "Page", "read_page"]

MAX_DEPTH = 512
"""Nesting kept when a page is deeper than lxml reads: elements deeper are left out."""

_VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()  # noqa: SIM905
)
# A fixed latest date, so that a page's date does not depend on the day it is read
# (htmldate, under trafilatura, otherwise rejects dates after today).
_DATE_PARAMS = {"original_date": True, "extensive_search": False, "max_date": "2099-12-31"}


@dataclass(frozen=True, slots=True, kw_only=True)
class Page:
    """What :func:`read_page` found: the article text, and metadata where the page has it."""

    text: str
    title: str | None = None
    published: str | None = None
    publisher: str | None = None
    url: str | None = None


def read_page(raw: str) -> Page:
    """Return the article text and metadata of an HTML page.

    Parameters
    ----------
    raw : str
        The page, decoded.

    Returns
    -------
    Page
        ``text`` is empty when the page shows no article text.

    Examples
    --------
    >>> read_page("<html><head><title>T</title><body><p>No closing head.</p>").text
    'No closing head.'
    """
    import trafilatura

    tree = _tree(raw)
    if tree is None:
        return Page(text="")
    found = trafilatura.bare_extraction(
        tree,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        prune_xpath=["//template"],  # inert markup a page's scripts may copy, never shown
        date_extraction_params=dict(_DATE_PARAMS),
        config=_config(),
    )
    if found is None:
        return Page(text="")
    found = found.as_dict() if not isinstance(found, dict) else found
    return Page(
        text=_paragraphs(found.get("text") or ""),
        title=found.get("title") or None,
        published=found.get("date") or None,
        publisher=found.get("sitename") or None,
        url=found.get("url") or None,
    )


def _paragraphs(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


@functools.cache
def _config() -> ConfigParser:
    """Return trafilatura's settings, taking a short page as readily as a long one."""
    from trafilatura.settings import use_config

    config = use_config()
    # by default a text under 250 characters sends trafilatura to other extractors, which
    # keep boilerplate a short page's article does not outweigh
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


def _tree(raw: str) -> Any:
    """Parse a page with lxml, past its nesting limit by leaving the deepest elements out."""
    tree, too_deep = _parse(raw)
    if too_deep:
        tree, _ = _parse(_shallow(raw, MAX_DEPTH))
    if tree is not None:
        _escape_ampersands(tree)
    return tree


def _escape_ampersands(tree: Any) -> None:
    """Write each ``&`` of the page's text as ``&amp;``, which trafilatura decodes once more.

    lxml has decoded the page's character references already; trafilatura unescapes its
    output again (``xmltotxt``, ``Document.clean_and_trim``), which would turn the text
    ``&lt;`` (written ``&amp;lt;`` in the page) into ``<``.
    """
    for element in tree.iter():
        if element.text and "&" in element.text:
            element.text = element.text.replace("&", "&amp;")
        if element.tail and "&" in element.tail:
            element.tail = element.tail.replace("&", "&amp;")


def _parse(raw: str) -> tuple[Any, bool]:
    from lxml import etree, html

    parser = html.HTMLParser(  # the text is decoded already: as bytes, it is UTF-8
        encoding="utf-8", huge_tree=True, collect_ids=False, remove_comments=True, remove_pis=True
    )
    try:
        tree = html.document_fromstring(raw, parser=parser)
    except (etree.ParserError, ValueError):
        tree = _from_bytes(raw, parser)
    too_deep = any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)
    return tree, too_deep


def _from_bytes(raw: str, parser: Any) -> Any:
    """Parse a page lxml will not take as a string (one declaring its encoding), or None."""
    from lxml import etree, html

    try:
        return html.document_fromstring(raw.encode("utf-8", "surrogatepass"), parser=parser)
    except (etree.ParserError, ValueError):
        return None


def _shallow(raw: str, depth: int) -> str:
    """Return `raw` with no element nested deeper than `depth`, as a browser caps nesting.

    An element that would open below the limit closes the deepest open one first and takes
    its place, as its next sibling (what Chromium does past 512 levels); text stays where
    it is. An end tag closes the element it names among the few innermost open ones, and is
    dropped when none of them has that name.

    Examples
    --------
    >>> _shallow("<div><div><p>a &amp; b</p></div></div><br>", 1)
    '<div></div><div></div><p>a &amp; b</p><br>'
    """
    writer = _ShallowWriter(depth)
    writer.feed(raw)
    writer.close()
    return "".join(writer.out)


_SEARCH = 8  # open elements an end tag looks through for its own (a fixed bound: linear)


class _ShallowWriter(HTMLParser):
    """Copy a page tag by tag, keeping at most `depth` elements open (one pass, linear)."""

    def __init__(self, depth: int) -> None:
        super().__init__(convert_charrefs=False)
        self.limit = depth
        self.stack: list[list[Any]] = []  # the page's open elements: [tag, shown]
        self.shown: list[list[Any]] = []  # the open elements as written, at most `limit`
        self.out: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID:
            if len(self.shown) >= self.limit:
                self._close_shown()
            entry = [tag, True]
            self.stack.append(entry)
            self.shown.append(entry)
        self.out.append(self.get_starttag_text() or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        names = [entry[0] for entry in self.stack[-_SEARCH:]]
        if tag in _VOID or tag not in names:
            return
        for _ in range(len(names) - names[::-1].index(tag) - 1, len(names)):
            entry = self.stack.pop()
            if entry[1]:
                self._close_shown()

    def _close_shown(self) -> None:
        entry = self.shown.pop()
        entry[1] = False
        self.out.append(f"</{entry[0]}>")

    def handle_data(self, data: str) -> None:
        self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")
