"""Ingest a corpus: many article files and feeds in, one ordered stream of extractions out.

:func:`iter_sources` walks folders, files and feeds into :class:`Source` records;
:func:`iter_ingest` filters them (unreadable, not English, duplicate, already seen), extracts
the rest on one or more processes, and yields each :class:`~vendorgraph.ontology.model.Extraction`
or :class:`Skip` in input order whatever the worker count; :func:`ingest` collects that stream
into an :class:`IngestResult`. Sources stream through: memory holds the documents in flight
and a duplicate index of a few hundred bytes per article, never the whole corpus. The library
never prints; progress goes to a callback.

Examples
--------
>>> import tempfile, pathlib
>>> from vendorgraph.ontology.model import Extraction
>>> bare = lambda document: Extraction(document=document)
>>> text = "Alpha Chips said on Monday that it will ship boards to the Beta Cloud data centers."
>>> with tempfile.TemporaryDirectory() as tmp:
...     for name, body in [("a.txt", text), ("b.txt", text), ("c.txt", "")]:
...         _ = pathlib.Path(tmp, name).write_text(body)
...     result = ingest([tmp], extractor=bare)
>>> len(result.extractions), [(pathlib.Path(o).name, r[:12]) for o, r in result.skipped]
(1, [('b.txt', 'same text as'), ('c.txt', 'the article ')])
>>> dict(result.counts)["duplicate"]
1
"""

from __future__ import annotations

import os
import pickle
import re
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from vendorgraph.errors import InputError, InputFileError, VendorGraphError
from vendorgraph.loaders.dedup import DuplicateIndex
from vendorgraph.loaders.documents import SUPPORTED_SUFFIXES, read_document
from vendorgraph.loaders.feeds import FEED_SUFFIXES, SkipKind, Source, iter_feed, source_from_error
from vendorgraph.ontology.model import Document, Extraction

__all__ = [
    "CORPUS_SUFFIXES",
    "IngestEvent",
    "IngestResult",
    "Skip",
    "SkipKind",
    "Source",
    "english_ratio",
    "ingest",
    "iter_ingest",
    "iter_sources",
]

CORPUS_SUFFIXES: tuple[str, ...] = SUPPORTED_SUFFIXES + FEED_SUFFIXES
"""File extensions read when walking a folder (compared case-insensitively)."""

Extractor = Callable[[Document], Extraction]

DEFAULT_CHUNKSIZE = 16
_INFLIGHT_PER_WORKER = 4
_ENGLISH_MIN_RATIO = 0.15
_ENGLISH_MIN_WORDS = 12
_ENGLISH_SAMPLE = 1500
_WORD = re.compile(r"[^\W\d_]+")
_STOP_WORDS = frozenset(
    """a about after against all also an and any are as at be because been before being but
    by can could did do does for from had has have he her here his how i if in into is it its
    more most no not now of on one only or other our out over said says she should so some
    such than that the their them then there these they this those through to under up was
    we were what when where which while who will with would you""".split()  # noqa: SIM905
)
_ASCII_STOP_WORDS = frozenset(word.encode("ascii") for word in _STOP_WORDS)


# ------------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True, kw_only=True)
class Skip:
    """A source that was not extracted, and why. Unpacks as ``(origin, reason)``.

    ``kind`` classifies the reason; ``article`` is the article id when the text was read.
    """

    origin: str
    kind: SkipKind
    reason: str
    article: str | None = None

    def __iter__(self) -> Iterator[str]:
        return iter((self.origin, self.reason))


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestEvent:
    """Progress after one source: what happened to it and the running totals.

    ``outcome`` is ``"extracted"`` or a :class:`SkipKind` value.
    """

    origin: str
    outcome: str
    article: str | None
    done: int
    extracted: int
    skipped: int


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestResult:
    """What :func:`ingest` extracted and skipped, in input order, with counts.

    ``counts`` holds ``(name, n)`` pairs sorted by name: ``sources``, ``extracted``,
    ``skipped`` and one per :class:`SkipKind` value; ``dict(result.counts)`` reads them.
    """

    extractions: tuple[Extraction, ...]
    skipped: tuple[Skip, ...]
    counts: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class _Job:
    document: Document
    origin: str


# ------------------------------------------------------------------------------- sources


