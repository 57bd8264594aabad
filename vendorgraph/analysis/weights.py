"""Factor weights and stated defaults of the lock-in model, read from TOML.

The defaults ship in ``data/weights.toml``; a user file may override any table. Weights are
validated: every name must be one of the eight factors, no weight may be negative, and they must
sum to 1 (within 1e-9), so that a switching cost stays in [0, 1] and each factor's
contribution ``w_f * s_f`` is its exact share.

Examples
--------
>>> p = load_parameters()
>>> p.weights["integration"], p.weights["regulatory"]
(0.2, 0.05)
>>> sum(p.weights.values())
1.0
"""

from __future__ import annotations

import copy
import functools
import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from vendorgraph.errors import InputError, InputFileError

__all__ = ["FACTORS", "Parameters", "load_parameters", "validate_weights"]

FACTORS: tuple[str, ...] = (
    "integration",
    "scarcity",
    "learning",
    "data_context",
    "contractual",
    "migration",
    "relational",
    "regulatory",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Parameters:
    """The weights, priors and stated defaults of the model (see ``data/weights.toml``)."""

    weights: Mapping[str, float]
    priors: Mapping[str, float]
    default_reliance: float = 1.0
    half_life_years: float = 3.0
    saturation: Mapping[str, float] = field(default_factory=dict)
    scale_unit: Mapping[str, float] = field(default_factory=dict)
    modality: Mapping[str, float] = field(default_factory=dict)
    sources: Mapping[str, float] = field(default_factory=dict)

    def weight_vector(self) -> tuple[float, ...]:
        """Return the weights in the order of :data:`FACTORS`."""
        return tuple(self.weights[f] for f in FACTORS)

    def prior_vector(self) -> tuple[float, ...]:
        """Return the priors in the order of :data:`FACTORS`."""
        return tuple(self.priors[f] for f in FACTORS)

    def with_weights(self, weights: Mapping[str, float]) -> Parameters:
        """Return a copy with other (validated) weights."""
        return replace(self, weights=validate_weights(weights))


def validate_weights(
    weights: Mapping[str, float], *, path: str | None = None
) -> Mapping[str, float]:
    """Check factor weights and return them as a read-only mapping over all eight factors.

    Parameters
    ----------
    weights : mapping of str to float
        One weight per factor; every factor must be present.
    path : str, optional
        The file the weights came from, for the error message.

    Returns
    -------
    mapping
        The weights, in the order of :data:`FACTORS`.

    Raises
    ------
    InputError
        On an unknown or missing factor, a negative or non-finite weight, or a sum other than 1.

    Examples
    --------
    >>> validate_weights({"integration": 1.0})
    Traceback (most recent call last):
    ...
    vendorgraph.errors.InputError: weights miss factors ['contractual', 'data_context', \
'learning', 'migration', 'regulatory', 'relational', 'scarcity']; give all eight: integration, \
scarcity, learning, data_context, contractual, migration, relational, regulatory
    """
    unknown = sorted(set(weights) - set(FACTORS))
    if unknown:
        raise InputError(
            f"unknown factor names {unknown!r} in weights; use: {', '.join(FACTORS)}", path=path
        )
    missing = sorted(set(FACTORS) - set(weights))
    if missing:
        raise InputError(
            f"weights miss factors {missing!r}; give all eight: {', '.join(FACTORS)}", path=path
        )
    for name in FACTORS:
        _check_weight(name, weights[name], path)
    total = math.fsum(float(weights[f]) for f in FACTORS)
    if abs(total - 1.0) > 1e-9:
        raise InputError(
            f"weights sum to {total!r}, not 1; rescale them so they add up to 1", path=path
        )
    return MappingProxyType({f: float(weights[f]) for f in FACTORS})


def _check_weight(name: str, value: object, path: str | None) -> None:
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    if not ok or not math.isfinite(float(value)) or float(value) < 0:  # type: ignore[arg-type]
        raise InputError(
            f"weight of {name!r} is {value!r}; weights must be finite numbers >= 0", path=path
        )


def load_parameters(path: str | Path | None = None) -> Parameters:
    """Read the model's weights and defaults, from the packaged file or a user TOML file.

    Parameters
    ----------
    path : str or Path, optional
        A TOML file; its tables override the packaged defaults table by table.

    Returns
    -------
    params : Parameters
        The validated weights, priors and stated defaults.

    Raises
    ------
    InputFileError
        If the file cannot be read.
    InputError
        If it does not parse or its weights are invalid (see :func:`validate_weights`).

    Examples
    --------
    >>> load_parameters().priors["scarcity"]
    0.3
    """
    data = _defaults()
    if path is not None:
        user = _read_toml(Path(path))
        merged = {k: {**data.get(k, {}), **user.get(k, {})} for k in ("priors", "model")}
        data = {**data, **user, **merged}
    where = None if path is None else str(path)
    model = data.get("model", {})
    return Parameters(
        weights=validate_weights(data["weights"], path=where),
        priors=MappingProxyType({f: float(data["priors"][f]) for f in FACTORS}),
        default_reliance=float(model.get("default_reliance", 1.0)),
        half_life_years=float(model.get("half_life_years", 3.0)),
        saturation=MappingProxyType(dict(model.get("saturation", {}))),
        scale_unit=MappingProxyType(dict(model.get("scale_unit", {}))),
        modality=MappingProxyType(dict(data.get("modality", {}))),
        sources=MappingProxyType(dict(data.get("sources", {}))),
    )


def _defaults() -> dict[str, Any]:
    return copy.deepcopy(_packaged())


@functools.cache
def _packaged() -> dict[str, Any]:
    text = resources.files("vendorgraph.analysis").joinpath("data/weights.toml").read_text("utf-8")
    return tomllib.loads(text)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise InputFileError(
            f"cannot read weights file {str(path)!r}: {err.strerror}; check the path",
            path=str(path),
        ) from err
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise InputError(f"weights file is not valid TOML: {err}", path=str(path)) from err
