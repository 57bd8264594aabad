"""The results the workflows return: frozen records with table, DataFrame and HTML views.

Problems in the data are results, never printed: a :class:`GraphBuild` carries the sources
that were skipped and the records screening left out, as data. Every result has ``rows(table)``
(plain dicts), ``to_dataframe(table)`` (pandas, imported on first use) and ``_repr_html_`` (a
small table for notebooks, drawn without pandas).

Examples
--------
>>> LeftOut(article="a1", origin="a.txt", reason="no subject", text="it", span=None).reason
'no subject'
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from vendorgraph.errors import InputError, MissingDependencyError

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx
    import pandas as pd
    import rdflib

    from vendorgraph.analysis import LockinResult
    from vendorgraph.analysis.explain import CompanyExplanation, EdgeExplanation
    from vendorgraph.analysis.gaps import EvidenceGaps
    from vendorgraph.analysis.weights import Parameters
    from vendorgraph.graph.update import AddReport, RemoveReport
    from vendorgraph.graph.validate import ValidationResult
    from vendorgraph.loaders.corpus import Skip
    from vendorgraph.ontology.model import Extraction
    from vendorgraph.resolution import Merge

__all__ = ["GraphBuild", "GraphUpdate", "LeftOut", "Scores"]

Row = dict[str, Any]
Report = TypeVar("Report", "AddReport", "RemoveReport")


@dataclass(frozen=True, slots=True, kw_only=True)
class LeftOut:
    """A record that screening left out of the graph, and why: data, not an error.

    ``origin`` names the article as the command line does (its path, else title, else id).
    """

    article: str
    origin: str
    reason: str
    text: str
    span: tuple[int, int] | None


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Scores:
    """Lock-in scores of a graph: the networkx graph scored, the result and its parameters.

    ``companies`` and ``dependencies`` are the rows ``vendorgraph score`` prints (and
    ``score --edges``), in the same order; :meth:`explain` says why, down to the sentences.
    """

    graph: nx.MultiDiGraph
    result: LockinResult
    params: Parameters
    as_of: str | None = None

    @property
    def companies(self) -> tuple[Row, ...]:
        """One row per company, by lock-in exerted (then exposure, then id)."""
        from vendorgraph.analysis import company_records

        r = self.result
        method = dict(zip(r.nodes, r.method, strict=True))
        pct = dict(zip(r.nodes, r.percentile.tolist(), strict=True))
        rows = [
            {"company": self._label(c["id"]), "id": c["id"], "lockin": c["lockin"]}
            | {"direct": c["lockin_direct"], "indirect": c["lockin_indirect"]}
            | {"percentile": pct[c["id"]], "method": method[c["id"]]}
            | {"exposure": c["exposure"], "hhi": c["hhi"], "spof": list(c["spof"])}
            for c in company_records(r)
        ]
        return tuple(sorted(rows, key=lambda c: (-c["lockin"], -c["exposure"], c["id"])))

    @property
    def dependencies(self) -> tuple[Row, ...]:
        """One row per dependency, by switching cost (ids, labels, scores, the eight factors)."""
        from vendorgraph.analysis import dependency_records

        rows = [
            {k: v for k, v in d.items() if k != "factors"}
            | {"dependent_label": self._label(d["dependent"])}
            | {"provider_label": self._label(d["provider"])}
            | d["factors"]
            for d in dependency_records(self.result)
        ]
        return tuple(
            sorted(rows, key=lambda d: (-d["switching_cost"], d["dependent"], d["provider"]))
        )

    @property
    def gaps(self) -> EvidenceGaps:
        """What the scores rest on without evidence (``score --format json`` rows ``gaps``).

        Unknown factors per dependency, per supplier what its lock-in rests on unstated,
        suppliers named without a claim, companies with no dependency
        (:func:`~vendorgraph.analysis.gaps.evidence_gaps`).
        """
        from vendorgraph.analysis.gaps import evidence_gaps

        return evidence_gaps(self.graph, self.result, params=self.params, as_of=self.as_of)

    def explain(
        self, company: str, provider: str | None = None
    ) -> EdgeExplanation | CompanyExplanation:
        """Explain a dependency (two names) or a company's lock-in (one name).

        Names, aliases and ids are resolved as ``vendorgraph explain`` resolves them.

        Raises
        ------
        vendorgraph.errors.UnknownEntityError
            If a name matches no entity; the message lists close matches.
        """
        from vendorgraph.analysis import ScoringOptions, explain_company, explain_edge, resolve

        G, options = self.graph, ScoringOptions(params=self.params, as_of=self.as_of)
        if provider is None:
            return explain_company(G, resolve(G, company), options=options)
        return explain_edge(G, resolve(G, company), resolve(G, provider), options=options)

    def rows(self, table: str = "companies") -> list[Row]:
        """Return ``"companies"`` or ``"dependencies"`` as plain dicts."""
        return list(_pick(table, companies=self.companies, dependencies=self.dependencies))

    def to_dataframe(self, table: str = "companies") -> pd.DataFrame:
        """Return ``"companies"`` or ``"dependencies"`` as a DataFrame (needs pandas)."""
        return _frame(self.rows(table))

    def _repr_html_(self) -> str:
        columns = ["company", "lockin", "direct", "indirect", "exposure", "hhi"]
        title = f"{len(self.result.nodes)} companies, {len(self.result.edges)} dependencies"
        return _html_table(list(self.companies[:10]), columns, f"Lock-in: {title} (top 10)")

    def _label(self, node: str) -> str:
        G = self.graph
        return str(G.nodes[node].get("label", node)) if node in G else node


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class GraphBuild:
    """A graph built from articles, and what was left out on the way.

    ``dataset`` is the rdflib dataset ``vendorgraph build`` would write; ``skipped`` the
    sources not extracted (empty, binary, not English, duplicates), ``left_out`` the records
    screening dropped, ``merges`` the entity merges across articles, ``scores`` the lock-in
    stored in the graph (None with ``scores=False``), ``validation`` the SHACL result (None
    with ``validate=False``).
    """

    dataset: rdflib.Dataset
    extractions: tuple[Extraction, ...]
    skipped: tuple[Skip, ...] = ()
    left_out: tuple[LeftOut, ...] = ()
    merges: tuple[Merge, ...] = ()
    scores: Scores | None = None
    validation: ValidationResult | None = None

    @property
    def counts(self) -> dict[str, int]:
        """Articles, distinct entities, quotes, relations and numbers in the graph."""
        return _counts(self.extractions)

    def rows(self, table: str = "articles") -> list[Row]:
        """Return ``"articles"``, ``"skipped"``, ``"left_out"`` or ``"merges"`` as dicts."""
        return _pick(
            table,
            articles=[_article_row(x) for x in self.extractions],
            skipped=[_skip_row(s) for s in self.skipped],
            left_out=[_fields(r) for r in self.left_out],
            merges=[_fields(m) for m in self.merges],
        )

    def to_dataframe(self, table: str = "articles") -> pd.DataFrame:
        """Return one of :meth:`rows`' tables as a DataFrame (needs pandas)."""
        return _frame(self.rows(table))

    def _repr_html_(self) -> str:
        return _html_summary(
            "Graph", self.counts, self.skipped, self.left_out, self.validation
        ) + _html_table(self.rows(), ["title", "published", "publisher", "relations"], "")


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class GraphUpdate(Generic[Report]):
    """A graph after articles were added or one was removed.

    ``report`` says what changed (:class:`~vendorgraph.graph.update.AddReport` or
    :class:`~vendorgraph.graph.update.RemoveReport`); the other fields are as in
    :class:`GraphBuild`.
    """

    dataset: rdflib.Dataset
    report: Report
    skipped: tuple[Skip, ...] = ()
    left_out: tuple[LeftOut, ...] = ()
    merges: tuple[Merge, ...] = ()
    scores: Scores | None = None
    validation: ValidationResult | None = None

    def rows(self, table: str = "changes") -> list[Row]:
        """Return ``"changes"`` (one row per id), ``"skipped"`` or ``"left_out"`` as dicts."""
        return _pick(
            table,
            changes=_change_rows(self.report),
            skipped=[_skip_row(s) for s in self.skipped],
            left_out=[_fields(r) for r in self.left_out],
        )

    def to_dataframe(self, table: str = "changes") -> pd.DataFrame:
        """Return one of :meth:`rows`' tables as a DataFrame (needs pandas)."""
        return _frame(self.rows(table))

    def _repr_html_(self) -> str:
        counts: dict[str, int] = {}
        for row in self.rows():
            counts[row["change"]] = counts.get(row["change"], 0) + 1
        return _html_summary("Update", counts, self.skipped, self.left_out, self.validation)


