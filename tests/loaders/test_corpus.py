"""Corpus ingest: sources, feeds, skip reasons, duplicates, re-runs and parallel extraction."""

from __future__ import annotations

import functools
import gc
import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vendorgraph.errors import InputError, InputFileError, ModelError
from vendorgraph.loaders.corpus import (
    IngestEvent,
    Skip,
    SkipKind,
    identify_language,
    ingest,
    iter_ingest,
    iter_sources,
)
from vendorgraph.loaders.dedup import DuplicateIndex, jaccard, minhash, shingles
from vendorgraph.loaders.feeds import iter_feed
from vendorgraph.ontology.model import Document, Extraction

# --------------------------------------------------------------------- our own sample text

_COMPANIES = ["Corvid Systems", "Halden Cloud", "Nimbus Forge", "Quarry Labs", "Tessel Compute"]
_THINGS = ["accelerator boards", "storage racks", "network switches", "cooling units", "servers"]
_PLACES = ["Oslo", "Lagos", "Quito", "Perth", "Osaka", "Lyon", "Austin", "Pune"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
_TEMPLATES = [
    "{a} said on {day} that it will ship {n} {thing} to {b} in {place} by {year}.",
    "The deal with {b} is worth about {n} million dollars over {m} years, the company said.",
    "{a} has been building its own {thing} since {year} but still buys most of them from {b}.",
    "Analysts in {place} expect the order to grow by {m} percent before the end of {year}.",
    "A spokesperson for {b} declined to comment on the price of the {thing} on {day}.",
    "It is the {m}th contract of this kind that {a} has signed with a partner in {place}.",
]


def prose(seed: int, sentences: int = 12) -> str:
    """An English article of our own, different for every seed."""
    rng = random.Random(seed)
    lines = []
    for _ in range(sentences):
        a, b = rng.sample(_COMPANIES, 2)
        lines.append(
            rng.choice(_TEMPLATES).format(
                a=a,
                b=b,
                day=rng.choice(_DAYS),
                n=rng.randint(10, 99_999),
                m=rng.randint(2, 99),
                thing=rng.choice(_THINGS),
                place=rng.choice(_PLACES),
                year=rng.randint(2020, 2035),
            )
        )
    return " ".join(lines) + "\n"


GERMAN = (
    "Die neuen Rechenzentren werden im Norden gebaut, sagte ein Sprecher am Montag. "
    "Der Hersteller liefert zehntausend Karten, und die Kunden zahlen dafür mehr Geld "
    "als im letzten Jahr, weil die Nachfrage nach Rechenleistung weiter steigt.\n"
)


def bare(document: Document) -> Extraction:
    """A picklable extractor that finds nothing: ingest's plumbing without the pipeline."""
    return Extraction(document=document)


def fussy(document: Document) -> Extraction:
    """An extractor that fails on articles mentioning Zanzibar."""
    if "Zanzibar" in document.text:
        raise ModelError("a record broke the model")
    return Extraction(document=document)


def write(root: Path, name: str, text: str | bytes) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def feed_line(**fields: object) -> str:
    return json.dumps(fields, sort_keys=True)


def rel(origin: str, root: Path) -> str:
    path, _, line = origin.partition(":")
    name = Path(path).relative_to(root).as_posix()
    return f"{name}:{line}" if line else name


# ------------------------------------------------------------------------------- sources


def test_iter_sources_walks_folders_recursively_in_sorted_order(tmp_path: Path) -> None:
    for i, name in enumerate(
        [
            "b/z.txt",
            "b/a/2.md",
            "a.html",
            "b/a/1.TXT",
            "c.markdown",
            "d.htm",
            ".secret.txt",
            ".cache/x.txt",
            "notes.pdf",
            "b/a/.hidden/y.txt",
        ]
    ):
        write(tmp_path, name, f"<p>{prose(i, 2)}</p>" if "htm" in name else prose(i, 2))
    origins = [rel(s.origin, tmp_path) for s in iter_sources([tmp_path])]
    assert origins == ["a.html", "b/a/1.TXT", "b/a/2.md", "b/z.txt", "c.markdown", "d.htm"]


def test_iter_sources_keeps_the_order_of_the_paths_given(tmp_path: Path) -> None:
    second = write(tmp_path, "one/b.txt", prose(1, 2))
    first = write(tmp_path, "two/a.txt", prose(2, 2))
    origins = [s.origin for s in iter_sources([first, tmp_path / "one"])]
    assert origins == [str(first), str(second)]


def test_iter_sources_raises_on_a_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match=r"no file or folder '.*nowhere'; check the path"):
        list(iter_sources([tmp_path / "nowhere"]))


