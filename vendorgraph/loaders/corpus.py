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

import ctypes
import gc
import os
import pickle
import re
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from vendorgraph.errors import InputError, InputFileError, VendorGraphError
from vendorgraph.loaders.dedup import DuplicateIndex, Fingerprint, fingerprint
from vendorgraph.loaders.documents import SUPPORTED_SUFFIXES, read_document
from vendorgraph.loaders.feeds import FEED_SUFFIXES, SkipKind, Source, iter_feed, source_from_error
from vendorgraph.ontology.model import Document, Extraction, Record

__all__ = [
    "CORPUS_SUFFIXES",
    "IngestEvent",
    "IngestResult",
    "Skip",
    "SkipKind",
    "Source",
    "identify_language",
    "ingest",
    "iter_ingest",
    "iter_sources",
]

CORPUS_SUFFIXES: tuple[str, ...] = SUPPORTED_SUFFIXES + FEED_SUFFIXES
"""File extensions read when walking a folder (compared case-insensitively)."""

Extractor = Callable[[Document], Extraction]

DEFAULT_CHUNKSIZE = 16
_INFLIGHT_PER_WORKER = 4
_LANGUAGE_MIN_WORDS = 12
_LANGUAGE_SAMPLE = 1500
_WORD = re.compile(r"[^\W\d_]+")


# ------------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True, kw_only=True)
class Skip(Record):
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
class _Prepared(Record):
    """A source read, fingerprinted and language-checked, and its extraction when one was made.

    Worker processes make these (the extraction speculatively, before the duplicate check,
    which needs every earlier article); the process that keeps the duplicate index decides.
    """

    source: Source
    mark: Fingerprint | None = None
    language: tuple[str | None, int] = (None, 0)
    result: Extraction | str | None = None


_Task = Path | Source
"""A file still to read, or a source already read: a feed record, or why a file failed."""


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
    return map(_read, _iter_tasks(paths))


def _iter_tasks(paths: Iterable[str | os.PathLike[str]]) -> Iterator[_Task]:
    for path in paths:
        root = Path(path)
        if root.is_dir():
            for file in _walk(root):
                yield from _file_tasks(file)
        elif root.exists():
            yield from _file_tasks(root)
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


def _file_tasks(file: Path) -> Iterator[_Task]:
    if file.suffix.lower() in FEED_SUFFIXES:
        yield from iter_feed(file)
    else:
        yield file


def _read(task: _Task) -> Source:
    if isinstance(task, Source):
        return task
    try:
        document = read_document(task)
    except InputError as err:
        return source_from_error(err, origin=str(task))
    return Source.of(document, origin=str(task))


# ------------------------------------------------------------------------------- filters


def identify_language(text: str) -> tuple[str | None, int]:
    """Return the language of `text` as an ISO 639-1 code (py3langid), and its word count.

    Only the first :data:`_LANGUAGE_SAMPLE` characters are read. A text of fewer than
    :data:`_LANGUAGE_MIN_WORDS` words (a headline, a list of names) is too short to judge and
    gets None. py3langid is a naive Bayes classifier over byte n-grams trained on 97 languages:
    it draws no random numbers, so the same text always gets the same answer.

    Examples
    --------
    >>> identify_language("The chips go to the cloud, the company said on Monday in a note.")
    ('en', 14)
    >>> identify_language("Les puces sont livrées aux centres de données du nuage, selon eux.")
    ('fr', 12)
    >>> identify_language("Corvid Systems Halden Cloud")
    (None, 4)
    """
    sample = text[:_LANGUAGE_SAMPLE]
    words = len(_WORD.findall(sample))
    if words < _LANGUAGE_MIN_WORDS:
        return None, words
    import py3langid  # its model loads on first use, once per process

    code, _ = py3langid.classify(sample)
    return str(code), words


def _is_english(language: str | None) -> bool:
    return language is None or language == "en"


