"""The command line: the composition root, the only module that joins the areas.

Each command parses its arguments, calls one library function (or a short chain of them), and
prints. A :class:`~vendorgraph.errors.VendorGraphError` becomes one clear line on stderr and exit
status 2 (usage and input errors) or 1 (data that fails validation), never a traceback.

Everything printed passes through :func:`~vendorgraph.graph.sanitize.terminal_safe`, so control
characters and bidi overrides in article text or a damaged file reach the terminal as visible
escapes. Every command that rewrites a graph holds its lock
(:func:`~vendorgraph.graph.store.lock.graph_lock`) from reading to writing; no command writes over
one of its inputs, nor over a file of another kind without ``--force``. SIGTERM and SIGHUP end a
command like Ctrl-C does, so its temporary files are removed on the way out.

Examples
--------
>>> from typer.testing import CliRunner
>>> result = CliRunner().invoke(app, ["--version"])
>>> result.output.startswith("vendorgraph ")
True
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape

from vendorgraph import __version__
from vendorgraph.errors import VendorGraphError
from vendorgraph.graph.sanitize import json_safe, terminal_safe
from vendorgraph.render import HelpCommand as _HelpCommand
from vendorgraph.render import HelpGroup as _HelpGroup
from vendorgraph.render import SafeTable as _Table
from vendorgraph.render import TableFormat, err, out
from vendorgraph.render import cell as _cell
from vendorgraph.render import print_extraction as _print_extraction
from vendorgraph.render import progress_bar as _progress_bar
from vendorgraph.render import render_rows as _render
from vendorgraph.render import write_json as _write_json

if TYPE_CHECKING:
    import networkx as nx
    import rdflib

    from vendorgraph.api import LeftOut
    from vendorgraph.graph.summary import Summary
    from vendorgraph.loaders.corpus import Skip
    from vendorgraph.ontology.model import Extraction

app = typer.Typer(
    name="vendorgraph",
    help="Turn news about AI infrastructure into a knowledge graph of vendor dependencies.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=_HelpGroup,
)


class ExtractFormat(StrEnum):
    """Output formats of ``extract``."""

    table = "table"
    json = "json"


Rules = Annotated[
    Path | None,
    typer.Option("--rules", help="A TOML file pinning or forbidding entity merges."),
]
AsOf = Annotated[str | None, typer.Option("--as-of", help="Answer as of this date (YYYY-MM-DD).")]


def _weights_file(path: Path | None) -> Path | None:
    """Check a --weights file before any work: UTF-8 TOML, every field in its allowed range.

    The checks are :func:`vendorgraph.analysis.load_parameters`'s; its one-line message names
    the file, the line or the field (``modality.hedged = 50: give a number in [0, 1]``).
    """
    if path is None:
        return None
    from vendorgraph.analysis import load_parameters

    try:
        load_parameters(path)
    except VendorGraphError as exc:
        raise typer.BadParameter(str(exc)) from exc
    return path


Weights = Annotated[
    Path | None,
    typer.Option(
        "--weights", help="A TOML file of factor weights and priors.", callback=_weights_file
    ),
]
Format = Annotated[TableFormat, typer.Option("--format", "-f", help="table, csv or json.")]
Wide = Annotated[
    bool, typer.Option("--wide", help="Show every column in the table (csv and json always do).")
]


@contextmanager
def _user_errors() -> Iterator[None]:
    """Turn our errors into one line on stderr and the documented exit status."""
    try:
        yield
    except VendorGraphError as exc:
        _fail(str(exc), exc.exit_code)


def _fail(message: str, code: int) -> None:
    """Print one error line (the message's first line, terminal-safe) and exit with `code`."""
    line = " ".join(message.split("\n")) if message else "failed"
    err.print(f"[bold red]error:[/] {escape(terminal_safe(line))}", markup=True, highlight=False)
    raise typer.Exit(code) from None


Force = Annotated[
    bool,
    typer.Option("--force", help="Replace an existing output file of another kind."),
]


def _check_output(
    output: Path, inputs: Iterable[Path], *, suffixes: tuple[str, ...], force: bool
) -> None:
    """Refuse an output that is one of the inputs, or an existing file of another kind."""
    from vendorgraph.graph.store.paths import check_output

    check_output(output, inputs, suffixes=suffixes, force=force)


@contextmanager
def _graph_lock(graph: Path) -> Iterator[None]:
    """Hold the graph's write lock, saying once on stderr when another writer makes us wait."""
    from vendorgraph.graph.store.lock import graph_lock

    def waiting(holder: str) -> None:
        err.print(f"waiting for {holder}, which is writing {graph}", markup=False)

    with graph_lock(graph, timeout=_LOCK_TIMEOUT, on_wait=waiting):
        yield


_LOCK_TIMEOUT = 600.0


def _version(value: bool) -> None:
    if value:
        out.print(f"vendorgraph {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Turn news about AI infrastructure into a knowledge graph of vendor dependencies."""


# --------------------------------------------------------------------------- extraction


def _extract_paths(paths: list[Path]) -> list[Extraction]:
    from vendorgraph.loaders.documents import read_document
    from vendorgraph.loaders.pipeline import extract

    return [extract(read_document(p)) for p in paths]


@app.command("extract", cls=_HelpCommand)
def extract_cmd(
    article: Annotated[Path, typer.Argument(help="An article: .txt, .md or .html.")],
    format: Annotated[ExtractFormat, typer.Option("--format", "-f", help="Output.")] = (
        ExtractFormat.table
    ),
) -> None:
    """Extract entities, quotes, relations and numbers from one article.

    Example: vendorgraph extract examples/helioscale-gpu-deal.md
    """
    from vendorgraph.graph.extraction_json import to_json

    with _user_errors():
        (extraction,) = _extract_paths([article])
        if format is ExtractFormat.json:
            _write_json(to_json(extraction))
        else:
            _print_extraction(extraction)


# --------------------------------------------------------------------------- graph files


@app.command("build", cls=_HelpCommand)
def build_cmd(
    articles: Annotated[
        list[Path], typer.Argument(help="Articles, folders of articles, or JSON Lines feeds.")
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="graph.ttl|.trig|.nt|.nq|.jsonld")],
    workers: Annotated[
        int, typer.Option(help="Extraction processes (0: one per core).", min=0)
    ] = 1,
    validate: Annotated[bool, typer.Option(help="Check the SHACL shapes before writing.")] = True,
    scores: Annotated[
        bool, typer.Option(help="Store lock-in and switching-cost scores in the graph.")
    ] = True,
    rules: Rules = None,
    force: Force = False,
) -> None:
    """Build one validated knowledge graph from articles and write it atomically.

    Articles named one by one must be readable; in folders and feeds, files that are empty,
    binary, not English or duplicates are skipped and reported.

    Example: vendorgraph build examples/helioscale-gpu-deal.md -o graph.trig
    """
    from vendorgraph.api import build_graph, count_sources, write_graph
    from vendorgraph.graph.store.files import FORMATS, format_for

    with _user_errors(), _graph_lock(output):
        format_for(output)
        _check_output(output, [*articles, *_opt(rules)], suffixes=tuple(FORMATS), force=force)
        with _progress_bar(count_sources(articles)) as progress, _validating(output):
            build = build_graph(
                articles,
                workers=workers,
                rules=rules,
                scores=scores,
                validate=validate,
                progress=progress,
            )
        _print_dropped(build.skipped, build.left_out)
        write_graph(build, output)
        err.print(f"wrote {output}: {_counts(build.counts)}", markup=False)


def _finite(value: float) -> float:
    """Refuse NaN and infinity for a number option (Click's bounds let NaN through)."""
    import math

    if not math.isfinite(value):
        raise typer.BadParameter(f"{value!r} is not a finite number")
    return value


def _opt(path: Path | None) -> list[Path]:
    return [] if path is None else [path]


@contextmanager
def _validating(graph: Path) -> Iterator[None]:
    """Name the graph file in a validation error raised before the file was written."""
    from vendorgraph.errors import ValidationError

    try:
        yield
    except ValidationError as exc:
        if exc.path is None:
            exc.path = str(graph)
        raise


def _print_dropped(skipped: Iterable[Skip], left_out: Sequence[LeftOut]) -> None:
    """Say which sources were skipped and which records screening left out, and why."""
    for skip in skipped:
        err.print(f"skipped {skip.origin}: {skip.reason}", markup=False)
    if left_out:
        err.print(f"{len(left_out)} record(s) left out:", markup=False)
    for record in left_out:
        err.print(f"  {record.origin}: {record.reason}: {record.text[:80]!r}", markup=False)


def _rules(path: Path | None) -> Any:
    from vendorgraph.resolution import ResolutionRules

    return None if path is None else ResolutionRules.load(path)


def _counts(counts: dict[str, int]) -> str:
    return (
        f"{counts['articles']} article(s), {counts['entities']} entities, "
        f"{counts['quotes']} quotes, {counts['relations']} relations, "
        f"{counts['numbers']} numbers"
    )


@app.command("info", cls=_HelpCommand)
def info_cmd(
    graph: Annotated[Path, typer.Argument(help="A graph file written by `build`.")],
) -> None:
    """Show counts by type and whether the graph conforms to the SHACL shapes.

    Example: vendorgraph info graph.trig
    """
    from vendorgraph.graph.networkx import to_networkx
    from vendorgraph.graph.store.files import read_graph
    from vendorgraph.graph.summary import summarize
    from vendorgraph.graph.validate import validate

    with _user_errors(), _damaged(graph):
        dataset = read_graph(graph)
        summary = summarize(dataset)
        result = validate(dataset)
        articles = to_networkx(dataset).graph["articles"]
    table = _Table("what", "count", title=str(graph))
    for key, value in _summary_rows(summary):
        table.add_row(key, str(value))
    out.print(table)
    table = _Table("article id", "published", "title", title="Articles")
    for aid, meta in sorted(articles.items()):
        table.add_row(aid, escape(meta.get("published") or ""), escape(meta.get("title") or ""))
    out.print(table)
    if result.conforms:
        out.print("SHACL: [green]conforms[/]")
    else:
        out.print(f"SHACL: [red]does not conform[/] ({result.count} violation(s))")
        for v in result.violations[:20]:
            out.print(f"  {v.focus} {v.path or ''}: {v.message}", markup=False)
        raise typer.Exit(1)


def _summary_rows(summary: Summary) -> list[tuple[str, int]]:
    rows = [
        (name, getattr(summary, name))
        for name in ("articles", "entities", "claims", "quotes", "quantities", "graphs", "triples")
    ]
    rows += [(f"entity type {key}", value) for key, value in summary.by_entity_type]
    rows += [(f"class {key}", value) for key, value in summary.by_class]
    return rows


def _load_graph(path: Path, *, as_of: str | None = None) -> tuple[rdflib.Dataset, nx.MultiDiGraph]:
    from vendorgraph.graph.networkx import to_networkx
    from vendorgraph.graph.store.files import read_graph

    with _damaged(path):
        dataset = read_graph(path)
        return dataset, to_networkx(dataset, as_of=as_of)


def _damaged(path: Path) -> AbstractContextManager[None]:
    """Turn a failure to read a graph's records into one line naming the file."""
    from vendorgraph.api import damaged_graph

    return damaged_graph(path)


# --------------------------------------------------------------------------- rendering


# --------------------------------------------------------------------------- analysis


def _label(G: nx.MultiDiGraph, node: str) -> str:
    return str(G.nodes[node].get("label", node)) if node in G else node


def _options(weights: Path | None, as_of: str | None, sizes: str | None = None) -> Any:
    """Return the analysis' ScoringOptions for a --weights file, --as-of and --sizes."""
    from vendorgraph.analysis import ScoringOptions, load_parameters

    return ScoringOptions(params=load_parameters(weights), as_of=as_of, sizes=sizes)


def _scores(
    G: nx.MultiDiGraph, weights: Path | None, as_of: str | None, sizes: str | None = None
) -> Any:
    from vendorgraph.analysis import lockin

    return lockin(G, options=_options(weights, as_of, sizes))


class SizeBasis(StrEnum):
    """What a company's stated size is read from (``score --sizes``)."""

    revenue = "revenue"
    market_value = "market_value"


Groups = Annotated[
    bool,
    typer.Option(
        "--groups/--no-groups",
        help="Score corporate groups (Google with Google Cloud) as one company (default), "
        "or every entity apart.",
    ),
]


def _view(G: nx.MultiDiGraph, groups: bool) -> nx.MultiDiGraph:
    """Return the graph to score: a corporate group folded into one node, unless not asked."""
    from vendorgraph.analysis.groups import group_graph

    return group_graph(G) if groups else G


def _members(G: nx.MultiDiGraph, H: nx.MultiDiGraph, node: str) -> list[str]:
    """Return the labels (in `G`) of the members of a node of the scored graph `H`."""
    return [_label(G, m) for m in (H.nodes[node].get("members") if node in H else None) or [node]]


def _groups_title(G: nx.MultiDiGraph, H: nx.MultiDiGraph, groups: bool) -> str:
    folded = [n for n, ms in H.nodes(data="members") if ms and len(ms) > 1]
    if not groups:
        return " (entities apart)"
    said = "; ".join(f"{_label(H, n)} = {' + '.join(_members(G, H, n))}" for n in sorted(folded))
    return f" (groups: {said})" if said else ""


def _store_scores(dataset: rdflib.Dataset, result: Any) -> None:
    """Write a lock-in result into the graph's ``derived`` layer."""
    from vendorgraph.analysis import company_records, dependency_records
    from vendorgraph.graph.rdf import add_assessments

    add_assessments(dataset, dependency_records(result), company_records(result))


def _score_data(result: Any) -> dict[str, Any]:
    """Scores as plain data, the form the HTML view takes."""
    from vendorgraph.analysis import company_records, dependency_records

    return {
        "companies": {c["id"]: c for c in company_records(result)},
        "dependencies": {(d["dependent"], d["provider"]): d for d in dependency_records(result)},
    }


@app.command("score", cls=_HelpCommand)
def score_cmd(
    graph: Annotated[Path, typer.Argument(help="A graph file written by `build`.")],
    edges: Annotated[bool, typer.Option("--edges", help="Score dependencies instead.")] = False,
    write: Annotated[bool, typer.Option("--write", help="Store the scores in the graph file.")] = (
        False
    ),
    as_of: AsOf = None,
    weights: Weights = None,
    format: Format = TableFormat.table,
    wide: Wide = False,
    groups: Groups = True,
    sizes: Annotated[
        SizeBasis | None,
        typer.Option(
            "--sizes",
            help="Weigh companies by the revenue or market value the text states (over a fixed "
            "reference: $100B of revenue, $1T of market value); default one per company.",
        ),
    ] = None,
) -> None:
    """Rank companies by lock-in exerted and exposure, or dependencies by switching cost.

    Companies of one corporate group (a parent link or an ``owns`` claim) are scored as one
    company by default, so a customer of Google and Google Cloud has one supplier; the rows
    say ``view`` and ``members``. ``--write`` stores the scores of every entity apart.

    Example: vendorgraph score graph.trig --edges
    """
    from vendorgraph.analysis import company_records, dependency_records

    basis = None if sizes is None else sizes.value
    with _user_errors(), _graph_lock(graph) if write else nullcontext():
        dataset, G = _load_graph(graph, as_of=as_of)
        H = _view(G, groups)
        result = _scores(H, weights, as_of, basis)
        deps, companies = dependency_records(result), company_records(result)
        gaps = _gaps(H, result, weights, as_of)
        if write:
            from vendorgraph.graph.store.files import write_dataset

            _store_scores(dataset, _scores(G, weights, as_of, basis) if groups else result)
            write_dataset(dataset, graph)
    view = {"view": "group" if groups else "entity"}
    if edges:
        rows = [
            _edge_row(H, d) | view | {"gaps": list(gaps.edges[d["dependent"], d["provider"]])}
            for d in deps
        ]
        rows.sort(key=lambda r: (-r["switching_cost"], r["dependent"], r["provider"]))
        _render(
            rows,
            [
                "dependent",
                "provider",
                "switching_cost",
                "coverage",
                "reliance",
                "dependence",
                *_factor_names(),
            ],
            format,
            "Dependencies by switching cost" + _groups_title(G, H, groups),
            narrow=None if wide else _EDGE_COLUMNS,
        )
        return
    method = dict(zip(result.nodes, result.method, strict=True))
    pct = dict(zip(result.nodes, result.percentile.tolist(), strict=True))
    rows = [
        {
            "company": _label(H, c["id"]),
            "id": c["id"],
            "lockin": c["lockin"],
            "direct": c["lockin_direct"],
            "indirect": c["lockin_indirect"],
            "percentile": pct[c["id"]],
            "method": method[c["id"]],
            "exposure": c["exposure"],
            "hhi": c["hhi"],
            "spof": ", ".join(_label(H, x) for x in c["spof"]) or "-",
            "members": _members(G, H, c["id"]),
        }
        | view
        | {"gaps": _company_gaps(H, gaps, c["id"])}
        for c in companies
    ]
    if format is TableFormat.csv:
        for r in rows:
            r["members"] = " + ".join(r["members"])
    rows.sort(key=lambda r: (-r["lockin"], -r["exposure"], r["id"]))
    _render(
        rows,
        [
            "company",
            "lockin",
            "direct",
            "indirect",
            "percentile",
            "method",
            "exposure",
            "hhi",
            "spof",
            *(["members"] if format is TableFormat.csv else []),
        ],
        format,
        "Companies by lock-in exerted" + _groups_title(G, H, groups),
    )
    if format is TableFormat.table and gaps.unlinked:
        said = ", ".join(_label(H, n) for n in gaps.unlinked)
        out.print(f"Named in the articles with no dependency: {said}", markup=False)


def _gaps(H: nx.MultiDiGraph, result: Any, weights: Path | None, as_of: str | None) -> Any:
    from vendorgraph.analysis import load_parameters
    from vendorgraph.analysis.gaps import evidence_gaps

    return evidence_gaps(H, result, params=load_parameters(weights), as_of=as_of)


def _company_gaps(H: nx.MultiDiGraph, gaps: Any, node: str) -> dict[str, Any]:
    """Return what a company row rests on without evidence: the JSON ``gaps`` of ``score``."""
    mine = gaps.companies.get(node)
    return {
        "prior_share": None if mine is None else mine.prior_share,
        "unknown_on_every_customer_edge": [] if mine is None else list(mine.unknown_everywhere),
        "customers_all_prior": [] if mine is None else [_label(H, n) for n in mine.all_prior],
        "suppliers_named_without_claim": [_label(H, n) for n in gaps.unbacked.get(node, ())],
    }


_EDGE_COLUMNS = ["dependent", "provider", "switching_cost", "coverage", "reliance", "dependence"]


def _factor_names() -> list[str]:
    from vendorgraph.analysis import FACTORS

    return list(FACTORS)


def _edge_row(G: nx.MultiDiGraph, d: dict[str, Any]) -> dict[str, Any]:
    row = {k: v for k, v in d.items() if k != "factors"}
    row["dependent"], row["provider"] = _label(G, d["dependent"]), _label(G, d["provider"])
    row.update(d["factors"])
    return row


@app.command("explain", cls=_HelpCommand)
def explain_cmd(
    graph: Annotated[Path, typer.Argument(help="A graph file written by `build`.")],
    company: Annotated[str, typer.Argument(help="The dependent company, or the one to explain.")],
    provider: Annotated[str | None, typer.Argument(help="The supplier it depends on.")] = None,
    as_of: AsOf = None,
    weights: Weights = None,
    format: Format = TableFormat.table,
    groups: Groups = True,
) -> None:
    """Explain a dependency's switching cost (two names) or a company's lock-in (one name).

    Corporate groups are one company by default, as in ``score``: a member's name finds its
    group.

    Example: vendorgraph explain graph.trig Helioscale Nvidia
    """
    from dataclasses import asdict

    from vendorgraph.analysis import explain_company, explain_edge, resolve

    with _user_errors():
        _, G = _load_graph(graph, as_of=as_of)
        H = _view(G, groups)
        options = _options(weights, as_of)
        if provider is None:
            found: Any = explain_company(H, resolve(H, company), options=options)
        else:
            found = explain_edge(H, resolve(H, company), resolve(H, provider), options=options)
    if format is not TableFormat.table:
        _render([asdict(found)], list(asdict(found)), format, "")
        return
    if provider is None:
        _print_company(H, found)
    else:
        _print_edge(found)
    _print_gaps(H, found)
    _print_groups(G, H, [found.id] if provider is None else [found.dependent, found.provider])


def _print_gaps(H: nx.MultiDiGraph, x: Any) -> None:
    """Print what the score rests on without evidence, and what sentence would supply it."""
    gaps = x.gaps if isinstance(x.gaps, tuple) else ()
    if gaps:
        out.print("\n[bold]evidence gaps[/] (what kind of sentence would supply each)")
    for g in gaps:
        cues = f"; words the rules read: {', '.join(g.cues)}" if g.cues else ""
        line = f"  {g.factor} (weight {g.weight:.2f}, prior {g.prior:.2f}): {g.wanted}{cues}"
        out.print(line, markup=False)
    company = None if isinstance(x.gaps, tuple) else x.gaps
    if company is not None and (company.all_prior or company.unknown_everywhere):
        out.print(
            f"\n[bold]evidence gaps[/]: {company.prior_share:.0%} of the direct lock-in is prior; "
            f"unknown on every customer edge: {', '.join(company.unknown_everywhere) or 'none'}"
        )
        if company.all_prior:
            said = ", ".join(_label(H, n) for n in company.all_prior)
            out.print(f"  customers with no evidence in any factor: {said}", markup=False)
    if x.unbacked:
        who = x.dependent_label if isinstance(x.gaps, tuple) else x.label
        said = ", ".join(_label(H, n) for n in x.unbacked)
        out.print(
            f"\nnamed in {who}'s supply sentences with no claim behind them: {said}", markup=False
        )


def _print_groups(G: nx.MultiDiGraph, H: nx.MultiDiGraph, nodes: list[str]) -> None:
    for n in nodes:
        if len(H.nodes[n].get("members", ())) > 1:
            said = " + ".join(_members(G, H, n))
            out.print(f"\n{_label(H, n)} here is its group: {said}", markup=False)


def _print_edge(x: Any) -> None:
    out.print(
        f"[bold]{escape(x.dependent_label)} depends on {escape(x.provider_label)}[/]"
        f"{' for ' + escape(', '.join(x.kinds)) if x.kinds else ''}: dependence "
        f"{x.dependence:.3f} = reliance {x.reliance:.2f} x switching cost {x.switching_cost:.3f}"
    )
    out.print(f"{x.summary}.", markup=False)
    revenue = "" if x.revenue_share is None else f"; supplier's revenue share {x.revenue_share:.0%}"
    out.print(f"reliance {x.reliance:.2f}: {x.reliance_basis}{revenue}", markup=False)
    for c in x.reliance_claims:
        _print_claim(c, score=False)
    for f in x.factors:
        state = f"{f.value:.3f}" if f.known else f"unknown, prior {f.prior:.2f} (no claim)"
        out.print(
            f"\n[bold]{f.name}[/] {state} x weight {f.weight:.2f} = "
            f"contribution {f.contribution:.3f}"
        )
        for c in f.claims:
            _print_claim(c)


def _print_claim(c: Any, *, score: bool = True) -> None:
    sign = "+" if c.polarity > 0 else "-"
    who = c.speaker_label or c.speaker
    where = ", ".join(filter(None, [who and f"said by {who}", c.source, c.title, c.published]))
    where = where or "untitled article"
    head = f"  {sign} {c.predicate}: weight {c.weight:.2f}, leave-one-out {c.contribution:+.3f}"
    out.print(f"{head if score else '  ' + c.predicate}  ({where})", markup=False)
    out.print(f"    {c.sentence}", markup=False)
    if c.url:
        out.print(f"    {c.url}", markup=False)


def _print_company(G: nx.MultiDiGraph, x: Any) -> None:
    out.print(
        f"[bold]{escape(x.label)}[/]: lock-in {x.lockin:.3f} (direct {x.direct:.3f}, indirect "
        f"{x.indirect:.3f}, percentile {x.percentile:.0f}, {x.method}); exposure "
        f"{x.exposure:.3f}, HHI {x.hhi:.2f}"
    )
    for title, links in (
        ("customers", x.customers),
        ("chains", x.chains),
        ("suppliers", x.suppliers),
    ):
        if links:
            out.print(f"\n[bold]{title}[/]")
        for link in links:
            path = " -> ".join(_label(G, n) for n in link.path)
            out.print(f"  {path}: {link.impact:.3f}", markup=False)


def _parse_cut(values: list[str]) -> dict[str, float]:
    from vendorgraph.errors import InputError

    cut: dict[str, float] = {}
    for value in values:
        name, sep, share = value.rpartition("=")
        try:
            cut[name] = float(share)
        except ValueError:
            sep = ""
        if not sep or not name or not 0.0 <= cut[name] <= 1.0:  # NaN fails the range too
            raise InputError(
                f"--cut {value!r}: expected NAME=SHARE with SHARE in [0, 1], e.g. Nvidia=0.3"
            )
    return cut


def _parse_substitute(values: list[str]) -> list[tuple[str, str, str, float]]:
    import re

    from vendorgraph.errors import InputError

    moves = []
    for value in values:
        m = re.fullmatch(r"(.+?):(.+?)->(.+?)=([0-9]*\.?[0-9]+)", value)
        if m is None:
            raise InputError(
                f"--substitute {value!r}: expected I:J->K=SHARE, e.g. AWS:Nvidia->AMD=0.5"
            )
        moves.append((m[1], m[2], m[3], float(m[4])))
    return moves


@app.command("whatif", cls=_HelpCommand)
def whatif_cmd(
    graph: Annotated[Path, typer.Argument(help="A graph file written by `build`.")],
    remove: Annotated[list[str] | None, typer.Option("--remove", help="A vendor to remove.")] = (
        None
    ),
    cut: Annotated[list[str] | None, typer.Option("--cut", help="NAME=SHARE of supply lost.")] = (
        None
    ),
    substitute: Annotated[
        list[str] | None,
        typer.Option("--substitute", help="I:J->K=SHARE: I moves SHARE of J's supply to K."),
    ] = None,
    as_of: AsOf = None,
    weights: Weights = None,
    format: Format = TableFormat.table,
) -> None:
    """Remove a vendor, cut part of its supply, or move a dependency to a substitute.

    Example: vendorgraph whatif graph.trig --substitute 'Helioscale:Nvidia->AMD=0.5'
    """
    from vendorgraph.analysis import resolve, whatif

    with _user_errors():
        _, G = _load_graph(graph, as_of=as_of)
        cuts = {resolve(G, k): v for k, v in _parse_cut(cut or []).items()}
        moves = [
            (resolve(G, i), resolve(G, j), resolve(G, k), share)
            for i, j, k, share in _parse_substitute(substitute or [])
        ]
        result = whatif(
            G,
            remove=[resolve(G, r) for r in remove or []],
            cut=cuts,
            substitute=moves,
            options=_options(weights, as_of),
        )
    ordered = sorted(result.rows, key=lambda r: (-abs(r.delta), -r.distress, r.id))
    rows: list[dict[str, Any]] = [
        {
            "company": _label(G, r.id),
            "id": r.id,
            "before": r.before,
            "after": r.after,
            "delta": r.delta,
            "distress": r.distress,
            "system_loss": result.loss,
        }
        for r in ordered
    ]
    _render(
        rows,
        ["company", "before", "after", "delta", "distress"],
        format,
        f"What-if: system loss {result.loss:.3f}",
    )


@app.command("robustness", cls=_HelpCommand)
def robustness_cmd(
    graph: Annotated[Path, typer.Argument(help="A graph file written by `build`.")],
    draws: Annotated[int, typer.Option(help="Monte Carlo draws.", min=1)] = 1000,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 0,
    edges: Annotated[bool, typer.Option("--edges", help="Show dependency intervals.")] = False,
    as_of: AsOf = None,
    weights: Weights = None,
    format: Format = TableFormat.table,
) -> None:
    """Rank intervals and stability of the lock-in ranking under the weights and the evidence.

    Example: vendorgraph robustness graph.trig --draws 300
    """
    from dataclasses import asdict

    from vendorgraph.analysis import robustness

    with _user_errors():
        _, G = _load_graph(graph, as_of=as_of)
        result = robustness(G, draws=draws, seed=seed, options=_options(weights, as_of))
    title = (
        f"{result.draws} draws, seed {result.seed}: median Kendall tau {result.median_tau:.3f} "
        f"over {result.tau_companies} companies"
    )
    run = {"median_tau": result.median_tau, "draws": result.draws, "seed": result.seed}
    if edges:
        rows = [
            asdict(e)
            | {"dependent": _label(G, e.dependent), "provider": _label(G, e.provider)}
            | run
            for e in result.edges
        ]
        _render(
            rows, [k for k in rows[0] if k not in run] if rows else ["dependent"], format, title
        )
        return
    rows = [{"company": _label(G, c.id)} | asdict(c) | run for c in result.companies]
    rows.sort(key=lambda r: (-r["reference"], r["id"]))
    shown = [k for k in (rows[0] if rows else {"company": 0}) if k != "id" and k not in run]
    _render(rows, shown, format, title)


# --------------------------------------------------------------------------- many articles


@app.command("add", cls=_HelpCommand)
def add_cmd(
    graph: Annotated[Path, typer.Argument(help="A graph file written by `build`.")],
    articles: Annotated[list[Path], typer.Argument(help="New articles, folders or feeds.")],
    workers: Annotated[int, typer.Option(help="Extraction processes (0: one per core).")] = 1,
    rules: Rules = None,
) -> None:
    """Add articles to a graph: only articles the graph does not hold yet are processed.

    Example: vendorgraph add graph.trig new-article.txt
    """
    from vendorgraph.api import add_articles, count_sources, write_graph
    from vendorgraph.graph.store.files import FORMATS

    with _user_errors(), _graph_lock(graph):
        _check_output(graph, [*articles, *_opt(rules)], suffixes=tuple(FORMATS), force=False)
        with _progress_bar(count_sources(articles)) as progress, _validating(graph):
            update = add_articles(graph, articles, workers=workers, rules=rules, progress=progress)
        _print_dropped(update.skipped, update.left_out)
        write_graph(update, graph)
    report = update.report
    for article, reason in report.skipped:
        err.print(f"skipped {article}: {reason}", markup=False)
    err.print(
        f"added {len(report.added)} article(s), {len(report.new_entities)} new entities, "
        f"{len(report.new_propositions)} new facts to {graph}",
        markup=False,
    )


@app.command("remove", cls=_HelpCommand)
def remove_cmd(
    graph: Annotated[Path, typer.Argument(help="A graph file written by `build`.")],
    article: Annotated[str, typer.Argument(help="The article id (see `vendorgraph info`).")],
) -> None:
    """Retract one article and every fact and entity that only it supported.

    Example: vendorgraph remove graph.trig ARTICLE_ID
    """
    from vendorgraph.api import remove_article, write_graph

    with _user_errors(), _graph_lock(graph):
        with _validating(graph):
            update = remove_article(graph, article)
        write_graph(update, graph)
    report = update.report
    err.print(
        f"removed article {report.article}: {len(report.removed_propositions)} facts and "
        f"{len(report.removed_entities)} entities only it supported",
        markup=False,
    )


@app.command("conflicts", cls=_HelpCommand)
def conflicts_cmd(
    graph: Annotated[Path, typer.Argument(help="A graph file written by `build`.")],
    tolerance: Annotated[
        float,
        typer.Option(help="Relative difference that counts.", min=0.0, callback=_finite),
    ] = 0.05,
    format: Format = TableFormat.table,
    wide: Wide = False,
) -> None:
    """List facts on which sources disagree (amounts, counts), with their sources.

    Example: vendorgraph conflicts graph.trig --tolerance 0.1
    """
    from vendorgraph.graph.corroboration import conflicts

    with _user_errors(), _damaged(graph):
        found = conflicts(_dataset_as_of(graph, None), tolerance=tolerance)
    rows = []
    for c in found:
        for side in (c.first, c.second):
            rows.append(
                {
                    "about": " ".join(c.about),
                    "kind": c.kind,
                    "unit": c.unit,
                    "stated": side.text,
                    "value": side.value,
                    "source": side.claim.publisher or side.claim.title,
                    "published": side.claim.published,
                    "difference": c.relative_difference,
                    "sentence": side.claim.sentence,
                }
            )
    _render(
        rows,
        ["about", "kind", "stated", "value", "source", "published", "difference", "sentence"],
        format,
        f"{len(found)} conflict(s)",
        narrow=None if wide else ["about", "stated", "source", "published", "sentence"],
        empty=f"no conflicts: no two sources differ by more than {tolerance:.0%}",
    )


@app.command("sources", cls=_HelpCommand)
def sources_cmd(
    graph: Annotated[Path, typer.Argument(help="A graph file written by `build`.")],
    first: Annotated[str, typer.Argument(help="An entity name.")],
    second: Annotated[str, typer.Argument(help="Another entity name.")],
    format: Format = TableFormat.table,
    wide: Wide = False,
) -> None:
    """Every source behind the facts that link two entities, with dates and sentences.

    Example: vendorgraph sources graph.trig Helioscale Nvidia
    """
    from vendorgraph.analysis import resolve
    from vendorgraph.graph.corroboration import sources

    with _user_errors():
        dataset, G = _load_graph(graph)
        a, b = resolve(G, first), resolve(G, second)
        pairs = {(x, y) for x in _with_offerings(G, a) for y in _with_offerings(G, b) if x != y}
        found = sorted(
            {s for x, y in sorted(pairs) for s in sources(dataset, x, y)},
            key=lambda s: (s.published or "", s.article, s.relation),
        )
    rows = [
        {
            "fact": f"{_label(G, s.subject)} {s.predicate} {_label(G, s.object)}",
            "published": s.published,
            "source": s.publisher,
            "wire": s.wire_source,
            "title": s.title,
            "sentence": s.sentence,
        }
        for s in found
    ]
    _render(
        rows,
        ["fact", "published", "source", "wire", "title", "sentence"],
        format,
        f"{len(rows)} claim(s) linking {first} and {second}",
        narrow=None if wide else ["fact", "published", "source", "sentence"],
        empty=f"no claim links {first} and {second}",
    )


def _with_offerings(G: nx.MultiDiGraph, node: str) -> list[str]:
    """Return a company and the offerings it develops (facts about its GPUs are about it)."""
    made = {v for _, v, d in G.out_edges(node, data=True) if d.get("predicate") == "develops"}
    return [node, *sorted(made)]


@app.command("why-same", cls=_HelpCommand)
def why_same_cmd(
    graph: Annotated[Path, typer.Argument(help="A graph file written by `build`.")],
    first: Annotated[str, typer.Argument(help="A name.")],
    second: Annotated[str, typer.Argument(help="Another name.")],
    rules: Rules = None,
) -> None:
    """Explain whether and why two names are one entity in the graph.

    Example: vendorgraph why-same graph.trig "Amazon Web Services" AWS
    """
    from vendorgraph.graph.merges import why_same

    with _user_errors():
        explanation = why_same(_dataset_as_of(graph, None), first, second, rules=_rules(rules))
    out.print(str(explanation), markup=False)


@app.command("diff", cls=_HelpCommand)
def diff_cmd(
    graph: Annotated[Path, typer.Argument(help="A graph file written by `build`.")],
    from_date: Annotated[str, typer.Option("--from", help="Start date (YYYY-MM-DD).")],
    to_date: Annotated[str, typer.Option("--to", help="End date (YYYY-MM-DD).")],
    format: Format = TableFormat.table,
) -> None:
    """Show what changed between two dates: facts that appeared or ended, and lock-in moves.

    Example: vendorgraph diff graph.trig --from 2025-01-01 --to 2026-01-01
    """
    from vendorgraph.graph.timeline import diff

    with _user_errors():
        dataset, G = _load_graph(graph)
        before = _lockin_by_id(dataset, from_date)
        after = _lockin_by_id(dataset, to_date)
        change = diff(dataset, from_date, to_date, scores_from=before, scores_to=after)
    rows: list[dict[str, Any]] = [
        {"change": what, "subject": _label(G, s), "predicate": p, "object": _label(G, o)}
        for what, facts in (("appeared", change.appeared), ("ended", change.ended))
        for s, p, o in facts
    ]
    rows += [{"change": "new entity", "subject": _label(G, e)} for e in change.new_entities]
    rows += [
        {
            "change": "lock-in",
            "subject": _label(G, c.id),
            "predicate": _cell(c.before),
            "object": _cell(c.after),
        }
        for c in change.scores
        if c.delta
    ]
    _render(
        rows,
        ["change", "subject", "predicate", "object"],
        format,
        f"changes from {from_date} to {to_date}",
        empty=f"nothing changed from {from_date} to {to_date}",
    )


def _lockin_by_id(dataset: rdflib.Dataset, as_of: str) -> dict[str, float]:
    from vendorgraph.analysis import lockin
    from vendorgraph.graph.networkx import to_networkx

    result = lockin(to_networkx(dataset, as_of=as_of), options=_options(None, as_of))
    return dict(zip(result.nodes, result.lockin.tolist(), strict=True))


# --------------------------------------------------------------------------- views


class ViewLayout(StrEnum):
    """Layouts of ``view``."""

    tiers = "tiers"
    force = "force"


@app.command("view", cls=_HelpCommand)
def view_cmd(
    graph: Annotated[Path, typer.Argument(help="A graph file written by `build`.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")],
    focus: Annotated[str | None, typer.Option(help="Show only this company's neighbourhood.")] = (
        None
    ),
    depth: Annotated[int, typer.Option(help="Hops around --focus.", min=0)] = 2,
    min_cost: Annotated[
        float, typer.Option("--min-cost", help="Hide links below this switching cost.")
    ] = 0.0,
    type: Annotated[
        list[str] | None,
        typer.Option("--type", help="Entity types to show (repeatable), e.g. Person."),
    ] = None,
    max_nodes: Annotated[int, typer.Option(help="Reduce bigger graphs to the top companies.")] = (
        2000
    ),
    layout: Annotated[
        ViewLayout,
        typer.Option(help="tiers: suppliers above their customers; force: networkx spring layout."),
    ] = ViewLayout.tiers,
    show_all: Annotated[
        bool,
        typer.Option(
            "--all",
            help="Show people, places, publishers and offerings off the supply chain at first.",
        ),
    ] = False,
    as_of: AsOf = None,
    weights: Weights = None,
    force: Force = False,
) -> None:
    """Write an interactive, self-contained HTML view of the graph (works offline).

    Each claim is a link of its own. Hidden at first, their boxes unticked: people, places,
    publishers, and offerings off the supply chain (chips, products, technologies linked to
    fewer than two companies). Tick them on the page, pass --all, or name a type with --type.

    Example: vendorgraph view graph.trig -o graph.html --focus Nvidia --layout force
    """
    from vendorgraph.analysis import resolve

    with _user_errors():
        _require("pyvis", "view")
        from vendorgraph.graph.view import HIDDEN_TYPES, write_view

        inputs = [graph, *_opt(weights)]
        _check_output(output, inputs, suffixes=(".html", ".htm"), force=force)
        _, G = _load_graph(graph, as_of=as_of)
        scores = _score_data(_scores(G, weights, as_of))
        write_view(
            G,
            output,
            scores=scores,
            focus=None if focus is None else resolve(G, focus),
            depth=depth,
            min_cost=min_cost,
            types=type,
            max_nodes=max_nodes,
            title=f"vendorgraph: {graph.name}",
            layout=layout.value,
            hide=() if show_all else HIDDEN_TYPES,
            hide_lone_offerings=not show_all,
        )
    err.print(f"wrote {output}", markup=False)


# --------------------------------------------------------------------------- queries


class ExportFormat(StrEnum):
    """Formats of ``export``."""

    graphml = "graphml"
    gexf = "gexf"
    cypher = "cypher"
    neo4j_csv = "neo4j-csv"
    jsonld = "jsonld"


_EXPORT_SUFFIXES = {
    ExportFormat.graphml: (".graphml", ".xml"),
    ExportFormat.gexf: (".gexf", ".xml"),
    ExportFormat.cypher: (".cypher", ".cql", ".txt"),
    ExportFormat.jsonld: (".jsonld",),
}


@app.command("query", cls=_HelpCommand)
def query_cmd(
    graph: Annotated[Path, typer.Argument(help="A graph file written by `build`.")],
    name: Annotated[str | None, typer.Argument(help="A named query (see --list).")] = None,
    params: Annotated[
        list[str] | None, typer.Argument(help="Its parameters, in order (names of entities).")
    ] = None,
    sparql: Annotated[
        Path | None, typer.Option("--sparql", help="A SPARQL 1.1 SELECT/CONSTRUCT/ASK file.")
    ] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the named queries.")] = False,
    allow_service: Annotated[
        bool,
        typer.Option(
            "--allow-service", help="Let a --sparql query reach other servers (SERVICE, LOAD)."
        ),
    ] = False,
    timeout: Annotated[
        float, typer.Option(help="Stop a --sparql query after this many seconds.", min=0.1)
    ] = 60.0,
    as_of: AsOf = None,
    format: Format = TableFormat.table,
) -> None:
    """Ask a named, parameterised question of the graph, or run any SPARQL query.

    Example: vendorgraph query graph.trig suppliers-of Helioscale
    """
    from vendorgraph.errors import InputError
    from vendorgraph.graph.queries import list_queries, load_query, run_named, run_sparql

    if list_:
        rows = [
            {"query": q.name, "parameters": " ".join(q.params), "description": q.description}
            for q in list_queries()
        ]
        _render(rows, ["query", "parameters", "description"], format, "Named queries")
        return
    with _user_errors():
        dataset = _dataset_as_of(graph, as_of)
        if sparql is not None:
            result = run_sparql(dataset, sparql, allow_service=allow_service, timeout=timeout)
        elif name is None:
            raise InputError(
                "give a named query (see `vendorgraph query GRAPH --list`) or --sparql"
            )
        else:
            wanted = load_query(name).params
            values = list(params or [])
            if len(values) != len(wanted):
                raise InputError(
                    f"query {name!r} takes {len(wanted)} parameter(s) "
                    f"{list(wanted)!r}, got {values!r}"
                )
            result = run_named(dataset, name, **dict(zip(wanted, values, strict=True)))
    if result.kind == "ASK":
        out.print(str(bool(result.values and result.values[0][0])))
        return
    if result.kind == "CONSTRUCT" and format is TableFormat.table:
        sys.stdout.write(json_safe(result.to_json()) + "\n")
        return
    _render(result.rows(), list(result.columns), format, name or str(sparql))


def _dataset_as_of(graph: Path, as_of: str | None) -> rdflib.Dataset:
    """Read a graph; with a date, keep only the articles and facts known and active then."""
    from vendorgraph.graph.store.files import read_graph

    with _damaged(graph):
        dataset = read_graph(graph)
        if as_of is None:
            return dataset
        from vendorgraph.graph.rdf import from_dataset, to_dataset
        from vendorgraph.graph.timeline import snapshot

        return to_dataset(snapshot(from_dataset(dataset), as_of))


@app.command("export", cls=_HelpCommand)
def export_cmd(
    graph: Annotated[Path, typer.Argument(help="A graph file written by `build`.")],
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="Export format.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="File (folder for neo4j-csv).")],
    force: Force = False,
) -> None:
    """Export for other tools: Gephi (GraphML, GEXF), Neo4j (Cypher, admin CSV), JSON-LD.

    The neo4j-csv folder is written beside the target and swapped in with one rename; its
    text cells starting with = + - @ get a leading apostrophe (see `vendorgraph.graph.export`).

    Example: vendorgraph export graph.trig -f graphml -o graph.graphml
    """
    from vendorgraph.graph import export
    from vendorgraph.graph.store.paths import check_output

    with _user_errors():
        check_output(
            output,
            [graph],
            suffixes=_EXPORT_SUFFIXES.get(format, ()),
            force=force,
            folder=format is ExportFormat.neo4j_csv,
        )
        dataset = _dataset_as_of(graph, None)
        if format is ExportFormat.graphml:
            export.to_graphml(dataset, output)
        elif format is ExportFormat.gexf:
            export.to_gexf(dataset, output)
        elif format is ExportFormat.cypher:
            export.write_cypher(dataset, output)
        elif format is ExportFormat.jsonld:
            export.to_jsonld(dataset, output)
        else:
            export.to_neo4j_admin(dataset, output, force=force)
            err.print(
                "import with: neo4j-admin database import full "
                f"{' '.join(export.ADMIN_IMPORT_OPTIONS)} --nodes={output}/nodes.csv "
                f"--relationships={output}/relationships.csv",
                markup=False,
            )
    err.print(f"wrote {output}", markup=False)


# --------------------------------------------------------------------------- neo4j

neo4j_app = typer.Typer(
    help="Push a graph to Neo4j, read it back, or run Cypher.",
    no_args_is_help=True,
    cls=_HelpGroup,
)
app.add_typer(neo4j_app, name="neo4j")

Uri = Annotated[str, typer.Option("--uri", envvar="NEO4J_URI", help="bolt:// or neo4j:// URI.")]
User = Annotated[str, typer.Option("--user", envvar="NEO4J_USER", help="Neo4j user.")]
Database = Annotated[str | None, typer.Option("--database", envvar="NEO4J_DATABASE")]


def _require(module: str, extra: str) -> None:
    """Fail with one line naming the package to install when an optional one is missing."""
    import importlib

    from vendorgraph.errors import MissingDependencyError

    try:
        importlib.import_module(module)
    except ImportError as exc:
        raise MissingDependencyError(
            f"this command needs the {module!r} package, which is not installed: "
            f'pip install "vendorgraph[{extra}]"'
        ) from exc


def _password() -> str:
    """Read the password from NEO4J_PASSWORD, else ask for it without echoing it."""
    import os

    _require("neo4j", "neo4j")  # before asking for a password it could not use
    password = os.environ.get("NEO4J_PASSWORD")
    if password is None:
        password = typer.prompt("Neo4j password", hide_input=True)
    return password


@neo4j_app.command("push", cls=_HelpCommand)
def neo4j_push_cmd(
    graph: Annotated[Path, typer.Argument(help="A graph file written by `build`.")],
    uri: Uri = "bolt://localhost:7687",
    user: User = "neo4j",
    database: Database = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the Cypher only.")] = False,
    batch_size: Annotated[int, typer.Option(min=1)] = 1000,
) -> None:
    """Write the graph to Neo4j with idempotent MERGE statements (password: NEO4J_PASSWORD).

    Example: vendorgraph neo4j push graph.trig --dry-run
    """
    from vendorgraph.graph import neo4j

    with _user_errors():
        dataset = _dataset_as_of(graph, None)
        if dry_run:
            for statement, params in neo4j.plan(dataset, batch_size=batch_size):
                rows = len(params.get("rows", []))
                sys.stdout.write(f"// {rows} row(s) in $rows\n{statement};\n\n")
            return
        counters = neo4j.push(
            dataset,
            uri=uri,
            user=user,
            password=_password(),
            database=database,
            batch_size=batch_size,
        )
    for key, value in sorted(counters.items()):
        out.print(f"{key}: {value}", markup=False)


@neo4j_app.command("pull", cls=_HelpCommand)
def neo4j_pull_cmd(
    output: Annotated[Path, typer.Option("--output", "-o", help="The graph file to write.")],
    uri: Uri = "bolt://localhost:7687",
    user: User = "neo4j",
    database: Database = None,
    force: Force = False,
) -> None:
    """Read a graph back from Neo4j into a file.

    Example: vendorgraph neo4j pull -o pulled.trig --uri bolt://localhost:7687
    """
    from vendorgraph.graph import neo4j
    from vendorgraph.graph.store.files import FORMATS, format_for, write_dataset

    with _user_errors(), _graph_lock(output):
        format_for(output)
        _check_output(output, [], suffixes=tuple(FORMATS), force=force)
        dataset = neo4j.pull(uri=uri, user=user, password=_password(), database=database)
        write_dataset(dataset, output)
    err.print(f"wrote {output}", markup=False)


@neo4j_app.command("query", cls=_HelpCommand)
def neo4j_query_cmd(
    cypher: Annotated[str, typer.Argument(help="A Cypher statement; values go in --param.")],
    param: Annotated[
        list[str] | None, typer.Option("--param", help="NAME=VALUE, bound as $NAME.")
    ] = None,
    uri: Uri = "bolt://localhost:7687",
    user: User = "neo4j",
    database: Database = None,
    format: Format = TableFormat.table,
) -> None:
    """Run a Cypher statement against Neo4j, with parameters, and print the records.

    Example: vendorgraph neo4j query 'MATCH (d:Dependency)-[:PROVIDER]->(p) RETURN p.name'
    """
    from vendorgraph.graph import neo4j

    with _user_errors():
        params = _parse_params(param or [])
        records = neo4j.run_cypher(
            cypher, params, uri=uri, user=user, password=_password(), database=database
        )
    _render(records, list(records[0]) if records else [], format, f"{len(records)} record(s)")


def _parse_params(values: list[str]) -> dict[str, str]:
    from vendorgraph.errors import InputError

    params: dict[str, str] = {}
    for value in values:
        name, sep, text = value.partition("=")
        if not sep or not name.isidentifier():
            raise InputError(f"--param {value!r}: expected NAME=VALUE, e.g. company=AWS")
        params[name] = text
    return params


# --------------------------------------------------------------------------- report


@app.command("report", cls=_HelpCommand)
def report_cmd(
    graph: Annotated[Path, typer.Argument(help="A graph file written by `build`.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="report.html or report.md")],
    draws: Annotated[int, typer.Option(help="Monte Carlo draws for the intervals.", min=1)] = 300,
    seed: Annotated[int, typer.Option(help="Random seed of the draws.")] = 0,
    evidence: Annotated[
        int, typer.Option(help="Dependencies explained down to their sentences.", min=0)
    ] = 5,
    as_of: AsOf = None,
    weights: Weights = None,
    force: Force = False,
) -> None:
    """Write a standalone lock-in report: summary, rankings with intervals, charts, evidence.

    Example: vendorgraph report graph.trig -o report.html
    """
    from vendorgraph.graph.view.report import FORMATS, write_report

    with _user_errors():
        _require("matplotlib", "report")
        _check_output(output, [graph, *_opt(weights)], suffixes=tuple(FORMATS), force=force)
        _, G = _load_graph(graph, as_of=as_of)
        run = {"draws": draws, "seed": seed, "evidence": evidence}
        write_report(G, output, _report_data(G, graph, weights, as_of, **run))
    err.print(f"wrote {output}", markup=False)


def _report_data(
    G: nx.MultiDiGraph, graph: Path, weights: Path | None, as_of: str | None, **run: int
) -> Any:
    """Score, draw intervals and explain the strongest dependencies: a report's plain data."""
    from dataclasses import asdict

    from vendorgraph.analysis import explain_edge, robustness
    from vendorgraph.graph.view.report import ReportData

    options = _options(weights, as_of)
    result = _scores(G, weights, as_of)
    deps = sorted(_score_data(result)["dependencies"].values(), key=lambda d: -d["dependence"])
    robust = robustness(G, draws=run["draws"], seed=run["seed"], options=options)
    explained = [
        asdict(explain_edge(G, d["dependent"], d["provider"], options=options)) for d in deps[:12]
    ]
    return ReportData(
        companies=list(_score_data(result)["companies"].values()),
        dependencies=deps,
        intervals=asdict(robust),
        explanations=explained,
        evidence=run["evidence"],
        title="vendorgraph lock-in report",
        subtitle=f"{graph.name}: {run['draws']} draws, seed {run['seed']}"
        + (f", as of {as_of}" if as_of else ""),
    )


def _end_on_signal(signum: int, frame: Any) -> None:
    """End the command as Ctrl-C would, so ``finally`` blocks remove temporary files."""
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> None:
    """Run the command line (the ``vendorgraph`` console script).

    SIGTERM and SIGHUP end the command through Python's unwinding (temporary files removed,
    locks released); a usage error (an unknown option, a bad value) is one line, exit 2.
    """
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _end_on_signal)
    command = typer.main.get_command(app)
    try:
        code = command.main(args=argv, prog_name="vendorgraph", standalone_mode=False)
    except typer.Abort:
        _exit_line("interrupted", 130)
    except typer.TyperException as exc:  # Click's usage errors: an unknown option, a bad value
        ctx = getattr(exc, "ctx", None)
        hint = f" (see `{ctx.command_path} --help`)" if ctx is not None else ""
        _exit_line(exc.format_message() + hint, getattr(exc, "exit_code", 2))
    sys.exit(code if isinstance(code, int) else 0)


def _exit_line(message: str, code: int) -> None:
    try:
        _fail(message, code)
    except typer.Exit as done:
        sys.exit(done.exit_code)


if __name__ == "__main__":  # pragma: no cover
    main()