def test_source_id_is_the_document_id(tmp_path: Path) -> None:
    path = write(tmp_path, "a.txt", prose(3))
    (source,) = iter_sources([path])
    assert source.document is not None
    assert source.id == source.document.id and source.error is None


# --------------------------------------------------------------------------------- feeds


def test_jsonl_feed_rejects_bad_lines_by_number_and_reads_the_rest(tmp_path: Path) -> None:
    lines = [
        feed_line(
            title="Boards",
            url="https://example.org/1",
            publisher="Example Wire",
            published="2026-03-04T10:00:00Z",
            text=prose(1),
        ),
        "",
        "this is not json",
        "[1, 2]",
        feed_line(title="No text here"),
        feed_line(text=5),
        feed_line(text=prose(2), published="sometime soon"),
        feed_line(text=prose(3), published="Wed, 04 Mar 2026 10:00:00 +0000", extra="ignored"),
        feed_line(text="   "),
    ]
    feed = write(tmp_path, "feed.jsonl", "\n".join(lines) + "\n")
    got = [(rel(s.origin, tmp_path), s.error_kind, s.error) for s in iter_feed(feed)]
    assert [(o, k) for o, k, _ in got] == [
        ("feed.jsonl:1", None),
        ("feed.jsonl:3", SkipKind.MALFORMED),
        ("feed.jsonl:4", SkipKind.MALFORMED),
        ("feed.jsonl:5", SkipKind.MALFORMED),
        ("feed.jsonl:6", SkipKind.MALFORMED),
        ("feed.jsonl:7", SkipKind.MALFORMED),
        ("feed.jsonl:8", None),
        ("feed.jsonl:9", SkipKind.EMPTY),
    ]
    reasons = [r for _, _, r in got]
    assert reasons[1] is not None and reasons[1].startswith("line 3 is not JSON")
    assert reasons[2] == "record on line 4 is a JSON list, not an object"
    assert reasons[3] is not None and "no string 'text' field" in reasons[3]
    assert reasons[5] is not None and "published 'sometime soon'" in reasons[5]


def test_jsonl_feed_fields_fill_the_document(tmp_path: Path) -> None:
    text = prose(4)
    feed = write(
        tmp_path,
        "feed.jsonl",
        feed_line(
            title="Boards",
            url="https://example.org/1",
            publisher="Example Wire",
            wire_source="Wire Agency",
            published="Wed, 04 Mar 2026 10:00:00 +0000",
            text=text,
        ),
    )
    (source,) = iter_feed(feed)
    doc = source.document
    assert doc is not None
    assert (doc.title, doc.url, doc.publisher, doc.wire_source, doc.published) == (
        "Boards",
        "https://example.org/1",
        "Example Wire",
        "Wire Agency",
        "2026-03-04",
    )
    assert doc.text == text and doc.path == f"{feed}:1"


def test_a_feed_that_is_not_json_at_all_is_an_input_error(tmp_path: Path) -> None:
    feed = write(tmp_path, "feed.jsonl", "\nplain words\nmore plain words\n")
    with pytest.raises(InputError, match=r"is not a JSON Lines feed.*line 2 is not JSON") as info:
        list(iter_feed(feed))
    assert (info.value.path, info.value.line) == (str(feed), 2)


def test_bad_lines_before_the_first_good_one_are_rejections(tmp_path: Path) -> None:
    feed = write(tmp_path, "feed.jsonl", "oops\n" + feed_line(text=prose(5)) + "\n")
    kinds = [s.error_kind for s in iter_feed(feed)]
    assert kinds == [SkipKind.MALFORMED, None]


def test_json_feed_holds_one_object_or_a_list_with_line_numbers(tmp_path: Path) -> None:
    one = write(tmp_path, "one.json", json.dumps({"text": prose(6)}))
    many = write(
        tmp_path,
        "many.json",
        "[\n  "
        + ",\n  ".join([feed_line(text=prose(7)), '"a string"', feed_line(text=prose(8))])
        + "\n]\n",
    )
    assert [rel(s.origin, tmp_path) for s in iter_feed(one)] == ["one.json:1"]
    got = [(rel(s.origin, tmp_path), s.error_kind) for s in iter_feed(many)]
    assert got == [
        ("many.json:2", None),
        ("many.json:3", SkipKind.MALFORMED),
        ("many.json:4", None),
    ]


