"""The build recipe as library functions: what ``vendorgraph build``, ``add`` and ``remove`` do.

ingest -> resolve entities -> screen -> RDF -> merges -> score -> validate, then
:func:`write_graph`. A graph built here is byte for byte the one the command line writes from
the same inputs. Nothing here prints, reads the environment or takes a lock: the command line
holds the graph's lock around a read-change-write.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> article = folder / "deal.txt"
>>> _ = article.write_text("Helioscale buys GPUs from Nvidia. Nvidia supplies Helioscale.")
>>> build = build_graph([article])
>>> build.counts["articles"], build.validation.conforms
(1, True)
>>> write_graph(build, folder / "graph.trig").name
'graph.trig'
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from vendorgraph.api.results import GraphBuild, GraphUpdate, Scores, left_out_of
from vendorgraph.errors import InputError, VendorGraphError

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import rdflib

    from vendorgraph.analysis.weights import Parameters
    from vendorgraph.graph.update import AddReport, RemoveReport
    from vendorgraph.graph.validate import ValidationResult
    from vendorgraph.loaders.corpus import IngestEvent, IngestResult
    from vendorgraph.ontology.model import Extraction
    from vendorgraph.resolution import ResolutionRules

__all__ = [
    "add_articles",
    "build_graph",
    "count_sources",
    "damaged_graph",
    "graph_as_of",
    "graph_from_extractions",
    "open_graph",
    "remove_article",
    "score_graph",
    "write_graph",
]

PathLike: TypeAlias = "str | os.PathLike[str]"
GraphLike: TypeAlias = "GraphBuild | GraphUpdate | rdflib.Dataset | PathLike"
Rules: TypeAlias = "ResolutionRules | PathLike | None"
Progress: TypeAlias = "Callable[[IngestEvent], None] | None"


def build_graph(
    paths: Iterable[PathLike],
    *,
    workers: int = 1,
    rules: Rules = None,
    scores: bool = True,
    validate: bool = True,
    progress: Progress = None,
) -> GraphBuild:
    """Build one knowledge graph from articles, folders of articles and JSON Lines feeds.

    Parameters
    ----------
    paths : iterable of str or os.PathLike
        Articles named one by one must be readable; in folders and feeds, files that are empty,
        binary, not English or duplicates are skipped and listed in the result.
    workers : int
        Extraction processes (0: one per core).
    rules : ResolutionRules, str or os.PathLike, optional
        Pinned and forbidden entity merges, or a TOML file of them.
    scores, validate : bool
        Store lock-in scores in the graph; check the SHACL shapes.
    progress : callable, optional
        Called with an :class:`~vendorgraph.loaders.corpus.IngestEvent` after each source.

    Returns
    -------
    GraphBuild
        The dataset, the extractions it holds, and what was skipped or left out.

    Raises
    ------
    vendorgraph.errors.InputError
        If a named article cannot be read, or no article could be extracted.
    vendorgraph.errors.ValidationError
        If `validate` and the graph fails the shapes.

    Examples
    --------
    See the module's example.
    """
    from vendorgraph.loaders.corpus import ingest

    files = [Path(p) for p in paths]
    _check_named_files(files)
    ingested = ingest(files, workers=workers, progress=progress)
    return graph_from_extractions(ingested, rules=rules, scores=scores, validate=validate)


def count_sources(paths: Iterable[PathLike]) -> int | None:
    r"""Count the sources a build over `paths` will read: the total of a progress bar.

    A folder counts its article files (hidden ones left out, as ingest does), a feed its
    records, any other file one. Nothing is extracted; a feed is parsed, not its articles.

    Parameters
    ----------
    paths : iterable of str or os.PathLike
        What :func:`build_graph` and :func:`add_articles` take.

    Returns
    -------
    int or None
        The count, or None when a path cannot be read (the build then says why).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> for name in ["a.txt", "b.md", ".hidden.txt", "notes.pdf"]:
    ...     _ = (folder / name).write_text("Some article text.")
    >>> _ = (folder / "feed.jsonl").write_text('{"text": "One."}\n\n{"text": "Two."}\n')
    >>> count_sources([folder]), count_sources([folder / "a.txt"]), count_sources(["nowhere"])
    (4, 1, None)
    """
    from vendorgraph.loaders.corpus import CORPUS_SUFFIXES
    from vendorgraph.loaders.feeds import FEED_SUFFIXES, iter_feed

    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found = (f.relative_to(path) for f in path.rglob("*") if f.is_file())
            files += (path / f for f in found if _wanted(f, CORPUS_SUFFIXES))
        elif path.exists():
            files.append(path)
        else:
            return None
    try:
        feeds = sum(
            sum(1 for _ in iter_feed(f)) for f in files if f.suffix.lower() in FEED_SUFFIXES
        )
    except VendorGraphError:
        return None
    return feeds + sum(1 for f in files if f.suffix.lower() not in FEED_SUFFIXES)


def _wanted(relative: Path, suffixes: tuple[str, ...]) -> bool:
    """Whether ingest reads this file of a folder: no hidden part, a corpus suffix."""
    hidden = any(part.startswith(".") for part in relative.parts)
    return not hidden and relative.name.lower().endswith(suffixes)


def graph_from_extractions(
    extractions: IngestResult | Iterable[Extraction],
    *,
    rules: Rules = None,
    scores: bool = True,
    validate: bool = True,
) -> GraphBuild:
    """Build the graph from extractions already made: the second half of :func:`build_graph`.

    Parameters
    ----------
    extractions : IngestResult or iterable of Extraction
        The result of :func:`vendorgraph.loaders.corpus.ingest` (its skips are kept in the
        result), or extractions, one per article.
    rules, scores, validate
        As for :func:`build_graph`.

    Returns
    -------
    GraphBuild

    Raises
    ------
    vendorgraph.errors.InputError
        If there is no extraction.

    Examples
    --------
    >>> from vendorgraph.ontology import Document, Extraction
    >>> graph_from_extractions([Extraction(document=Document(text="Hi."))]).counts["articles"]
    1
    """
    from vendorgraph.graph.merges import add_merges
    from vendorgraph.graph.rdf import to_dataset
    from vendorgraph.resolution import resolve_entities

    found, skipped = _split(extractions)
    if not found:
        raise InputError(f"no article could be extracted{_skip_summary(skipped)}")
    resolution = resolve_entities(found, rules=_rules(rules))
    screened = _screened(resolution.extractions)
    dataset = to_dataset(screened)
    add_merges(dataset, resolution)
    scored, validation = _finish(dataset, scores=scores, validate=validate)
    return GraphBuild(
        dataset=dataset,
        extractions=screened,
        skipped=skipped,
        left_out=left_out_of(screened),
        merges=resolution.merges,
        scores=scored,
        validation=validation,
    )


def add_articles(
    graph: GraphLike,
    paths: Iterable[PathLike],
    *,
    workers: int = 1,
    rules: Rules = None,
    scores: bool = True,
    validate: bool = True,
    progress: Progress = None,
) -> GraphUpdate[AddReport]:
    """Add articles to a graph: only articles the graph does not hold yet are processed.

    Parameters
    ----------
    graph : GraphBuild, GraphUpdate, rdflib.Dataset, str or os.PathLike
        The graph, or its file. A dataset given (or held by the result given) is changed in
        place; a file is read, never written (see :func:`write_graph`).
    paths, workers, rules, scores, validate, progress
        As for :func:`build_graph`.

    Returns
    -------
    GraphUpdate
        The dataset and an :class:`~vendorgraph.graph.update.AddReport`.

    Examples
    --------
    >>> from vendorgraph.ontology import Document, Extraction
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "b.txt"
    >>> _ = path.write_text("AMD supplies GPUs to Helioscale, the company said on Monday.")
    >>> build = graph_from_extractions([Extraction(document=Document(text="Hi."))])
    >>> len(add_articles(build, [path]).report.added)
    1
    """
    from vendorgraph.graph.merges import add_merges
    from vendorgraph.graph.update import add_extractions, article_ids
    from vendorgraph.loaders.corpus import ingest
    from vendorgraph.resolution import resolve_entities

    files = [Path(p) for p in paths]
    _check_named_files(files)
    dataset = _dataset(graph, check=True)
    ingested = ingest(files, workers=workers, seen=article_ids(dataset), progress=progress)
    resolution = resolve_entities(ingested.extractions, rules=_rules(rules))
    screened = _screened(resolution.extractions)
    report = add_extractions(dataset, screened)
    add_merges(dataset, resolution)
    scored, validation = _finish(dataset, scores=scores, validate=validate)
    return GraphUpdate(
        dataset=dataset,
        report=report,
        skipped=ingested.skipped,
        left_out=left_out_of(screened),
        merges=resolution.merges,
        scores=scored,
        validation=validation,
    )


def remove_article(
    graph: GraphLike, article: str, *, scores: bool = True, validate: bool = True
) -> GraphUpdate[RemoveReport]:
    """Retract one article and every fact and entity that only it supported.

    Parameters
    ----------
    graph : GraphBuild, GraphUpdate, rdflib.Dataset, str or os.PathLike
        As for :func:`add_articles`.
    article : str
        The article id (``GraphBuild.rows("articles")`` or ``vendorgraph info`` lists them).
    scores, validate : bool
        As for :func:`build_graph`.

    Returns
    -------
    GraphUpdate
        The dataset and a :class:`~vendorgraph.graph.update.RemoveReport`.

    Raises
    ------
    vendorgraph.errors.UnknownEntityError
        If the graph holds no such article (the message lists the ids present).

    Examples
    --------
    >>> from vendorgraph.ontology import Document, Extraction
    >>> build = graph_from_extractions([Extraction(document=Document(text="Hi."))])
    >>> remove_article(build, "17f4444f3932f8a1").rows()[0]
    {'change': 'removed article', 'id': '17f4444f3932f8a1'}
    """
    from vendorgraph.graph.update import remove_article as retract

    dataset = _dataset(graph, check=True)
    report = retract(dataset, article)
    scored, validation = _finish(dataset, scores=scores, validate=validate)
    return GraphUpdate(dataset=dataset, report=report, scores=scored, validation=validation)


def score_graph(
    graph: GraphLike | nx.Graph,
    *,
    weights: Parameters | PathLike | None = None,
    as_of: str | None = None,
    groups: bool = True,
) -> Scores:
    """Score switching costs, dependence and lock-in, as ``vendorgraph score`` does.

    Parameters
    ----------
    graph : GraphBuild, GraphUpdate, rdflib.Dataset, networkx graph, str or os.PathLike
        A graph, its file, or its networkx projection (scored as given).
    weights : Parameters, str or os.PathLike, optional
        Factor weights and priors, or a TOML file of them; the packaged defaults when None.
    as_of : str, optional
        An ISO date: score the graph as it stood then.
    groups : bool
        Score the members of a corporate group as one company (default, as ``score`` does;
        :func:`~vendorgraph.analysis.groups.group_graph`), else every entity apart.

    Returns
    -------
    Scores
        Companies and dependencies in order, with :meth:`Scores.explain`.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph([("org/b", "org/a", "r", {"predicate": "supplies"})])
    >>> scores = score_graph(G)
    >>> [d["dependent"] for d in scores.dependencies]
    ['org/a']
    """
    import networkx as nx

    from vendorgraph.analysis import ScoringOptions, load_parameters, lockin
    from vendorgraph.analysis.groups import group_graph
    from vendorgraph.analysis.weights import Parameters
    from vendorgraph.graph.networkx import to_networkx

    if isinstance(graph, nx.Graph):
        G = graph
    else:
        G = _guarded(graph, lambda: to_networkx(_dataset(graph), as_of=as_of))
    G = group_graph(G) if groups else G
    if not isinstance(weights, Parameters):
        weights = load_parameters(None if weights is None else Path(weights))
    params = weights
    result = lockin(G, options=ScoringOptions(params=params, as_of=as_of))
    return Scores(graph=G, result=result, params=params, as_of=as_of)


def graph_as_of(graph: GraphLike, date: str) -> rdflib.Dataset:
    """Return a new dataset of the articles and facts known and active on `date`.

    Raises
    ------
    vendorgraph.errors.InputError
        If `date` is not an ISO date (YYYY-MM-DD).

    Examples
    --------
    >>> from vendorgraph.graph.update import article_ids
    >>> from vendorgraph.ontology import Document, Extraction
    >>> build = graph_from_extractions(
    ...     [Extraction(document=Document(text="Hi.", published="2026-02-01"))])
    >>> article_ids(graph_as_of(build, "2025-12-31")), article_ids(graph_as_of(build, "2026-03-01"))
    ((), ('17f4444f3932f8a1',))
    """
    from vendorgraph.graph.rdf import from_dataset, to_dataset
    from vendorgraph.graph.timeline import snapshot

    dataset = _dataset(graph)
    return to_dataset(snapshot(_guarded(graph, lambda: from_dataset(dataset)), date))


def write_graph(graph: GraphBuild | GraphUpdate | rdflib.Dataset, path: PathLike) -> Path:
    """Write a graph atomically in the format `path`'s extension names; return the path.

    ``.trig``, ``.nq`` and ``.jsonld`` keep the named graphs; ``.ttl`` and ``.nt`` hold their
    union. A failure never leaves a half-written file.

    Raises
    ------
    vendorgraph.errors.UnknownFormatError
        If the extension is not one of them.

    Examples
    --------
    See the module's example.
    """
    from vendorgraph.graph.store.files import write_dataset

    write_dataset(_dataset(graph), Path(path))
    return Path(path)


def open_graph(path: PathLike) -> rdflib.Dataset:
    """Read a graph file written by vendorgraph, naming the file in any error.

    Raises
    ------
    vendorgraph.errors.GraphFileError
        If the file does not parse, is another tool's RDF, or its records are damaged.
    vendorgraph.errors.ValidationError
        If its data breaks the model's rules.

    Examples
    --------
    >>> open_graph("no-such-graph.trig")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    vendorgraph.errors.InputFileError: no-such-graph.trig: ...
    """
    from vendorgraph.graph.store.files import read_graph

    with damaged_graph(path):
        return read_graph(Path(path))


@contextmanager
def damaged_graph(path: PathLike) -> Iterator[None]:
    """Turn a failure to read a graph's records (a missing or mistyped triple) into our errors.

    A record that breaks the model becomes a :class:`~vendorgraph.errors.ValidationError`
    (exit status 1), any other failure to read a :class:`~vendorgraph.errors.GraphFileError`;
    both name the file and say to rebuild it.

    Examples
    --------
    >>> with damaged_graph("g.trig"):
    ...     raise KeyError("vg:published")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    vendorgraph.errors.GraphFileError: g.trig: the graph is damaged (KeyError: ...
    """
    from vendorgraph.errors import GraphFileError, ModelError, ValidationError

    try:
        yield
    except ModelError as exc:  # the file parses, but its data breaks the model: exit 1
        raise ValidationError(
            f"the graph's data breaks the model's rules: {exc.message}; rebuild it with "
            "`vendorgraph build`",
            path=str(path),
        ) from exc
    except VendorGraphError as exc:
        if exc.path is None:  # a record the reader could not build: say which file
            exc.path = str(path)
        raise
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise GraphFileError(
            f"the graph is damaged ({type(exc).__name__}: {detail}); write it again with "
            "`vendorgraph build`",
            path=str(path),
        ) from exc


# ------------------------------------------------------------------------------- helpers


def _finish(
    dataset: rdflib.Dataset, *, scores: bool, validate: bool
) -> tuple[Scores | None, ValidationResult | None]:
    """Score and store, then validate: the common tail of every change to a graph."""
    from vendorgraph.analysis import company_records, dependency_records
    from vendorgraph.graph.networkx import to_networkx
    from vendorgraph.graph.rdf import add_assessments
    from vendorgraph.graph.validate import ensure_valid

    G = to_networkx(dataset)
    scored = score_graph(G) if scores else None
    if scored is not None:  # the graph stores every entity's scores apart (the contract)
        folded = any(len(m or ()) > 1 for _, m in scored.graph.nodes(data="members"))
        result = score_graph(G, groups=False).result if folded else scored.result
        add_assessments(dataset, dependency_records(result), company_records(result))
    return scored, ensure_valid(dataset) if validate else None


def _screened(extractions: Iterable[Extraction]) -> tuple[Extraction, ...]:
    """Screen every extraction again after the merges across articles."""
    from vendorgraph.ontology.screening import screen_extraction

    return tuple(screen_extraction(x) for x in extractions)


def _check_named_files(paths: list[Path]) -> None:
    """Fail fast, naming the file, on an article named one by one that cannot be read."""
    from vendorgraph.errors import InputFileError
    from vendorgraph.loaders.documents import read_document

    for path in paths:
        if not path.is_dir() and path.suffix.lower() not in (".json", ".jsonl"):
            read_document(path)
        elif not path.exists():
            raise InputFileError("no such file or folder", path=str(path))


def _split(extractions: Any) -> tuple[tuple[Extraction, ...], tuple[Any, ...]]:
    from vendorgraph.loaders.corpus import IngestResult

    if isinstance(extractions, IngestResult):
        return extractions.extractions, extractions.skipped
    return tuple(extractions), ()


def _skip_summary(skipped: tuple[Any, ...]) -> str:
    if not skipped:
        return ""
    shown = "; ".join(f"{s.origin}: {s.reason}" for s in skipped[:3])
    more = f" and {len(skipped) - 3} more" if len(skipped) > 3 else ""
    return f"; {len(skipped)} source(s) skipped: {shown}{more}"


def _rules(rules: Rules) -> ResolutionRules | None:
    from vendorgraph.resolution import ResolutionRules

    if rules is None or isinstance(rules, ResolutionRules):
        return rules
    return ResolutionRules.load(Path(rules))


def _dataset(graph: Any, *, check: bool = False) -> rdflib.Dataset:
    """Return the dataset of a result, a dataset itself, or the graph read from a file.

    With `check`, a file's records are read once (projected to networkx) so that a damaged
    graph fails here, naming the file, before anything changes.
    """
    if isinstance(graph, GraphBuild | GraphUpdate):
        return graph.dataset
    if not isinstance(graph, str | os.PathLike):
        return graph
    dataset = open_graph(graph)
    if check:
        from vendorgraph.graph.networkx import to_networkx

        _guarded(graph, lambda: to_networkx(dataset))
    return dataset


def _guarded(graph: Any, read: Callable[[], Any]) -> Any:
    """Run `read` on a graph's records, naming the file in an error when it came from one."""
    if not isinstance(graph, str | os.PathLike):
        return read()
    with damaged_graph(graph):
        return read()
