"""What a view shows and how: :class:`ViewOptions`, and the style of each entity type."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from vendorgraph.errors import InputError
from vendorgraph.ontology.terms import EntityType

__all__ = [
    "DERIVED",
    "HIDDEN_TYPES",
    "LAYOUTS",
    "OFFERING_TYPES",
    "ORGANIZATION_TYPES",
    "OTHER_STYLE",
    "SCORE_NAMES",
    "TypeStyle",
    "ViewOptions",
]

LAYOUTS = ("tiers", "force")
# Drawn but hidden at first: who said it, where, and which outlet wrote it matter less to "who
# depends on whom" than the companies and their offerings; the page's checkboxes show them.
HIDDEN_TYPES = ("Person", "Place", "Publisher")


@dataclass(frozen=True, slots=True, kw_only=True)
class TypeStyle:
    """How one entity type is drawn: vis-network shape, colour, legend glyph and name."""

    shape: str
    color: str
    glyph: str
    name: str


TYPE_STYLES: Mapping[str, TypeStyle] = {
    "CloudProvider": TypeStyle(shape="dot", color="#1f77b4", glyph="●", name="Cloud provider"),
    "ChipVendor": TypeStyle(shape="diamond", color="#d62728", glyph="◆", name="Chip vendor"),
    "AILab": TypeStyle(shape="star", color="#9467bd", glyph="★", name="AI lab"),
    "Organization": TypeStyle(shape="dot", color="#7f7f7f", glyph="●", name="Organization"),
    "Publisher": TypeStyle(shape="square", color="#8c564b", glyph="■", name="Publisher"),
    "Government": TypeStyle(shape="triangleDown", color="#2ca02c", glyph="▼", name="Government"),
    "InvestmentFirm": TypeStyle(
        shape="hexagon", color="#bcbd22", glyph="⬢", name="Investment firm"
    ),
    "Consultancy": TypeStyle(shape="hexagon", color="#17becf", glyph="⬢", name="Consultancy"),
    "Person": TypeStyle(shape="triangle", color="#e377c2", glyph="▲", name="Person"),
    "Chip": TypeStyle(shape="square", color="#ff7f0e", glyph="■", name="Chip"),
    "Product": TypeStyle(shape="square", color="#6baed6", glyph="■", name="Product"),
    "Technology": TypeStyle(shape="triangle", color="#31a354", glyph="▲", name="Technology"),
    "Place": TypeStyle(shape="dot", color="#bdbdbd", glyph="●", name="Place"),
}
OTHER_STYLE = TypeStyle(shape="dot", color="#999999", glyph="○", name="Other")
ORGANIZATION_TYPES = frozenset(t.value for t in EntityType if t.is_organization)
OFFERING_TYPES = frozenset({"Chip", "Product", "Technology"})
DERIVED = "depends_on (derived)"
SCORE_NAMES = {
    "lockin": "lock-in exerted",
    "lockin_direct": "lock-in exerted, direct",
    "lockin_indirect": "lock-in exerted, indirect",
    "exposure": "exposure (lock-in suffered)",
    "hhi": "supplier concentration (HHI)",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class ViewOptions:
    """What to show: the keyword arguments of :func:`render_view`, validated.

    Parameters
    ----------
    scores : Mapping or None
        ``{"companies": {node: {"lockin": ..., ...}}, "dependencies": {(i, j): {...}}}``.
    focus : str or None
        A node id, label or alias: show only its neighbourhood.
    depth : int
        How many hops around `focus` to show.
    min_cost : float
        Drop links whose switching cost is below this (and entities left with no link).
    types : Collection of str or None
        Entity types to show (``EntityType`` values); None shows all.
    max_nodes : int
        Above this many entities, keep the top companies by lock-in, then by degree.
    title : str
        The page title.
    layout : {"tiers", "force"}
        ``"tiers"`` (default) puts suppliers above their customers by supply-chain tier
        (:func:`supply_tiers`); ``"force"`` uses :func:`networkx.spring_layout`.
    hide : Collection of str
        Entity types on the page but hidden at first, their checkboxes unticked: by default
        people, places and publishers (:data:`HIDDEN_TYPES`). Pass ``()`` to show every type.
        A type named in `types`, and the focus's type, are shown whatever `hide` says.
    hide_lone_offerings : bool
        Also hide at first the chips, products and technologies linked to fewer than two
        companies (on no path from a supplier to a customer), behind a checkbox of their own;
        those of a type named in `types` are shown.

    Examples
    --------
    >>> ViewOptions(depth=-1)
    Traceback (most recent call last):
    ...
    vendorgraph.errors.InputError: depth must be >= 0, got -1: pass 0 for the focus alone
    """

    scores: Mapping[str, Any] | None = None
    focus: str | None = None
    depth: int = 2
    min_cost: float = 0.0
    types: Collection[str] | None = None
    max_nodes: int = 2000
    title: str = "vendorgraph"
    layout: str = "tiers"
    hide: Collection[str] = HIDDEN_TYPES
    hide_lone_offerings: bool = True

    def __post_init__(self) -> None:
        if self.layout not in LAYOUTS:
            raise InputError(f"unknown layout {self.layout!r}: choose from {list(LAYOUTS)!r}")
        if self.depth < 0:
            raise InputError(f"depth must be >= 0, got {self.depth!r}: pass 0 for the focus alone")
        if not 0.0 <= self.min_cost <= 1.0:
            raise InputError(f"min_cost must lie in [0, 1], got {self.min_cost!r}")
        if self.max_nodes < 1:
            raise InputError(f"max_nodes must be >= 1, got {self.max_nodes!r}")
        unknown = sorted((set(self.types or ()) | set(self.hide)) - set(TYPE_STYLES))
        if unknown:
            raise InputError(
                f"unknown entity type(s) {unknown!r}: choose from {sorted(TYPE_STYLES)!r}"
            )