@pytest.mark.parametrize(
    ("content", "line"),
    [('{\n  "text": oops\n}', 2), ("[\n{}\n{}]", 3), ("", 1), ("{}\n{}", 2)],
)
def test_a_json_file_that_does_not_parse_names_the_line(
    tmp_path: Path, content: str, line: int
) -> None:
    feed = write(tmp_path, "bad.json", content)
    with pytest.raises(InputError, match=rf"is not a JSON feed: .* at line {line} ") as info:
        list(iter_feed(feed))
    assert info.value.line == line


# ------------------------------------------------------------------------ skip reasons


def kinds(result_skipped: tuple[Skip, ...], root: Path) -> dict[str, str]:
    return {rel(s.origin, root): s.kind.value for s in result_skipped}


def test_each_skip_reason_is_reported(tmp_path: Path) -> None:
    story = prose(10)
    write(tmp_path, "01-kept.txt", story)
    write(tmp_path, "02-empty.txt", "  \n\n")
    write(tmp_path, "03-binary.txt", b"Alpha\x00Beta")
    write(tmp_path, "04-german.txt", GERMAN)
    write(tmp_path, "05-copy.md", story)
    write(tmp_path, "06-near.txt", story.replace("said", "stated", 1))
    write(tmp_path, "07-fails.txt", "Quarry Labs will open a site in Zanzibar. " + prose(11))
    write(
        tmp_path,
        "08-feed.jsonl",
        "\n".join(
            [
                feed_line(text=story),
                "{broken",
                feed_line(title="Halden Buys Boards", publisher="Daily Chips", text=prose(12)),
                feed_line(title="Halden buys boards!", publisher="Daily Chips", text=prose(13)),
                feed_line(title="Halden buys boards!", publisher="Other Daily", text=prose(14)),
            ]
        ),
    )
    pdf = write(tmp_path, "extra/report.pdf", b"%PDF-1.4")
    result = ingest([tmp_path, pdf], extractor=fussy)
    assert kinds(result.skipped, tmp_path) == {
        "02-empty.txt": "empty",
        "03-binary.txt": "binary",
        "04-german.txt": "not-english",
        "05-copy.md": "duplicate",
        "06-near.txt": "near-duplicate",
        "07-fails.txt": "failed",
        "08-feed.jsonl:1": "duplicate",
        "08-feed.jsonl:2": "malformed",
        "08-feed.jsonl:4": "wire-duplicate",
        "extra/report.pdf": "unknown-format",
    }
    kept = [rel(e.document.path or "", tmp_path) for e in result.extractions]
    assert kept == ["01-kept.txt", "08-feed.jsonl:3", "08-feed.jsonl:5"]
    counts = dict(result.counts)
    assert (counts["sources"], counts["extracted"], counts["skipped"]) == (13, 3, 10)
    assert counts["duplicate"] == 2 and counts["seen"] == 0


def test_skip_reasons_name_the_earlier_copy(tmp_path: Path) -> None:
    story = prose(20)
    first = write(tmp_path, "a.txt", story)
    write(tmp_path, "b.txt", story)
    write(tmp_path, "c.txt", story.replace("said", "stated", 1))
    near, copy = ingest([tmp_path], extractor=bare).skipped[::-1]
    assert tuple(copy) == (str(tmp_path / "b.txt"), f"same text as {first}")
    assert near.reason.startswith(f"near-identical text to {first} (Jaccard 0.9")
    assert near.article == Document(text=story.replace("said", "stated", 1)).id


