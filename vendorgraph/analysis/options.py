"""How to score, as frozen records: what every lock-in function takes instead of a keyword bundle.

:class:`ScoringOptions` holds the weights and priors, the factor rules, the date, the node
weights and the lock-in budget (:class:`LockinOptions`); ``lockin``, ``robustness``,
``whatif``, ``explain_edge`` and ``explain_company`` take one. The records hold no caches:
compiled rules and parsed files are memoised by module-level functions.

Examples
--------
>>> opts = ScoringOptions(as_of="2026-01-01", lockin=LockinOptions(top_k=10))
>>> opts.as_of, opts.lockin.top_k, opts.parameters.weights["scarcity"]
('2026-01-01', 10, 0.2)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

import networkx as nx

from vendorgraph.analysis.factors import Rule, load_rules
from vendorgraph.analysis.sizes import BASES, size_weights
from vendorgraph.analysis.weights import Parameters, load_parameters
from vendorgraph.errors import InputError

__all__ = ["LockinOptions", "ScoringOptions"]


@dataclass(frozen=True, slots=True, kw_only=True)
class LockinOptions:
    """How to compute lock-in.

    ``top_k`` companies (by the linear pass) get exact DebtRank; ``depth`` is the length of the
    linear walk sum; ``aggregation`` is ``"additive"`` (default) or ``"geometric"``.
    """

    top_k: int = 100
    depth: int = 4
    batch: int = 64
    aggregation: str = "additive"
    crosscheck: bool = True

    def __post_init__(self) -> None:
        if self.top_k < 0 or self.depth < 1 or self.batch < 1:
            raise InputError(
                f"top_k={self.top_k!r}, depth={self.depth!r}, batch={self.batch!r}: top_k must "
                "be >= 0, depth and batch >= 1"
            )


@dataclass(frozen=True, slots=True, kw_only=True)
class ScoringOptions:
    """What a score depends on besides the graph.

    Parameters
    ----------
    params : Parameters, optional
        Weights, priors and defaults; None: the packaged ``data/weights.toml``.
    rules : tuple of Rule, optional
        Claim -> factor rules; None: the packaged ``data/factor_rules.toml``.
    as_of : str or date, optional
        Date for decay and validity windows; None: the latest publication date.
    weights : tuple of (str, float), optional
        Node weights (economic size), given; a mapping is accepted and frozen.
    sizes : str, optional
        Take node weights from the sizes the text states (``"revenue"`` or
        ``"market_value"``, :func:`~vendorgraph.analysis.sizes.size_weights`); None with no
        `weights`: one per company, so scores stay comparable across graphs.
    lockin : LockinOptions
        Exact DebtRank budget, linear depth, aggregation, cross-checks.
    """

    params: Parameters | None = None
    rules: tuple[Rule, ...] | None = None
    as_of: str | date | None = None
    weights: tuple[tuple[str, float], ...] | None = None
    sizes: str | None = None
    lockin: LockinOptions = field(default_factory=LockinOptions)

    def __post_init__(self) -> None:
        if self.rules is not None and not isinstance(self.rules, tuple):
            object.__setattr__(self, "rules", tuple(self.rules))
        if isinstance(self.weights, Mapping):
            frozen = tuple(sorted((str(k), float(x)) for k, x in self.weights.items()))
            object.__setattr__(self, "weights", frozen)
        if self.sizes is not None and self.sizes not in BASES:
            raise InputError(f"size basis {self.sizes!r} is not one of {list(BASES)!r}")

    @property
    def parameters(self) -> Parameters:
        """The weights and priors: `params`, else the packaged defaults."""
        return load_parameters() if self.params is None else self.params

    @property
    def factor_rules(self) -> tuple[Rule, ...]:
        """The claim -> factor rules: `rules`, else the packaged ones."""
        return load_rules() if self.rules is None else self.rules

    def node_weights(self, G: nx.Graph) -> dict[str, float] | None:
        """Return the node weights of `G`: given, else from stated size, else None (unit).

        Examples
        --------
        >>> import networkx as nx
        >>> ScoringOptions(weights={"org/a": 2.0}).node_weights(nx.DiGraph())
        {'org/a': 2.0}
        """
        if self.weights is not None:
            return dict(self.weights)
        return None if self.sizes is None else size_weights(G, basis=self.sizes)
