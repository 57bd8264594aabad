r"""What the command line prints: safe consoles, tables, CSV, JSON and progress bars.

The CLI parses its arguments, calls one library function and hands the result to this module.
Everything printed passes through :func:`~vendorgraph.graph.sanitize.terminal_safe`, so control
characters and bidi overrides in article text or a damaged file reach the terminal as visible
escapes; CSV cells are also made spreadsheet-safe and JSON has the same characters escaped.

Tables are meant to fit 100 columns: a command names its default columns and shows the rest
with ``--wide`` (CSV and JSON always carry every column). An empty result is said in words
(``no conflicts``) rather than drawn as an empty table.

Examples
--------
>>> import io
>>> console = SafeConsole(file=io.StringIO(), width=100)
>>> render_rows([], ["about"], TableFormat.table, "0 conflict(s)", empty="no conflicts",
...             console=console)
>>> console.file.getvalue()
'no conflicts\n'
>>> cell(0.12345), cell(None), cell("https://w3id.org/vendorgraph/id/org/aws")
('0.123', 'unknown', 'org/aws')
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from vendorgraph.graph.sanitize import json_safe, spreadsheet_safe, terminal_safe

if TYPE_CHECKING:
    from vendorgraph.loaders.corpus import IngestEvent
    from vendorgraph.ontology.model import Extraction

__all__ = [
    "HelpCommand",
    "HelpGroup",
    "SafeConsole",
    "SafeTable",
    "TableFormat",
    "cell",
    "csv_cell",
    "err",
    "out",
    "print_extraction",
    "progress_bar",
    "render_rows",
    "write_json",
]


class SafeConsole(Console):
    """A console that writes control characters in printed text as visible escapes."""

    def print(self, *objects: Any, **options: Any) -> None:
        """Print like rich, with text made terminal-safe."""
        super().print(*(_plain(o) for o in objects), **options)


class SafeTable(Table):
    """A rich table whose title, headers and text cells are made terminal-safe."""

    def __init__(self, *headers: Any, title: str | None = None, **options: Any) -> None:
        super().__init__(*map(_plain, headers), title=_plain(title), **options)

    def add_row(self, *cells: Any, **options: Any) -> None:
        """Add a row like rich, with text cells made terminal-safe."""
        super().add_row(*map(_plain, cells), **options)


def _plain(value: Any) -> Any:
    return terminal_safe(value) if isinstance(value, str) else value


out = SafeConsole(highlight=False, soft_wrap=True)
err = SafeConsole(stderr=True, highlight=False, soft_wrap=True)


class TableFormat(StrEnum):
    """Output formats of the analysis commands."""

    table = "table"
    csv = "csv"
    json = "json"


def render_rows(
    rows: list[dict[str, Any]],
    columns: Sequence[str],
    fmt: TableFormat,
    title: str,
    *,
    narrow: Sequence[str] | None = None,
    empty: str | None = None,
    console: Console | None = None,
) -> None:
    """Print rows as a rich table, CSV or JSON.

    CSV and JSON carry every column of `columns`. A table shows only `narrow` when given (the
    command's ``--wide`` passes None), and an empty table is the sentence `empty` when given.
    """
    if fmt is TableFormat.json:
        write_json(rows)
        return
    if fmt is TableFormat.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow([csv_cell(c) for c in columns])
        writer.writerows([csv_cell(row.get(c)) for c in columns] for row in rows)
        return
    console = console or out
    if not rows and empty is not None:
        console.print(empty, markup=False)
        return
    shown = list(columns if narrow is None else narrow)
    table = SafeTable(*shown, title=title)
    for row in rows:
        table.add_row(*(escape(cell(row.get(c))) for c in shown))
    console.print(table)
    hidden = [c for c in columns if c not in shown]
    if hidden:
        said = f"({len(hidden)} more column(s) with --wide: {', '.join(hidden)})"
        console.print(said if len(said) <= 100 else said[:98] + "…)", markup=False, style="dim")


def csv_cell(value: Any) -> Any:
    """Return a CSV cell: text spreadsheet-safe (OWASP) and terminal-safe, numbers as they are."""
    if value is None:
        return ""
    if isinstance(value, str):
        return terminal_safe(spreadsheet_safe(value))
    return value


def write_json(data: Any) -> None:
    """Write JSON to stdout, the characters a terminal would act on escaped (json_safe)."""
    text = json.dumps(data, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write(json_safe(text) + "\n")


_SHORT = (
    "https://w3id.org/vendorgraph/id/",
    "https://w3id.org/vendorgraph/concept/",
    "https://w3id.org/vendorgraph/ont#",
)


def cell(value: Any) -> str:
    """Format a value for a terminal table: 3 decimals, our IRIs without their namespace."""
    if value is None:
        return "unknown"
    if isinstance(value, float):
        return f"{value:.3f}"
    text = str(value)
    for prefix in _SHORT:
        if text.startswith(prefix):
            return text[len(prefix) :]
    return text


@contextmanager
def progress_bar(
    total: int | None, *, console: Console | None = None
) -> Iterator[Callable[[IngestEvent], None]]:
    """Show a progress bar on stderr while articles are extracted; yield its callback.

    With a `total` the bar shows done/total and an estimated time left. The bar is off when
    stderr (or `console`) is not a terminal (a log file, a pipe, CI), so nothing but the
    results is written.
    """
    console = console or err
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[status]}"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as bar:
        task = bar.add_task("extracting", total=total, status="")

        def progress(event: IngestEvent) -> None:
            bar.update(
                task,
                completed=event.done,
                status=f"{event.extracted} extracted, {event.skipped} skipped",
            )

        yield progress


def print_extraction(x: Extraction) -> None:
    """Print one article's entities, quotes, relations and numbers as tables (text wraps)."""
    doc = x.document
    out.print(
        f"[bold]{escape(doc.title or doc.path or '')}[/]  "
        f"{escape(doc.published or '')}  {escape(doc.publisher or '')}"
    )
    names = {e.id: e.name for e in x.entities}
    table = SafeTable("entity", "type", "aliases", "mentions", title="Entities")
    for e in x.entities:
        table.add_row(
            escape(e.name), e.type.value, escape(", ".join(e.aliases)), str(len(e.mentions))
        )
    out.print(table)
    table = SafeTable("speaker", "role", "kind", "words", title="Quotes")
    for q in x.quotes:
        who = names.get(q.speaker or "", q.speaker_label or "(unnamed)")
        role = ", ".join(filter(None, [q.speaker_role, names.get(q.speaker_org or "")]))
        kind = "direct" if q.direct else "reported"
        table.add_row(escape(who), escape(role), kind, escape(q.text))
    out.print(table)
    table = SafeTable(
        "subject", "predicate", "object", "modality", "conf.", "evidence", title="Relations"
    )
    for r in x.relations:
        table.add_row(
            escape(names[r.subject]),
            r.predicate.value,
            escape(names[r.object]),
            r.modality.value,
            f"{r.confidence:.2f}",
            escape(r.span.text),
        )
    out.print(table)
    table = SafeTable("text", "kind", "value", "unit", title="Numbers")
    for n in x.quantities:
        value = "" if n.value is None else f"{n.value:g}"
        table.add_row(escape(n.text), n.kind.value, n.iso or value, escape(n.unit or ""))
    out.print(table)


class HelpCommand(TyperCommand):
    """A command whose ``--help`` names arguments in capitals and shows no Python types.

    Typer writes a required argument as ``{article}`` in the usage line and its type as
    ``<list[Path]>``; this class writes ``ARTICLE...`` and leaves the type to the argument's
    help. A flag shows no ``<bool>``, and a repeatable option its item type with ``...``.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, TyperArgument):
                param.__class__ = _HelpArgument
            elif isinstance(param, TyperOption):
                param.__class__ = _HelpOption

    def get_help_option(self, ctx: Any) -> Any:
        """Return ``--help``, shown as a flag (no type)."""
        option = super().get_help_option(ctx)
        if isinstance(option, TyperOption):
            option.__class__ = _HelpOption
        return option

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        """Return the usage line's words: ``[OPTIONS]``, then each argument in capitals."""
        pieces = [self.options_metavar] if self.options_metavar else []
        return pieces + [_usage_name(p) for p in self.params if isinstance(p, TyperArgument)]


class HelpGroup(TyperGroup):
    """A command group whose ``--help`` and flags show no ``<bool>`` type."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, TyperOption):
                param.__class__ = _HelpOption

    def get_help_option(self, ctx: Any) -> Any:
        """Return ``--help``, shown as a flag (no type)."""
        option = super().get_help_option(ctx)
        if isinstance(option, TyperOption):
            option.__class__ = _HelpOption
        return option


def _usage_name(param: TyperArgument) -> str:
    name = (param.metavar or param.name or "").upper()
    name += "..." if param.nargs != 1 else ""
    return name if param.required else f"[{name}]"


class _HelpArgument(TyperArgument):
    def display_type_rich(self, ctx: Any) -> str | None:
        return None

    @property
    def display_name_raw(self) -> str:
        return (self.metavar or self.name or "").upper()


class _HelpOption(TyperOption):
    def display_type_rich(self, ctx: Any) -> str | None:
        if self.metavar is not None or not self.is_flag:
            shown = super().display_type_rich(ctx)
            return None if shown is None else _LIST.sub(r"<\1>...", shown)
        return None


_LIST = re.compile(r"<list\[(.*)\]>")