# ------------------------------------------------------------------------------- helpers


def left_out_of(extractions: tuple[Extraction, ...]) -> tuple[LeftOut, ...]:
    """Return the records each extraction rejected, in order, as :class:`LeftOut` rows.

    Examples
    --------
    >>> from vendorgraph.ontology import Document, Extraction
    >>> left_out_of((Extraction(document=Document(text="Hi.")),))
    ()
    """
    return tuple(
        LeftOut(
            article=x.document.id,
            origin=x.document.path or x.document.title or x.document.id,
            reason=r.reason,
            text=r.text,
            span=None if r.span is None else (r.span.start, r.span.end),
        )
        for x in extractions
        for r in x.rejected
    )


def _counts(extractions: tuple[Extraction, ...]) -> dict[str, int]:
    return {
        "articles": len(extractions),
        "entities": len({e.id for x in extractions for e in x.entities}),
        "quotes": sum(len(x.quotes) for x in extractions),
        "relations": sum(len(x.relations) for x in extractions),
        "numbers": sum(len(x.quantities) for x in extractions),
    }


def _article_row(x: Extraction) -> Row:
    d = x.document
    return {
        "id": d.id,
        "title": d.title,
        "published": d.published,
        "publisher": d.publisher,
        "path": d.path,
    } | {k: v for k, v in _counts((x,)).items() if k != "articles"}


