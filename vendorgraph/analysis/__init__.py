"""Lock-in analysis: pure functions over networkx graphs.

Claims (the networkx contract) -> dependency edges (:mod:`.dependencies`) -> switching costs
from eight evidence factors (:mod:`.factors`, :mod:`.switching`; claims read once per distinct
signature through :mod:`.columns`) -> dependence and lock-in
(DebtRank, exposure, cross-checks: :mod:`.lockin`) -> what-if, robustness and explanations.

Examples
--------
>>> from vendorgraph.analysis import FACTORS
>>> len(FACTORS)
8
"""

from vendorgraph.analysis.dependencies import dependency_graph, impact_matrix
from vendorgraph.analysis.explain import explain_company, explain_edge, resolve
from vendorgraph.analysis.lockin import (
    LockinOptions,
    LockinResult,
    ScoringOptions,
    annotate,
    company_records,
    dependency_records,
    lockin,
)
from vendorgraph.analysis.robustness import robustness
from vendorgraph.analysis.switching import switching_cost
from vendorgraph.analysis.weights import FACTORS, load_parameters
from vendorgraph.analysis.whatif import whatif

__all__ = [
    "FACTORS",
    "LockinOptions",
    "LockinResult",
    "ScoringOptions",
    "annotate",
    "company_records",
    "dependency_graph",
    "dependency_records",
    "explain_company",
    "explain_edge",
    "impact_matrix",
    "load_parameters",
    "lockin",
    "resolve",
    "robustness",
    "switching_cost",
    "whatif",
]