def test_a_failing_extraction_is_a_skip_that_keeps_the_error(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Quarry Labs opened a site in Zanzibar. " + prose(21))
    (skip,) = ingest([tmp_path], extractor=fussy).skipped
    assert skip.kind is SkipKind.FAILED
    assert skip.reason == "extraction failed: a record broke the model"


def test_short_texts_are_not_judged_for_language(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "Corvid Systems Halden Cloud Nimbus\n")
    assert len(ingest([tmp_path], extractor=bare).extractions) == 1


@pytest.mark.parametrize(
    ("text", "english"),
    [
        (prose(30), True),
        (GERMAN, False),
        (
            "Las empresas de la nube compran chips nuevos para sus centros de datos en Madrid "
            "y Barcelona según un portavoz.",
            False,
        ),
        (
            "Les entreprises du nuage achètent des puces pour leurs centres de données à Lyon "
            "selon un porte-parole de la société.",
            False,
        ),
    ],
)
def test_the_language_identifier_separates_english_from_other_languages(
    text: str, english: bool
) -> None:
    language, words = identify_language(text)
    assert words >= 12
    assert (language == "en") is english


def test_the_language_verdict_is_the_same_in_every_process(tmp_path: Path) -> None:
    # py3langid draws no random numbers: worker processes and this one agree, run after run
    texts = [prose(seed) for seed in range(6)] + [GERMAN * 2]
    for i, text in enumerate(texts):
        write(tmp_path, f"{i}.txt", text)
    kinds = [
        [
            getattr(x, "kind", "extracted")
            for x in ingest([tmp_path], extractor=bare, workers=w).skipped
        ]
        for w in (1, 2, 1)
    ]
    assert kinds[0] == kinds[1] == kinds[2] == [SkipKind.NOT_ENGLISH]


# ---------------------------------------------------------------------------- duplicates


def test_a_syndicated_copy_in_a_feed_counts_once(tmp_path: Path) -> None:
    story = prose(40)
    write(tmp_path, "a.txt", story)
    write(tmp_path, "b.jsonl", feed_line(title="Reprint", publisher="Another Outlet", text=story))
    result = ingest([tmp_path], extractor=bare)
    assert len(result.extractions) == 1
    assert [s.kind for s in result.skipped] == [SkipKind.DUPLICATE]


@pytest.mark.parametrize(
    ("change", "duplicate"),
    [
        (lambda words: words, True),
        (lambda words: [*words[:60], "inserted", *words[60:]], True),
        (lambda words: [w.upper() for w in words], True),
        (lambda words: words[: len(words) // 2] + [f"x{i}" for i in range(len(words) // 2)], False),
        (lambda words: words[::-1], False),
    ],
)
def test_near_duplicates_are_word_5gram_jaccard_at_least_0_9(change, duplicate: bool) -> None:
    words = prose(41, sentences=16).split()
    index = DuplicateIndex()
    index.add(Document(text=" ".join(words)), origin="a")
    match = index.match(Document(text=" ".join(change(words)) + " "))
    assert (match is not None) is duplicate
    if duplicate:
        assert match is not None and match.origin == "a" and match.similarity >= 0.9


def test_wire_duplicates_need_the_same_title_and_the_same_credit() -> None:
    index = DuplicateIndex()
    index.add(Document(text=prose(42), title="Quarry Wins Deal", wire_source="Wire A"), origin="a")
    same = Document(text=prose(43), title="QUARRY wins deal.", wire_source="Wire A")
    other_credit = Document(text=prose(44), title="Quarry Wins Deal", wire_source="Wire B")
    no_credit = Document(text=prose(45), title="Quarry Wins Deal")
    assert index.match(same) is not None and index.match(same).kind == "wire-duplicate"  # type: ignore[union-attr]
    assert index.match(other_credit) is None and index.match(no_credit) is None


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 60), min_size=6, max_size=80), st.integers(0, 40))
def test_minhash_estimates_the_jaccard_of_5gram_sets(tokens: list[int], cut: int) -> None:
    a_words = [f"w{t}" for t in tokens]
    b_words = a_words[:cut] + [f"v{t}" for t in tokens[cut:]]

    def grams(words: list[str]) -> set[tuple[str, ...]]:
        return {tuple(words[i : i + 5]) for i in range(len(words) - 4)}

    a, b = grams(a_words), grams(b_words)
    exact = len(a & b) / len(a | b) if a | b else 1.0
    estimate = jaccard(minhash(shingles(" ".join(a_words))), minhash(shingles(" ".join(b_words))))
    assert abs(estimate - exact) <= 0.3
    assert jaccard(minhash(shingles(" ".join(a_words))), minhash(shingles(" ".join(a_words)))) == 1


# --------------------------------------------------------------------- re-runs and workers


