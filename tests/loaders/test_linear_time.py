"""Extraction stays fast on pathological texts and never breaks on odd ones (issue 9, part 2).

The timed test is the one the issue asks for: 16 KB of each shape of ``_shapes.py`` extracts
in under two seconds. Growth with size is measured by ``benchmarks/bench_pathological.py``,
which prints the exponent per shape; the bound here catches a shape turning quadratic again
(before the fixes, several took 10 s or more at 16 KB) without depending on the machine much.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.loaders._shapes import SHAPES
from vendorgraph.loaders.documents import parse_document
from vendorgraph.loaders.limits import chunk_slices, tokenize
from vendorgraph.loaders.pipeline import extract
from vendorgraph.loaders.text import nlp

SIZE = 16 * 1024
BOUND = 2.0  # seconds; an ordinary 16 KB article takes about a quarter of it


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    extract(parse_document(SHAPES["ordinary"](2048)))  # load the parser and patterns first


def _seconds(text: str) -> float:
    doc = parse_document(text)
    t0 = time.perf_counter()
    extract(doc)
    return time.perf_counter() - t0


@pytest.mark.parametrize(
    "shape",
    sorted(SHAPES),
)
def test_extract_16kb_of_each_shape_under_two_seconds(shape: str) -> None:
    text = SHAPES[shape](SIZE)
    assert len(text) >= SIZE - 1
    seconds = _seconds(text)
    assert seconds < BOUND, f"{shape}: {seconds:.2f} s for 16 KB"


@pytest.mark.parametrize("run", [")" * 700, "([{" * 300 + "}])" * 300, "x" * 1000, "…" * 400])
def test_tokenize_keeps_every_character_of_a_long_run(run: str) -> None:
    text = f"Acme said {run}. Zeta agreed."
    doc = tokenize(nlp(), text)
    assert doc.text == text
    assert all(text[t.idx : t.idx + len(t)] == t.text for t in doc)


def test_tokenize_is_the_tokenizer_on_ordinary_text() -> None:
    text = "Acme Labs (AL) said: “We buy 20,000 GPUs.” https://example.com/a-b?c=d."
    assert chunk_slices(text) == [(0, len(text))]
    assert [t.text for t in tokenize(nlp(), text)] == [t.text for t in nlp().tokenizer(text)]


# --- fuzzing: real-looking articles with odd insertions -------------------------------------

_PARAGRAPHS = (
    "Acme Labs Co-founder Jane Roe said Acme Labs will deploy 20,000 Nvidia GPUs by 2027.",
    "“We rely on Nvidia's most advanced GPUs,” Roe said on Monday.",
    "Zeta Capital invested $2 billion in Acme Labs, according to Partner Raj Patel.",
    "AWS and Acme Labs have worked together since 2019 (the deal was worth €300m).",
    "Vela Systems Inc. signed a five-year contract with Microsoft Azure for 6 gigawatts.",
    "Shares of Oracle rose 35% after CoreWeave, Intel and AMD said they would buy more chips.",
)
_INSERTS = (
    '"', "“", "”", "'", "’", "(", ")", "[", "]", " and ", ", ", ".", "...", "…", "\n", "\n\n",
    "$", "€5bn", "1,000,000", "3.5%", "2027", "Nvidia", "AWS", " Acme Labs ", "Inc.", "Mr.",
    "é", "ß", "İ", "\u00a0", "\u200b", "😀", "中文", "\t", " said ", "according to ",
)  # fmt: skip


@st.composite
def _articles(draw: st.DrawFn) -> str:
    paragraphs = draw(st.lists(st.sampled_from(_PARAGRAPHS), min_size=1, max_size=6))
    text = "\n\n".join(paragraphs)
    for _ in range(draw(st.integers(0, 12))):
        at = draw(st.integers(0, len(text)))
        piece = draw(st.sampled_from(_INSERTS) | st.text(max_size=4))
        text = text[:at] + piece * draw(st.integers(1, 5)) + text[at:]
    return text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_articles())
def test_extract_never_breaks_and_every_span_indexes_the_text(text: str) -> None:
    if not text.strip():
        return
    doc = parse_document(text)
    ex = extract(doc)
    for span in ex._spans():
        assert doc.text[span.start : span.end] == span.text