def _skip_row(s: Skip) -> Row:
    return {"origin": s.origin, "kind": s.kind.value, "reason": s.reason, "article": s.article}


def _fields(record: Any) -> Row:
    return {name: getattr(record, name) for name in record.__slots__}


def _change_rows(report: AddReport | RemoveReport) -> list[Row]:
    from vendorgraph.graph.update import AddReport

    if isinstance(report, AddReport):
        groups: Any = [
            ("added article", report.added),
            ("new entity", report.new_entities),
            ("new fact", report.new_propositions),
            ("already present", [a for a, _ in report.skipped]),
        ]
    else:
        groups = [
            ("removed article", [report.article]),
            ("removed entity", report.removed_entities),
            ("removed fact", report.removed_propositions),
        ]
    return [{"change": change, "id": i} for change, ids in groups for i in ids]


def _pick(table: str, **tables: Any) -> Any:
    if table not in tables:
        raise InputError(f"no table {table!r}; the tables are {sorted(tables)!r}")
    return tables[table]


def _frame(rows: list[Row]) -> pd.DataFrame:
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - pandas is in the dev and notebooks extras
        raise MissingDependencyError(
            "to_dataframe() needs pandas, which is not installed: "
            'pip install "vendorgraph[notebooks]"'
        ) from exc
    return pd.DataFrame(rows)


def _html_summary(
    what: str,
    counts: dict[str, int],
    skipped: tuple[Skip, ...],
    left_out: tuple[LeftOut, ...],
    validation: ValidationResult | None,
) -> str:
    parts = [f"{n} {html.escape(name)}" for name, n in counts.items()]
    parts.append(f"{len(skipped)} source(s) skipped, {len(left_out)} record(s) left out")
    if validation is not None:
        parts.append("SHACL conforms" if validation.conforms else "SHACL violations")
    return f"<p><strong>{html.escape(what)}</strong>: {', '.join(parts)}</p>"


def _html_table(rows: list[Row], columns: list[str], caption: str) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(_cell(r.get(c)))}</td>" for c in columns) + "</tr>"
        for r in rows
    )
    title = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return f"<table>{title}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return f"{value:.3f}" if isinstance(value, float) else str(value)
