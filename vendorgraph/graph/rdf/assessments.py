"""Scores in RDF: the ``derived`` graph of lock-in and switching-cost assessments.

:func:`add_assessments` writes it, :func:`read_assessments` reads it back, and
:func:`read_records` reads records and scores in one pass.

Examples
--------
>>> from vendorgraph.graph.store import new_dataset
>>> read_assessments(new_dataset())
([], [])
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from typing import Any

from rdflib import RDF, SKOS, Dataset, Graph
from rdflib.namespace import PROV

from vendorgraph.graph.rdf.read import RecordIndex, RecordReader, extractions_of, index_dataset
from vendorgraph.graph.rdf.terms import (
    INFERENCE_RUN,
    WRITER,
    PlainNamespace,
    Triple,
    entity_node,
    iri_segment,
    score_literal,
    string_literal,
)
from vendorgraph.graph.store import add_plain, gc_paused, plain_quads
from vendorgraph.ontology.model import Extraction, stable_hash
from vendorgraph.ontology.namespace import (
    DERIVED_GRAPH,
    ID,
    PROPOSITIONS_GRAPH,
    VG,
    VGC,
    load_ontology,
)

__all__ = ["Assessments", "add_assessments", "read_assessments", "read_records"]

Assessments = tuple[list[dict[str, Any]], list[dict[str, Any]]]
"""(dependency scores, company scores), as :func:`add_assessments` takes them."""

_RDF, _PROV, _VG = PlainNamespace(RDF), PlainNamespace(PROV), PlainNamespace(VG)
_ID = str(ID)

_COMPANY_KEYS = {
    "lockin": str(VG.lockin),
    "lockin_direct": str(VG.lockinDirect),
    "lockin_indirect": str(VG.lockinIndirect),
    "exposure": str(VG.exposure),
    "hhi": str(VG.hhi),
}
_DEPENDENCY_KEYS = {
    "switching_cost": str(VG.switchingCost),
    "coverage": str(VG.coverage),
    "reliance": str(VG.reliance),
    "dependence": str(VG.dependence),
}


@lru_cache(maxsize=1)
def _factor_concepts() -> dict[str, str]:
    graph = load_ontology()
    return {
        str(graph.value(c, SKOS.notation)): str(c)
        for c in graph.subjects(SKOS.inScheme, VGC.SwitchingCostFactorType)
    }


def read_records(ds: Dataset | Graph) -> tuple[tuple[Extraction, ...], Assessments]:
    """Return :func:`from_dataset` and :func:`read_assessments` of `ds`, reading it once.

    Examples
    --------
    >>> from vendorgraph.graph.rdf.write import to_dataset
    >>> from vendorgraph.ontology import Document, Extraction
    >>> ds = to_dataset([Extraction(document=Document(text="x"))])
    >>> add_assessments(ds, [], [{"id": "org/acme", "hhi": 1.0}])
    >>> extractions, (deps, companies) = read_records(ds)
    >>> len(extractions), deps, companies[0]["hhi"]
    (1, [], 1.0)
    """
    with gc_paused():
        main, derived = index_dataset(ds)
        return extractions_of(main), _assessments(derived if derived.out else main)


def add_assessments(
    ds: Dataset,
    dependencies: Iterable[Mapping[str, Any]],
    companies: Iterable[Mapping[str, Any]],
) -> None:
    """Replace the ``derived`` graph of `ds` with these scores.

    Parameters
    ----------
    ds : rdflib.Dataset
        A dataset written by :func:`to_dataset`.
    dependencies : iterable of mapping
        ``{"dependent", "provider", "switching_cost", "coverage", "reliance", "dependence",
        "factors": {name: value or None}}``; each becomes a ``vg:DependencyAssessment`` that
        ``vg:assesses`` the matching ``vg:Dependency`` propositions, plus a
        ``dependent vg:dependsOn provider`` shortcut.
    companies : iterable of mapping
        ``{"id", "lockin", "lockin_direct", "lockin_indirect", "exposure", "hhi"}``; each becomes
        a ``vg:CompanyAssessment``. A value of None is left out.

    Examples
    --------
    >>> from vendorgraph.graph.rdf.write import to_dataset
    >>> from vendorgraph.ontology import Document, Extraction
    >>> ds = to_dataset([Extraction(document=Document(text="x"))])
    >>> add_assessments(ds, [], [{"id": "org/acme", "lockin": 0.5}])
    >>> read_assessments(ds)[1][0]["lockin"]
    0.5
    """
    derived = ds.graph(DERIVED_GRAPH)
    derived.remove((None, None, None))
    pairs = _dependency_index(ds)
    run = str(INFERENCE_RUN)
    triples: list[Triple] = [
        (run, _RDF.type, _VG.Inference),
        (run, _VG.modelVersion, string_literal(WRITER)),
    ]
    for dep in dependencies:
        triples.extend(_dependency_assessment(dep, pairs))
    for company in companies:
        triples.extend(_company_assessment(company))
    graph = str(DERIVED_GRAPH)
    add_plain(ds, ((s, p, o, graph) for s, p, o in triples))


def _dependency_index(ds: Dataset) -> dict[tuple[str | None, str | None], list[str]]:
    props = RecordIndex().add(plain_quads(ds, graph=str(PROPOSITIONS_GRAPH)))
    reader = RecordReader(props)
    index: dict[tuple[str | None, str | None], list[str]] = defaultdict(list)
    for node in props.typed.get(_VG.Dependency, ()):
        key = (reader.value(node, _VG.dependent), reader.value(node, _VG.provider))
        index[key].append(node)
    return index


def _dependency_assessment(
    dep: Mapping[str, Any], pairs: Mapping[tuple[str | None, str | None], list[str]]
) -> Iterator[Triple]:
    dependent, provider = entity_node(dep["dependent"]), entity_node(dep["provider"])
    node = f"{_ID}assessment/dependency/{stable_hash(dep['dependent'], dep['provider'])}"
    yield node, _RDF.type, _VG.DependencyAssessment
    yield node, _PROV.wasGeneratedBy, str(INFERENCE_RUN)
    yield node, _VG.dependent, dependent
    yield node, _VG.provider, provider
    yield dependent, _VG.dependsOn, provider
    yield from ((node, _VG.assesses, d) for d in sorted(pairs.get((dependent, provider), [])))
    yield from _scores(node, dep, _DEPENDENCY_KEYS)
    for name, value in sorted((dep.get("factors") or {}).items()):
        factor = f"{node}#factor-{iri_segment(name)}"
        yield node, _VG.factorScore, factor
        yield factor, _RDF.type, _VG.FactorScore
        yield factor, _VG.factorName, string_literal(name)
        if name in _factor_concepts():
            yield factor, _VG.factorType, _factor_concepts()[name]
        if value is not None:
            yield factor, _VG.score, score_literal(value)


def _company_assessment(company: Mapping[str, Any]) -> Iterator[Triple]:
    node = f"{_ID}assessment/company/{iri_segment(company['id'])}"
    yield node, _RDF.type, _VG.CompanyAssessment
    yield node, _PROV.wasGeneratedBy, str(INFERENCE_RUN)
    yield node, _VG.assesses, entity_node(company["id"])
    yield from _scores(node, company, _COMPANY_KEYS)


def _scores(node: str, values: Mapping[str, Any], keys: Mapping[str, str]) -> Iterator[Triple]:
    for key, prop in keys.items():
        if values.get(key) is not None:
            yield node, prop, score_literal(values[key])


def read_assessments(ds: Dataset | Graph) -> Assessments:
    """Return the dependency and company scores that :func:`add_assessments` wrote.

    Returns
    -------
    (list of dict, list of dict)
        Dependencies sorted by (dependent, provider), companies by id, in the shapes
        :func:`add_assessments` takes; a score left out reads back as None.

    Examples
    --------
    >>> from vendorgraph.graph.rdf.write import to_dataset
    >>> from vendorgraph.ontology import Document, Extraction
    >>> ds = to_dataset([Extraction(document=Document(text="x"))])
    >>> read_assessments(ds)
    ([], [])
    """
    with gc_paused():
        derived = RecordIndex().add(plain_quads(ds, graph=str(DERIVED_GRAPH)))
        return _assessments(derived if derived.out else index_dataset(ds)[0])


def _assessments(index: RecordIndex) -> Assessments:
    reader = RecordReader(index)
    dependencies = index.typed.get(_VG.DependencyAssessment, ())
    deps = [_read_dependency(reader, n) for n in dependencies]
    companies = [_read_company(reader, n) for n in index.typed.get(_VG.CompanyAssessment, ())]
    deps.sort(key=lambda d: (d["dependent"], d["provider"]))
    companies.sort(key=lambda c: c["id"])
    return deps, companies


def _read_dependency(reader: RecordReader, node: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "dependent": reader.ref(node, _VG.dependent),
        "provider": reader.ref(node, _VG.provider),
    }
    out.update({key: reader.number(node, prop) for key, prop in _DEPENDENCY_KEYS.items()})
    factors = reader.objects(node, _VG.factorScore)
    out["factors"] = {
        reader.text(f, _VG.factorName): reader.number(f, _VG.score) for f in sorted(factors)
    }
    return out


def _read_company(reader: RecordReader, node: str) -> dict[str, Any]:
    out: dict[str, Any] = {"id": reader.ref(node, _VG.assesses)}
    out.update({key: reader.number(node, prop) for key, prop in _COMPANY_KEYS.items()})
    return out
