"""One article's size limit, checked once when an article is read, for every command.

The limit and its reason are in ``vendorgraph.loaders.documents.MAX_ARTICLE_CHARS``.
"""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from vendorgraph.cli import app
from vendorgraph.errors import TooLargeInputError
from vendorgraph.loaders.corpus import ingest
from vendorgraph.loaders.documents import MAX_ARTICLE_CHARS, MAX_PAGE_CHARS, parse_document
from vendorgraph.loaders.feeds import SkipKind
from vendorgraph.ontology.model import Extraction

from ..conftest import ROOT

SENTENCE = "Quarry Compute rents racks from Lumen Grid. "
MESSAGE = (
    r"big\.txt: the article has 200,044 characters, over the limit of 200,000 for one article "
    r"\(building a graph slows down faster than one article grows\); split it into files of at "
    r"most that size, one story or section each, or into the records of a \.jsonl feed"
)


def _text(chars: int) -> str:
    return (SENTENCE * (chars // len(SENTENCE) + 1))[:chars]


def test_an_article_at_the_limit_is_read_and_one_over_it_is_refused():
    assert len(parse_document(_text(MAX_ARTICLE_CHARS)).text) == MAX_ARTICLE_CHARS
    with pytest.raises(TooLargeInputError, match="has 200,001 characters, over the limit"):
        parse_document(_text(MAX_ARTICLE_CHARS + 1))


def test_the_limit_counts_front_matter_and_markdown_too():
    raw = "---\ntitle: T\n---\n" + _text(MAX_ARTICLE_CHARS)
    with pytest.raises(TooLargeInputError, match="split it into files"):
        parse_document(raw, suffix=".md")


def test_an_html_page_is_limited_by_its_markup_and_by_its_text():
    page = "<html><body>" + "<b></b>" * (MAX_PAGE_CHARS // 7) + "<p>Racks.</p></body></html>"
    with pytest.raises(TooLargeInputError, match=r"the page \(markup included\) has"):
        parse_document(page, suffix=".html")
    text = f"<html><body><p>{_text(MAX_ARTICLE_CHARS + 10)}</p></body></html>"
    with pytest.raises(TooLargeInputError, match="the article has"):
        parse_document(text, suffix=".html")


def test_extract_refuses_a_large_article_in_one_line(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text(_text(MAX_ARTICLE_CHARS + 44), encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(big)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.output
    assert re.search(MESSAGE, lines[0]), lines[0]


def test_build_and_add_refuse_a_large_article_named_on_the_command_line(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text(_text(MAX_ARTICLE_CHARS + 44), encoding="utf-8")
    graph = tmp_path / "g.trig"
    example = ROOT / "examples" / "helioscale-gpu-deal.md"
    for args in (["build", example, big, "-o", graph], ["add", graph, big]):
        if args[0] == "add":
            assert CliRunner().invoke(app, ["build", str(example), "-o", str(graph)]).exit_code == 0
        result = CliRunner().invoke(app, [str(a) for a in args])
        assert result.exit_code == 2, result.output
        (line,) = result.stderr.strip().splitlines()
        assert re.search(MESSAGE, line), line


def test_build_skips_a_large_article_in_a_folder_and_says_why(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "big.txt").write_text(_text(MAX_ARTICLE_CHARS + 44), encoding="utf-8")
    (folder / "deal.md").write_bytes((ROOT / "examples" / "helioscale-gpu-deal.md").read_bytes())
    result = CliRunner().invoke(app, ["build", str(folder), "-o", str(tmp_path / "g.trig")])
    assert result.exit_code == 0, result.output
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped")]
    assert len(skipped) == 1 and re.search(MESSAGE, skipped[0]), skipped


def test_a_large_feed_record_is_skipped_as_too_large(tmp_path):
    feed = tmp_path / "feed.jsonl"
    records = [{"text": SENTENCE}, {"text": _text(MAX_ARTICLE_CHARS + 1)}]
    feed.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    result = ingest([feed], extractor=lambda d: Extraction(document=d))
    assert len(result.extractions) == 1
    (skip,) = result.skipped
    assert skip.kind is SkipKind.TOO_LARGE and skip.origin.endswith("feed.jsonl:2")
    assert "split it" in skip.reason