def _prepare(task: _Task) -> _Prepared:
    """Read a task and compute what the gate checks: the fingerprint and the language."""
    source = _read(task)
    document = source.document
    if document is None:
        return _Prepared(source)
    language = identify_language(document.text[document.body_start :])
    return _Prepared(source, fingerprint(document), language)


class _Gate:
    """Decide, in input order, which sources go on to extraction."""

    def __init__(self, seen: Collection[str]) -> None:
        self.seen = frozenset(seen)
        self.index = DuplicateIndex()

    def decide(self, prepared: _Prepared) -> Skip | None:
        """Return why a prepared source is skipped, or None to extract it (and index it)."""
        source, mark = prepared.source, prepared.mark
        document = source.document
        if document is None or mark is None:
            kind = source.error_kind or SkipKind.MALFORMED
            return Skip(origin=source.origin, kind=kind, reason=source.error or str(kind))
        match = self.index.match(mark)
        if match is not None:
            reason = _DUPLICATE_REASONS[match.kind].format(m=match)
            return _skip(source.origin, SkipKind(match.kind), reason, document)
        if _is_seen(document, self.seen):
            self.index.add(mark, origin=source.origin)  # so later copies of it still match
            reason = f"article {document.id} is already in the graph"
            return _skip(source.origin, SkipKind.SEEN, reason, document)
        language, words = prepared.language
        if not _is_english(language):
            reason = f"not English: py3langid reads its first {words} words as {language!r}"
            return _skip(source.origin, SkipKind.NOT_ENGLISH, reason, document)
        self.index.add(mark, origin=source.origin)
        return None


def _is_seen(document: Document, seen: frozenset[str]) -> bool:
    return bool(seen) and (document.content_hash in seen or document.id in seen)


def _skip(origin: str, kind: SkipKind, reason: str, document: Document) -> Skip:
    return Skip(origin=origin, kind=kind, reason=reason, article=document.id)


_DUPLICATE_REASONS = {
    "duplicate": "same text as {m.origin}",
    "wire-duplicate": "same wire story (title and credit) as {m.origin}",
    "near-duplicate": "near-identical text to {m.origin} (Jaccard {m.similarity:.2f})",
}


# ---------------------------------------------------------------------------- extraction


def _extract_one(extractor: Extractor, document: Document) -> Extraction | str:
    try:
        return extractor(document)
    except VendorGraphError as err:
        return f"extraction failed: {err}"


_Outcome = tuple[str, Extraction | Skip]  # the origin, and what became of it


def _outcome(result: Extraction | str, source: Source) -> _Outcome:
    if isinstance(result, str):
        assert source.document is not None
        return source.origin, _skip(source.origin, SkipKind.FAILED, result, source.document)
    return source.origin, result


def _in_process(tasks: Iterator[_Task], gate: _Gate, extractor: Extractor) -> Iterator[_Outcome]:
    for task in tasks:
        prepared = _prepare(task)
        skip = gate.decide(prepared)
        if skip is not None:
            yield skip.origin, skip
        else:
            assert prepared.source.document is not None
            yield _outcome(_extract_one(extractor, prepared.source.document), prepared.source)


# What a worker process knows of the graph: the articles already in it, set once at start-up.
_worker_seen: frozenset[str] = frozenset()


def _start_worker(seen: frozenset[str], parent: int) -> None:
    global _worker_seen
    _worker_seen = seen
    _die_with_parent(parent)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's clean-up handler
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle


_PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    """End this worker when the process that started it ends, however it ends (SIGKILL too).

    Linux delivers SIGKILL on the parent's death (``prctl(PR_SET_PDEATHSIG)``); elsewhere a
    watcher thread notices the worker was handed to another parent.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        armed = libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        armed = False
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)
    if not armed:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _prepare_chunk(extractor: Extractor, tasks: list[_Task]) -> list[_Prepared]:
    """Read, fingerprint and extract a chunk in a worker process (see :class:`_Prepared`).

    Articles already in the graph and articles not in English are not extracted: the gate
    skips those whatever comes before them. Duplicates are extracted and later dropped.
    """
    done = []
    for task in tasks:
        prepared = _prepare(task)
        document = prepared.source.document
        if (
            document is not None
            and _is_english(prepared.language[0])
            and not _is_seen(document, _worker_seen)
        ):
            prepared = replace(prepared, result=_extract_one(extractor, document))
        done.append(prepared)
    return done


def _chunks(tasks: Iterator[_Task], size: int) -> Iterator[list[_Task]]:
    chunk: list[_Task] = []
    for task in tasks:
        chunk.append(task)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _decide_chunk(
    future: Future[list[_Prepared]], gate: _Gate, extractor: Extractor
) -> Iterator[_Outcome]:
    for prepared in future.result():
        skip = gate.decide(prepared)
        if skip is not None:
            yield skip.origin, skip
            continue
        result = prepared.result
        if result is None:  # the gate passed what the worker did not extract: do it here
            assert prepared.source.document is not None
            result = _extract_one(extractor, prepared.source.document)
        yield _outcome(result, prepared.source)


def _in_pool(
    tasks: Iterator[_Task], gate: _Gate, extractor: Extractor, workers: int, chunksize: int
) -> Iterator[_Outcome]:
    """Prepare chunks on `workers` processes, a bounded window ahead; decide them in order."""
    window: deque[Future[list[_Prepared]]] = deque()
    pool = ProcessPoolExecutor(
        max_workers=workers, initializer=_start_worker, initargs=(gate.seen, os.getpid())
    )
    try:
        for chunk in _chunks(tasks, chunksize):
            window.append(pool.submit(_prepare_chunk, extractor, chunk))
            if len(window) >= workers * _INFLIGHT_PER_WORKER:
                yield from _decide_chunk(window.popleft(), gate, extractor)
        while window:
            yield from _decide_chunk(window.popleft(), gate, extractor)
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
        A skip says why: empty, too-large, binary, unknown-format, unreadable, malformed,
        not-english, duplicate, wire-duplicate, near-duplicate, seen, or failed (the
        extractor raised a :class:`~vendorgraph.errors.VendorGraphError` on that article).

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
    tasks = _iter_tasks(paths)
    if count > 1:
        stream = _in_pool(tasks, gate, extract, count, chunksize)
    else:
        stream = _in_process(tasks, gate, extract)
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
    with _kept_out_of_collections() as kept:
        for item in stream:
            (skipped if isinstance(item, Skip) else extractions).append(item)  # type: ignore[arg-type]
            kept()
    return IngestResult(
        extractions=tuple(extractions),
        skipped=tuple(skipped),
        counts=_counts(len(extractions), skipped),
    )


_FREEZE_EVERY = 256


@contextmanager
def _kept_out_of_collections() -> Iterator[Callable[[], None]]:
    """Spare the records already collected from the cyclic garbage collector's full passes.

    :func:`ingest` holds every extraction to the end. Those records form no cycles, yet each
    full collection rescans all of them, which costs as much as a tenth of the extraction time
    on a large corpus. Every few hundred results, the young generations are collected and what
    survives is frozen (:func:`gc.freeze`), so later passes skip it; everything is unfrozen at
    the end. Nothing is done when the collector is off or something else froze objects.
    """
    active = gc.isenabled() and gc.get_freeze_count() == 0
    count = 0

    def kept() -> None:
        nonlocal count
        count += 1
        if active and count % _FREEZE_EVERY == 0:
            gc.collect(1)
            gc.freeze()

    try:
        yield kept
    finally:
        if active:
            gc.unfreeze()


def _counts(extracted: int, skipped: list[Skip]) -> tuple[tuple[str, int], ...]:
    counts = dict.fromkeys((k.value for k in SkipKind), 0)
    for skip in skipped:
        counts[skip.kind.value] += 1
    counts.update(sources=extracted + len(skipped), extracted=extracted, skipped=len(skipped))
    return tuple(sorted(counts.items()))
