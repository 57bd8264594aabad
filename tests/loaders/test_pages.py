"""HTML pages read with trafilatura: deep nesting, missing tags, scripts, entities, spans.

The pages are written here for these tests. Speed is measured in benchmarks/bench_html.py.
"""

from __future__ import annotations

import pytest

from vendorgraph.loaders.documents import parse_document
from vendorgraph.loaders.pages import MAX_DEPTH, _shallow, read_page
from vendorgraph.loaders.pipeline import extract

DEAL = "Quarry Compute will rent 4,000 accelerators from Lumen Grid for three years."
MORE = "The first racks arrive in March, Quarry Compute said."


def _nested(depth: int, *, closed: bool = True) -> str:
    inner = f"<p>{DEAL}</p>"
    closing = "</div>" * depth if closed else ""
    return f"<html><body>{'<div>' * depth}{inner}{closing}<p>{MORE}</p></body></html>"


@pytest.mark.parametrize("closed", [True, False], ids=["closed", "unclosed"])
def test_64k_nested_divs_keep_their_text_in_order(closed):
    text = read_page(_nested(64_000, closed=closed)).text
    assert DEAL in text and MORE in text
    assert text.index(DEAL) < text.index(MORE)


@pytest.mark.parametrize("depth", [MAX_DEPTH - 1, 3000])
def test_text_on_every_level_of_a_deep_page_survives(depth):
    levels = "".join(f"<div><p>Level {i} of the page.</p>" for i in range(depth))
    page = f"<html><body>{levels}{'</div>' * depth}</body></html>"
    text = read_page(page).text
    assert [f"Level {i} of the page." for i in range(depth)] == text.split("\n\n")


def test_shallow_makes_the_deep_elements_siblings_and_keeps_everything_else():
    page = "<div><div><div><p>a &amp; b</p></div></div></div><img src=x><br/>after"
    assert _shallow(page, 2) == (
        "<div><div></div><div></div><p>a &amp; b</p></div><img src=x><br/>after"
    )
    assert _shallow(page, 4) == page


@pytest.mark.parametrize(
    "page",
    [
        f"<html><head><title>T</title><meta charset='utf-8'><body><p>{DEAL}</p></body></html>",
        f"<html><head><title>T</title><p>{DEAL}</p>",
        f"<head><title>T</title><body><p>{DEAL}</p>",
        f"<p>{DEAL}",
    ],
    ids=["no-close-head", "no-body", "no-html", "fragment"],
)
def test_a_page_without_closing_head_keeps_its_body_text(page):
    doc = parse_document(page, suffix=".html")
    assert doc.text == DEAL


def test_a_page_declaring_another_encoding_is_read_as_the_text_it_was_decoded_to():
    page = (
        '<?xml version="1.0" encoding="iso-8859-1"?>'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><meta charset="iso-8859-1"/>'
        "<title>T</title></head><body><p>Café racks — Zürich, said Quarry Compute.</p>"
        "</body></html>"
    )
    assert parse_document(page, suffix=".html").text == "Café racks — Zürich, said Quarry Compute."


SCRIPTED = f"""<!doctype html><html><head><title>T</title>
<script>var secret = "Scriptword one";</script>
<style>.x {{ content: "Styleword two"; }}</style>
<script type="application/ld+json">{{"headline": "Jsonword three"}}</script>
</head><body><article>
<p>{DEAL}</p>
<script>document.write("<p>Injectedword four</p>");</script>
<style>p {{ color: red }} /* Styleword five */</style>
<noscript><p>Enable scripts for Noscriptword six</p></noscript>
<template><p>Templateword seven</p></template>
<p onclick="alert('Handlerword eight')">{MORE}</p>
<script>var s = "</p><p>Fakeword nine";</script>
</article></body></html>"""


def test_script_and_style_never_leak_into_the_text():
    text = parse_document(SCRIPTED, suffix=".html").text
    assert text == f"{DEAL}\n\n{MORE}"
    for word in ("Scriptword", "Styleword", "Jsonword", "Injectedword", "Handlerword"):
        assert word not in text
    for word in ("Noscriptword", "Templateword", "Fakeword", "color", "alert", "var"):
        assert word not in text


def test_article_text_is_never_executed():
    # what a script would write, compute or fetch stays out; code shown as text stays text
    page = (
        "<html><body><article>"
        "<p>Template {{7*7}} and ${7*7} and __import__('os').system('true') stay as written.</p>"
        "<img src='http://127.0.0.1:9/pixel.gif' onerror=\"document.body.innerHTML='Hijacked'\">"
        "<script>document.body.innerHTML = 'Hijacked';</script>"
        "<iframe src='http://127.0.0.1:9/frame'>Framed</iframe>"
        "</article></body></html>"
    )
    text = parse_document(page, suffix=".html").text
    assert (
        text == "Template {{7*7}} and ${7*7} and __import__('os').system('true') stay as written."
    )


@pytest.mark.parametrize(
    ("markup", "shown"),
    [
        ("Lumen &amp; Quarry", "Lumen & Quarry"),
        ("Caf&eacute; caf&#233; caf&#xE9;", "Café café café"),
        ("2020&#x2013;2026 &mdash; done", "2020–2026 — done"),
        ("a&nbsp;b", "a b"),
        ("&lt;b&gt;not a tag&lt;/b&gt;", "<b>not a tag</b>"),
        ("&amp;amp; is decoded once", "&amp; is decoded once"),
        ("write &amp;lt; for &lt; and &amp;nbsp;", "write &lt; for < and &nbsp;"),
        ("AT&T and Q&A", "AT&T and Q&A"),
    ],
)
def test_entities_in_text_are_decoded(markup, shown):
    page = f"<html><head><title>T</title></head><body><p>{markup}</p></body></html>"
    assert parse_document(page, suffix=".html").text == shown


def test_title_and_metadata_entities_are_decoded():
    page = (
        "<html><head><title>Lumen &amp; Quarry</title>"
        '<meta property="og:site_name" content="Grid &amp; Chips Weekly"></head>'
        f"<body><p>{DEAL}</p></body></html>"
    )
    doc = parse_document(page, suffix=".html")
    assert (doc.title, doc.publisher) == ("Lumen & Quarry", "Grid & Chips Weekly")


def test_every_extracted_span_indexes_the_page_text():
    page = (
        "<html><head><title>Rack deal</title></head><body><nav>Home | Cloud</nav><article>"
        "<h1>Quarry Compute rents accelerators</h1>"
        f"<p>{DEAL}</p><p>&ldquo;We needed capacity fast,&rdquo; said Mara Vint, "
        "chief executive of Quarry Compute.</p>"
        "<p>Quarry Compute runs its models on Nvidia&nbsp;H100 GPUs.</p>"
        "</article><footer>&copy; Site</footer></body></html>"
    )
    doc = parse_document(page, suffix=".html")
    ex = extract(doc)
    spans = [m for e in ex.entities for m in e.mentions]
    spans += [q.span for q in ex.quotes] + [r.span for r in ex.relations]
    spans += [q.span for q in ex.quantities]
    assert spans and ex.entities
    for span in spans:
        assert doc.text[span.start : span.end] == span.text
    assert "Home" not in doc.text and "Site" not in doc.text
