"""One library facade: build, update, score and write a graph in a few calls.

The steps ``vendorgraph build``, ``add`` and ``remove`` run, as functions (:mod:`.workflows`)
that return frozen results with DataFrame and HTML views (:mod:`.results`). This layer joins
the areas (loaders, graph, analysis); only the command line sits above it. The same names are
exported lazily from the top-level package: ``import vendorgraph as vg; vg.build_graph(...)``.

Examples
--------
>>> from vendorgraph.api import score_graph
>>> import networkx as nx
>>> score_graph(nx.MultiDiGraph()).companies
()
"""

from vendorgraph.api.results import GraphBuild, GraphUpdate, LeftOut, Scores
from vendorgraph.api.workflows import (
    add_articles,
    build_graph,
    count_sources,
    damaged_graph,
    graph_as_of,
    graph_from_extractions,
    open_graph,
    remove_article,
    score_graph,
    write_graph,
)

__all__ = [
    "GraphBuild",
    "GraphUpdate",
    "LeftOut",
    "Scores",
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