def iter_sources(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Source]:
    """Yield a :class:`Source` for every article under `paths`, in a deterministic order.

    Parameters
    ----------
    paths : iterable of str or os.PathLike
        Files and folders. A folder is walked recursively for files with an extension in
        :data:`CORPUS_SUFFIXES`, sorted by path; hidden files and folders (a name starting
        with ``.``) are left out. ``.json`` and ``.jsonl`` files are feeds
        (:func:`~vendorgraph.loaders.feeds.iter_feed`), one source per record.

    Yields
    ------
    Source
        A document, or the reason it could not be read (empty, binary, unknown format,
        unreadable, malformed). Origins are the file path, or ``path:line`` for a feed record.

    Raises
    ------
    vendorgraph.errors.InputFileError
        If a path given does not exist.
    vendorgraph.errors.InputError
        If a feed is not JSON at all.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     for name in ["b/2.md", "a.txt", ".hidden.txt", "b/1.txt", "notes.pdf"]:
    ...         path = pathlib.Path(tmp, name)
    ...         path.parent.mkdir(exist_ok=True)
    ...         _ = path.write_text("Some article text.")
    ...     [pathlib.Path(s.origin).relative_to(tmp).as_posix() for s in iter_sources([tmp])]
    ['a.txt', 'b/1.txt', 'b/2.md']
    """
    for path in paths:
        root = Path(path)
        if root.is_dir():
            for file in _walk(root):
                yield from _file_sources(file)
        elif root.exists():
            yield from _file_sources(root)
        else:
            raise InputFileError(f"no file or folder {str(root)!r}; check the path", path=str(root))


def _walk(root: Path) -> list[Path]:
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += (Path(folder, f) for f in files if _wanted(f))
    return sorted(found, key=lambda p: p.relative_to(root).parts)


def _wanted(name: str) -> bool:
    return not name.startswith(".") and name.lower().endswith(CORPUS_SUFFIXES)


def _file_sources(file: Path) -> Iterator[Source]:
    if file.suffix.lower() in FEED_SUFFIXES:
        yield from iter_feed(file)
        return
    try:
        document = read_document(file)
    except InputError as err:
        yield source_from_error(err, origin=str(file))
        return
    yield Source.of(document, origin=str(file))


# ------------------------------------------------------------------------------- filters


def english_ratio(text: str) -> tuple[float, int]:
    """Return the share of common English function words among the words of `text`, and the count.

    Only the first few thousand characters are read. Running English prose scores about 0.4;
    other languages written in Latin letters score under 0.1.

    Examples
    --------
    >>> english_ratio("The chips go to the cloud.")
    (0.5, 6)
    >>> english_ratio("Les puces sont livrées aux centres de données du nuage.")
    (0.0, 10)
    """
    sample = text[:_ENGLISH_SAMPLE]
    if sample.isascii():  # the same words, by one byte translation and a split
        ascii_words = sample.encode("ascii").translate(_ASCII_LETTERS).split()
        hits = sum(map(_ASCII_STOP_WORDS.__contains__, ascii_words))
        return (hits / len(ascii_words), len(ascii_words)) if ascii_words else (0.0, 0)
    words = _WORD.findall(sample.lower())
    if not words:
        return 0.0, 0
    return sum(map(_STOP_WORDS.__contains__, words)) / len(words), len(words)


# ASCII letters lower-cased, every other byte a space: what ``_WORD`` finds in ASCII text
_ASCII_LETTERS = bytes(c | 32 if chr(c).isascii() and chr(c).isalpha() else 32 for c in range(256))


class _Gate:
    """Decide, in input order, which sources go on to extraction."""

    def __init__(self, seen: Collection[str]) -> None:
        self.seen = frozenset(seen)
        self.index = DuplicateIndex()

    def decide(self, source: Source) -> Skip | _Job:
        document = source.document
        if document is None:
            kind = source.error_kind or SkipKind.MALFORMED
            return Skip(origin=source.origin, kind=kind, reason=source.error or str(kind))
        skip = self._check(document, source.origin)
        if skip is None:
            self.index.add(document, origin=source.origin)
            return _Job(document, source.origin)
        return skip

    def _check(self, document: Document, origin: str) -> Skip | None:
        match = self.index.match(document)
        if match is not None:
            reason = _DUPLICATE_REASONS[match.kind].format(m=match)
            return _skip(origin, SkipKind(match.kind), reason, document)
        if self.seen and (document.content_hash in self.seen or document.id in self.seen):
            self.index.add(document, origin=origin)  # so later copies of it still match
            reason = f"article {document.id} is already in the graph"
            return _skip(origin, SkipKind.SEEN, reason, document)
        ratio, words = english_ratio(document.text[document.body_start :])
        if words >= _ENGLISH_MIN_WORDS and ratio < _ENGLISH_MIN_RATIO:
            reason = f"not English: {ratio:.0%} of its {words} words are common English words"
            return _skip(origin, SkipKind.NOT_ENGLISH, reason, document)
        return None