def small_corpus(root: Path) -> Path:
    for i in range(9):
        write(root, f"articles/{i:02d}.txt", prose(100 + i))
    write(root, "articles/05-copy.txt", prose(105))
    write(root, "articles/06-near.txt", prose(106).replace("said", "stated", 1))
    write(root, "articles/07-german.txt", GERMAN)
    write(
        root,
        "feeds/feed.jsonl",
        "\n".join(
            [feed_line(text=prose(200 + i), title=f"Story {i}") for i in range(7)] + ["{oops"]
        ),
    )
    return root


def outcomes(items: list[Extraction | Skip]) -> list[tuple[str, str]]:
    return [
        (i.origin, i.kind.value) if isinstance(i, Skip) else (i.document.path or "", "extracted")
        for i in items
    ]


def test_seen_articles_make_a_rerun_a_no_op(tmp_path: Path) -> None:
    root = small_corpus(tmp_path)
    first = ingest([root], extractor=bare)
    assert len(first.extractions) == 16
    hashes = {e.document.content_hash for e in first.extractions}
    again = ingest([root], extractor=bare, seen=hashes)
    assert again.extractions == ()
    assert dict(again.counts)["seen"] == 16
    before = {s.origin: s.kind for s in first.skipped}
    assert {s.origin: s.kind for s in again.skipped if s.kind is not SkipKind.SEEN} == before


def test_seen_also_takes_article_ids(tmp_path: Path) -> None:
    root = small_corpus(tmp_path)
    ids = [e.document.id for e in ingest([root], extractor=bare).extractions]
    assert (
        ingest([root], extractor=bare, seen=ids[:3]).counts
        == ingest([root], extractor=bare, seen=set(ids[:3])).counts
    )
    assert dict(ingest([root], extractor=bare, seen=ids[:3]).counts)["seen"] == 3


def test_two_workers_give_the_same_stream_as_one(tmp_path: Path) -> None:
    root = small_corpus(tmp_path)
    one = list(iter_ingest([root], extractor=fussy))
    two = list(iter_ingest([root], extractor=fussy, workers=2, chunksize=2))
    assert outcomes(two) == outcomes(one)
    assert two == one
    assert ingest([root], extractor=fussy, workers=2) == ingest([root], extractor=fussy)


def recording(calls: Path, document: Document) -> Extraction:
    """An extractor that leaves a file named for each article it is asked to extract."""
    (calls / document.id).touch()
    return Extraction(document=document)


@pytest.mark.parametrize("workers", [1, 2])
def test_articles_in_the_graph_or_not_in_english_are_never_extracted(
    tmp_path: Path, workers: int
) -> None:
    root = small_corpus(tmp_path / "corpus")
    first = ingest([root], extractor=bare)
    kept = [e.document.id for e in first.extractions]
    calls = tmp_path / "calls"
    calls.mkdir()
    extractor = functools.partial(recording, calls)
    again = ingest([root], extractor=extractor, workers=workers, seen=kept[:5])
    assert [e.document.id for e in again.extractions] == kept[5:]
    extracted = {p.name for p in calls.iterdir()}
    # workers extract ahead of the duplicate check, so a copy of a new article may be extracted
    # and dropped; an article already in the graph, or not in English, never is
    assert set(kept[5:]) <= extracted
    assert extracted.isdisjoint(kept[:5])
    german = next(s.article for s in again.skipped if s.kind is SkipKind.NOT_ENGLISH)
    assert german not in extracted


def test_progress_reports_every_source_in_output_order(tmp_path: Path) -> None:
    root = small_corpus(tmp_path)
    events: list[IngestEvent] = []
    result = ingest([root], extractor=bare, progress=events.append)
    assert [e.done for e in events] == list(range(1, len(events) + 1))
    last = events[-1]
    assert (last.extracted, last.skipped) == (len(result.extractions), len(result.skipped))
    skipped = [(e.origin, e.outcome) for e in events if e.outcome != "extracted"]
    assert skipped == [(s.origin, s.kind.value) for s in result.skipped]
    extracted = [(e.origin, e.article) for e in events if e.outcome == "extracted"]
    assert extracted == [(x.document.path, x.document.id) for x in result.extractions]


