"""The command line: the composition root, the only module that joins the areas.

Each command parses its arguments, calls one library function (or a short chain of them), and
prints. A :class:`~vendorgraph.errors.VendorGraphError` becomes one clear line on stderr and exit
status 2 (usage and input errors) or 1 (data that fails validation), never a traceback.

Examples
--------
>>> from typer.testing import CliRunner
>>> result = CliRunner().invoke(app, ["--version"])
>>> result.output.startswith("vendorgraph ")
True
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from vendorgraph import __version__
from vendorgraph.errors import VendorGraphError

if TYPE_CHECKING:
    import networkx as nx
    import rdflib

    from vendorgraph.ontology.model import Extraction

app = typer.Typer(
    name="vendorgraph",
    help="Turn news about AI infrastructure into a knowledge graph of vendor dependencies.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class ExtractFormat(StrEnum):
    """Output formats of ``extract``."""

    table = "table"
    json = "json"


class TableFormat(StrEnum):
    """Output formats of the analysis commands."""

    table = "table"
    csv = "csv"
    json = "json"


@contextmanager
def _user_errors() -> Iterator[None]:
    """Turn our errors into one line on stderr and the documented exit status."""
    try:
        yield
    except VendorGraphError as exc:
        err.print(f"[bold red]error:[/] {exc}", markup=True, highlight=False)
        raise typer.Exit(exc.exit_code) from None


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


@app.command("extract")
def extract_cmd(
    article: Annotated[Path, typer.Argument(help="An article: .txt, .md or .html.")],
    format: Annotated[ExtractFormat, typer.Option("--format", "-f", help="Output.")] = (
        ExtractFormat.table
    ),
) -> None:
    """Extract entities, quotes, relations and numbers from one article."""
    from vendorgraph.graph.extraction_json import to_json

    with _user_errors():
        (extraction,) = _extract_paths([article])
        if format is ExtractFormat.json:
            sys.stdout.write(json.dumps(to_json(extraction), indent=2, ensure_ascii=False) + "\n")
        else:
            _print_extraction(extraction)


def _print_extraction(x: Extraction) -> None:
    doc = x.document
    out.print(f"[bold]{doc.title or doc.path}[/]  {doc.published or ''}  {doc.publisher or ''}")
    names = {e.id: e.name for e in x.entities}
    table = Table("entity", "type", "aliases", "mentions", title="Entities")
    for e in x.entities:
        table.add_row(e.name, e.type.value, ", ".join(e.aliases), str(len(e.mentions)))
    out.print(table)
    table = Table("speaker", "role", "kind", "words", title="Quotes")
    for q in x.quotes:
        who = names.get(q.speaker or "", q.speaker_label or "(unnamed)")
        role = ", ".join(filter(None, [q.speaker_role, names.get(q.speaker_org or "")]))
        table.add_row(who, role, "direct" if q.direct else "reported", q.text)
    out.print(table)
    table = Table("subject", "predicate", "object", "modality", "conf.", "evidence",
                  title="Relations")
    for r in x.relations:
        table.add_row(names[r.subject], r.predicate.value, names[r.object], r.modality.value,
                      f"{r.confidence:.2f}", r.span.text)
    out.print(table)
    table = Table("text", "kind", "value", "unit", title="Numbers")
    for n in x.quantities:
        value = "" if n.value is None else f"{n.value:g}"
        table.add_row(n.text, n.kind.value, n.iso or value, n.unit or "")
    out.print(table)


# --------------------------------------------------------------------------- graph files


@app.command("build")
def build_cmd(
    articles: Annotated[list[Path], typer.Argument(help="Articles to merge into one graph.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="graph.ttl|.trig|.nt|.nq|.jsonld")],
    validate: Annotated[bool, typer.Option(help="Check the SHACL shapes before writing.")] = True,
) -> None:
    """Build one validated knowledge graph from articles and write it atomically."""
    from vendorgraph.graph.io import format_for, write_dataset
    from vendorgraph.graph.rdf import to_dataset
    from vendorgraph.graph.shacl import ensure_valid

    with _user_errors():
        format_for(output)
        extractions = _extract_paths(articles)
        dataset = to_dataset(extractions)
        if validate:
            ensure_valid(dataset)
        write_dataset(dataset, output)
        counts = _counts(extractions)
        err.print(f"wrote {output}: {counts}")


def _counts(extractions: list[Extraction]) -> str:
    ents = len({e.id for x in extractions for e in x.entities})
    quotes = sum(len(x.quotes) for x in extractions)
    rels = sum(len(x.relations) for x in extractions)
    nums = sum(len(x.quantities) for x in extractions)
    return (f"{len(extractions)} article(s), {ents} entities, {quotes} quotes, "
            f"{rels} relations, {nums} numbers")


@app.command("info")
def info_cmd(
    graph: Annotated[Path, typer.Argument(help="A graph file written by `build`.")],
) -> None:
    """Show counts by type and whether the graph conforms to the SHACL shapes."""
    from vendorgraph.graph.io import read_dataset
    from vendorgraph.graph.shacl import validate
    from vendorgraph.graph.summary import summarize

    with _user_errors():
        dataset = read_dataset(graph)
        summary = summarize(dataset)
        result = validate(dataset)
    table = Table("what", "count", title=str(graph))
    for key, value in _summary_rows(summary):
        table.add_row(key, str(value))
    out.print(table)
    if result.conforms:
        out.print("SHACL: [green]conforms[/]")
    else:
        out.print(f"SHACL: [red]does not conform[/] ({result.violations} violation(s))")
        for focus, path, message in result.results[:20]:
            out.print(f"  {focus} {path or ''}: {message}")
        raise typer.Exit(1)


def _summary_rows(summary: Any) -> list[tuple[str, int]]:
    rows: list[tuple[str, int]] = []
    for name in ("articles", "entities", "claims", "quotes", "quantities", "triples"):
        if hasattr(summary, name):
            rows.append((name, getattr(summary, name)))
    for attr in ("by_entity_type", "by_class"):
        for key, value in sorted(getattr(summary, attr, {}).items()):
            rows.append((f"  {key}", value))
    return rows


def _load_graph(path: Path) -> tuple[rdflib.Dataset, nx.MultiDiGraph]:
    from vendorgraph.graph.io import read_dataset
    from vendorgraph.graph.networkx import to_networkx

    dataset = read_dataset(path)
    return dataset, to_networkx(dataset)


def main(argv: list[str] | None = None) -> None:
    """Run the command line (the ``vendorgraph`` console script)."""
    command: Callable[..., Any] = typer.main.get_command(app)
    command(args=argv, prog_name="vendorgraph")


if __name__ == "__main__":  # pragma: no cover
    main()