def _skip(origin: str, kind: SkipKind, reason: str, document: Document) -> Skip:
    return Skip(origin=origin, kind=kind, reason=reason, article=document.id)


_DUPLICATE_REASONS = {
    "duplicate": "same text as {m.origin}",
    "wire-duplicate": "same wire story (title and credit) as {m.origin}",
    "near-duplicate": "near-identical text to {m.origin} (Jaccard {m.similarity:.2f})",
}


# ---------------------------------------------------------------------------- extraction


def _extract_chunk(extractor: Extractor, documents: list[Document]) -> list[Extraction | str]:
    return [_extract_one(extractor, document) for document in documents]


def _extract_one(extractor: Extractor, document: Document) -> Extraction | str:
    try:
        return extractor(document)
    except VendorGraphError as err:
        return f"extraction failed: {err}"


def _outcome(result: Extraction | str, job: _Job) -> tuple[str, Extraction | Skip]:
    if isinstance(result, str):
        return job.origin, _skip(job.origin, SkipKind.FAILED, result, job.document)
    return job.origin, result


def _in_process(
    decided: Iterator[Skip | _Job], extractor: Extractor
) -> Iterator[tuple[str, Extraction | Skip]]:
    for item in decided:
        if isinstance(item, Skip):
            yield item.origin, item
        else:
            yield _outcome(_extract_one(extractor, item.document), item)


def _batches(decided: Iterator[Skip | _Job], chunksize: int) -> Iterator[list[Skip | _Job]]:
    batch: list[Skip | _Job] = []
    jobs = 0
    for item in decided:
        batch.append(item)
        jobs += isinstance(item, _Job)
        if jobs >= chunksize or len(batch) >= 4 * chunksize:
            yield batch
            batch, jobs = [], 0
    if batch:
        yield batch


_Pending = tuple[list[Skip | _Job], "Future[list[Extraction | str]] | None"]


def _drain(pending: _Pending) -> Iterator[tuple[str, Extraction | Skip]]:
    batch, future = pending
    results = iter(future.result() if future is not None else ())
    for item in batch:
        yield (item.origin, item) if isinstance(item, Skip) else _outcome(next(results), item)


def _in_pool(
    decided: Iterator[Skip | _Job], extractor: Extractor, workers: int, chunksize: int
) -> Iterator[tuple[str, Extraction | Skip]]:
    window: deque[_Pending] = deque()
    pool = ProcessPoolExecutor(max_workers=workers)
    try:
        for batch in _batches(decided, chunksize):
            documents = [item.document for item in batch if isinstance(item, _Job)]
            future = pool.submit(_extract_chunk, extractor, documents) if documents else None
            window.append((batch, future))
            if len(window) >= workers * _INFLIGHT_PER_WORKER:
                yield from _drain(window.popleft())
        while window:
            yield from _drain(window.popleft())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# -------------------------------------------------------------------------------- ingest


def _default_extractor() -> Extractor:
    from vendorgraph.loaders.pipeline import extract

    return extract


def _worker_count(workers: int) -> int:
    if workers < 0:
        raise InputError(f"workers must be 0 (all cores) or more, not {workers!r}")
    if workers == 0:
        return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    return workers


def _check_picklable(extractor: Extractor) -> None:
    try:
        pickle.dumps(extractor)
    except (pickle.PicklingError, AttributeError, TypeError) as err:
        raise InputError(
            f"extractor {extractor!r} cannot be sent to worker processes ({err}); pass a "
            "module-level function, or use workers=1"
        ) from err


class _Progress:
    def __init__(self, callback: Callable[[IngestEvent], None] | None) -> None:
        self.callback = callback
        self.done = self.extracted = self.skipped = 0

    def note(self, origin: str, item: Extraction | Skip) -> None:
        self.done += 1
        if isinstance(item, Skip):
            self.skipped += 1
            outcome, article = item.kind.value, item.article
        else:
            self.extracted += 1
            outcome, article = "extracted", item.document.id
        if self.callback is not None:
            self.callback(
                IngestEvent(
                    origin=origin,
                    outcome=outcome,
                    article=article,
                    done=self.done,
                    extracted=self.extracted,
                    skipped=self.skipped,
                )
            )