def test_iter_ingest_is_lazy(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", prose(300))
    calls: list[str] = []

    def counting(document: Document) -> Extraction:
        calls.append(document.id)
        return Extraction(document=document)

    stream = iter_ingest([tmp_path, tmp_path / "missing"], extractor=counting)
    assert calls == []
    assert isinstance(next(stream), Extraction) and len(calls) == 1
    with pytest.raises(InputFileError, match="missing"):
        next(stream)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"workers": -1}, r"workers must be 0 \(all cores\) or more, not -1"),
        (
            {"workers": 2, "extractor": lambda d: Extraction(document=d)},
            r"cannot be sent to worker processes .*pass a module-level function",
        ),
    ],
)
def test_bad_options_are_input_errors(tmp_path: Path, kwargs: dict, message: str) -> None:
    with pytest.raises(InputError, match=message):
        ingest([tmp_path], **kwargs)


# ------------------------------------------------------------------------- with the pipeline


def test_the_default_extractor_is_the_pipeline(tmp_path: Path) -> None:
    from vendorgraph.loaders.documents import read_document
    from vendorgraph.loaders.pipeline import extract

    texts = [
        "Orbit Labs said on Tuesday that it will deploy Nvidia GPUs in its new data center.\n",
        "Microsoft invests $2 billion in Orbit Labs, the company said on Monday.\n",
        "AMD will supply chips to Oracle through 2028, a spokesperson for AMD said.\n",
    ]
    paths = [write(tmp_path, f"{i}.txt", text) for i, text in enumerate(texts)]
    result = ingest([tmp_path])
    assert result.extractions == tuple(extract(read_document(p)) for p in paths)
    assert all(e.entities for e in result.extractions)
    assert ingest([tmp_path], workers=2) == result


def test_the_dev_corpus_ingests_every_article(dev_dir: Path) -> None:
    result = ingest([dev_dir])
    articles = sorted(str(p) for p in dev_dir.glob("*.txt"))
    assert [e.document.path for e in result.extractions] == articles
    golds = sorted(str(p) for p in dev_dir.glob("*.gold.json"))
    assert sorted(s.origin for s in result.skipped) == golds
    assert {s.kind for s in result.skipped} == {SkipKind.NOT_ARTICLE}
    assert all(s.reason.startswith("annotation file, not an article") for s in result.skipped)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("story.gold.json", {"text": "Alpha ships boards.", "entities": []}, "annotation file"),
        ("config.json", {"entities": [], "relations": []}, "not an article feed"),
        ("list.json", [{"id": 1}, {"id": 2}], "not an article feed"),
    ],
)
def test_non_article_json_in_a_folder_is_skipped_whole_with_a_reason(
    tmp_path: Path, name: str, content: object, reason: str
) -> None:
    write(tmp_path, name, json.dumps(content))
    result = ingest([tmp_path], extractor=bare)
    ((origin, why),) = [tuple(s) for s in result.skipped]
    assert rel(origin, tmp_path) == name  # one skip for the file, not one per record
    assert reason in why
    assert result.skipped[0].kind is SkipKind.NOT_ARTICLE


def test_a_malformed_feed_line_names_the_file_the_line_and_the_fix(tmp_path: Path) -> None:
    feed = write(tmp_path, "feed.jsonl", feed_line(text=prose(3)) + "\n{oops\n")
    skip = next(s for s in iter_feed(feed) if s.error is not None)
    assert skip.origin.endswith("feed.jsonl:2")
    assert skip.error is not None and "line 2 is not JSON" in skip.error
    assert skip.error.endswith("give one JSON object per line")


def test_a_source_holds_a_document_or_an_error_not_both() -> None:
    from vendorgraph.loaders.feeds import Source

    with pytest.raises(ModelError, match="needs exactly one of document and error"):
        Source(id="x", origin="a.txt")
    skip = Skip(origin="a.txt", kind=SkipKind.EMPTY, reason="no text")
    origin, reason = skip
    assert (origin, reason) == ("a.txt", "no text")


def test_ingest_leaves_the_garbage_collector_as_it_found_it(tmp_path: Path) -> None:
    for i in range(600):  # more than one freezing round
        write(tmp_path, f"a/{i:03d}.txt", prose(i, sentences=2))
    assert gc.get_freeze_count() == 0
    result = ingest([tmp_path], extractor=bare)
    assert len(result.extractions) + len(result.skipped) == 600
    assert gc.get_freeze_count() == 0 and gc.isenabled()
    gc.freeze()  # a caller's own frozen objects stay frozen
    try:
        frozen = gc.get_freeze_count()
        ingest([tmp_path], extractor=bare)
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