def iter_ingest(
    paths: Iterable[str | os.PathLike[str]],
    *,
    workers: int = 1,
    extractor: Extractor | None = None,
    seen: Collection[str] = (),
    progress: Callable[[IngestEvent], None] | None = None,
    chunksize: int = DEFAULT_CHUNKSIZE,
) -> Iterator[Extraction | Skip]:
    """Yield an :class:`~vendorgraph.ontology.model.Extraction` or a :class:`Skip` per source.

    The stream follows the input order of :func:`iter_sources` whatever the worker count, and
    holds only the documents in flight, so a graph writer can consume a corpus of any size.

    Parameters
    ----------
    paths : iterable of str or os.PathLike
        Article files, feeds and folders, as for :func:`iter_sources`.
    workers : int
        Processes to extract on: 1 extracts in this process, 0 uses every available core.
    extractor : callable, optional
        ``Document -> Extraction``; :func:`vendorgraph.loaders.pipeline.extract` by default.
        With more than one worker it must be picklable (a module-level function).
    seen : collection of str
        Content hashes (``sha256:…``) or article ids already in the graph; those articles are
        skipped, so re-running on the same corpus extracts nothing.
    progress : callable, optional
        Called with an :class:`IngestEvent` after each source, in output order.
    chunksize : int
        Documents sent to a worker process at a time.

    Yields
    ------
    Extraction or Skip
        A skip says why: empty, binary, unknown-format, unreadable, malformed, not-english,
        duplicate, wire-duplicate, near-duplicate, seen, or failed (the extractor raised a
        :class:`~vendorgraph.errors.VendorGraphError` on that article).

    Raises
    ------
    vendorgraph.errors.InputError
        If a path does not exist, a feed is not JSON, `workers` is negative, or the extractor
        cannot be sent to worker processes.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from vendorgraph.ontology.model import Extraction
    >>> bare = lambda document: Extraction(document=document)
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = pathlib.Path(tmp, "a.txt").write_text("The boards are shipped to the cloud.")
    ...     first = next(iter_ingest([tmp], extractor=bare))
    ...     again = next(iter_ingest([tmp], extractor=bare, seen={first.document.id}))
    >>> type(first).__name__, again.kind
    ('Extraction', <SkipKind.SEEN: 'seen'>)
    """
    count = _worker_count(workers)
    extract = extractor if extractor is not None else _default_extractor()
    if count > 1:
        _check_picklable(extract)
    gate = _Gate(seen)
    decided = (gate.decide(source) for source in iter_sources(paths))
    if count > 1:
        stream = _in_pool(decided, extract, count, chunksize)
    else:
        stream = _in_process(decided, extract)
    tracker = _Progress(progress)
    for origin, item in stream:
        tracker.note(origin, item)
        yield item


def ingest(
    paths: Iterable[str | os.PathLike[str]],
    *,
    workers: int = 1,
    extractor: Extractor | None = None,
    seen: Collection[str] = (),
    progress: Callable[[IngestEvent], None] | None = None,
) -> IngestResult:
    """Extract every article under `paths`, and report what was skipped and why.

    Parameters
    ----------
    paths : iterable of str or os.PathLike
        Article files, feeds and folders, as for :func:`iter_sources`.
    workers, extractor, seen, progress
        As for :func:`iter_ingest`.

    Returns
    -------
    IngestResult
        The extractions and skips in input order, with counts.

    Raises
    ------
    vendorgraph.errors.InputError
        As for :func:`iter_ingest`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from vendorgraph.ontology.model import Extraction
    >>> bare = lambda document: Extraction(document=document)
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = pathlib.Path(tmp, "a.txt").write_text("Die Chips werden an die Cloud geliefert, "
    ...         "sagte der Hersteller am Montag in seiner Mitteilung zum Quartal.")
    ...     result = ingest([tmp], extractor=bare)
    >>> [item.kind.value for item in result.skipped]
    ['not-english']
    """
    extractions: list[Extraction] = []
    skipped: list[Skip] = []
    stream = iter_ingest(paths, workers=workers, extractor=extractor, seen=seen, progress=progress)
    for item in stream:
        (skipped if isinstance(item, Skip) else extractions).append(item)  # type: ignore[arg-type]
    return IngestResult(
        extractions=tuple(extractions),
        skipped=tuple(skipped),
        counts=_counts(len(extractions), skipped),
    )


def _counts(extracted: int, skipped: list[Skip]) -> tuple[tuple[str, int], ...]:
    counts = dict.fromkeys((k.value for k in SkipKind), 0)
    for skip in skipped:
        counts[skip.kind.value] += 1
    counts.update(sources=extracted + len(skipped), extracted=extracted, skipped=len(skipped))
    return tuple(sorted(counts.items()))
