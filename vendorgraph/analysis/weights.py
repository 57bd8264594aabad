"""Factor weights and stated defaults of the lock-in model, read from TOML.

The defaults ship in ``data/weights.toml``; a user file may override any table. Weights are
validated: every name must be one of the eight factors, no weight may be negative, and they must
sum to 1 (within 1e-9), so that a switching cost stays in [0, 1] and each factor's
contribution ``w_f * s_f`` is its exact share. Every other field is checked against its range
(:data:`RANGES`: priors, modality and source weights in [0, 1], reliance in (0, 1], half-life,
saturation points and units above 0; NaN and infinities nowhere), and a table or name the
model does not read is refused, so a typo cannot pass silently.

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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

from vendorgraph.errors import InputError, InputFileError
from vendorgraph.ontology.terms import Modality

__all__ = ["FACTORS", "RANGES", "Parameters", "Range", "load_parameters", "validate_weights"]

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
        A TOML file; its tables override the packaged defaults table by table (``[priors]``
        and ``[model]`` name by name).

    Returns
    -------
    params : Parameters
        The validated weights, priors and stated defaults.

    Raises
    ------
    InputFileError
        If the file cannot be read.
    InputError
        If it is not UTF-8 TOML, has a table other than ``weights``, ``priors``, ``model``,
        ``modality`` and ``sources``, or a value outside its range (see :data:`RANGES`); the
        message names the file and the field (``modality.hedged``), in one line.

    Examples
    --------
    >>> load_parameters().priors["scarcity"]
    0.3
    """
    data = _defaults()
    if path is not None:
        user = _read_toml(Path(path))
        _check_tables(user, str(path))
        data = _merged(data, user)
    where = None if path is None else str(path)
    _check_fields(data, where)
    model = data.get("model", {})
    return Parameters(
        weights=validate_weights(data["weights"], path=where),
        priors=MappingProxyType({f: float(data["priors"][f]) for f in FACTORS}),
        default_reliance=float(model.get("default_reliance", 1.0)),
        half_life_years=float(model.get("half_life_years", 3.0)),
        saturation=_floats(model.get("saturation", {})),
        scale_unit=_floats(model.get("scale_unit", {})),
        modality=_floats(data.get("modality", {})),
        sources=_floats(data.get("sources", {})),
    )


@dataclass(frozen=True, slots=True)
class Range:
    """The numbers a field allows: finite, above `low` (or at it), at most `high`."""

    low: float
    high: float = math.inf
    low_included: bool = True

    def __contains__(self, value: float) -> bool:
        above = value >= self.low if self.low_included else value > self.low
        return math.isfinite(value) and above and value <= self.high

    def __str__(self) -> str:
        if self.high == math.inf:
            return f"{'>=' if self.low_included else '>'} {self.low:g}"
        return f"in {'[' if self.low_included else '('}{self.low:g}, {self.high:g}]"


_SHARE = Range(0.0, 1.0)
_POSITIVE = Range(0.0, low_included=False)
RANGES: Mapping[str, Range] = MappingProxyType(
    {
        "weights.*": _SHARE,  # and all eight sum to 1 (validate_weights)
        "priors.*": _SHARE,
        "model.default_reliance": Range(0.0, 1.0, low_included=False),
        "model.half_life_years": _POSITIVE,
        "model.saturation.*": _POSITIVE,
        "model.scale_unit.*": _POSITIVE,
        "modality.*": _SHARE,
        "sources.*": _SHARE,
    }
)
"""The allowed numbers of every field of a weights file (``*``: each name the table takes)."""

_TABLES = ("weights", "priors", "model", "modality", "sources")
_MODEL_NUMBERS = ("default_reliance", "half_life_years")
_MODEL_TABLES = ("saturation", "scale_unit")


def _merged(data: dict[str, Any], user: dict[str, Any]) -> dict[str, Any]:
    """Return the packaged tables with a user's over them, ``priors`` and ``model`` by name."""
    merged = {**data, **user}
    merged["priors"] = {**data["priors"], **user.get("priors", {})}
    model = {**data["model"], **user.get("model", {})}
    for table in _MODEL_TABLES:
        given = user.get("model", {}).get(table)
        if isinstance(given, dict):
            model[table] = {**data["model"][table], **given}
    merged["model"] = model
    return merged


def _floats(table: Mapping[str, Any]) -> Mapping[str, float]:
    return MappingProxyType({k: float(v) for k, v in table.items()})


def _check_tables(user: Mapping[str, Any], path: str) -> None:
    """Refuse a table the model does not read, and a value where a table belongs."""
    for name, value in user.items():
        if name not in _TABLES:
            raise InputError(
                f"unknown table [{name}]; a weights file has the tables {', '.join(_TABLES)}",
                path=path,
            )
        if not isinstance(value, dict):
            raise InputError(
                f"{name!r} must be a table ([{name}] with name = number lines), not {value!r}",
                path=path,
            )


def _check_fields(data: Mapping[str, Any], path: str | None) -> None:
    """Check every field of the merged tables against :data:`RANGES`, naming the first bad one."""
    for name in ("weights", "priors"):
        _check_names(name, data[name], FACTORS, path)
        for factor, value in data[name].items():
            _check_number(f"{name}.{factor}", value, path)
    model = data.get("model", {})
    _check_names("model", model, _MODEL_NUMBERS + _MODEL_TABLES, path)
    _check_number("model.default_reliance", model.get("default_reliance", 1.0), path)
    _check_number("model.half_life_years", model.get("half_life_years", 3.0), path)
    for table in _MODEL_TABLES:
        _check_table(f"model.{table}", model.get(table, {}), _packaged()["model"][table], path)
    _check_table("modality", data.get("modality", {}), tuple(Modality), path)
    _check_table("sources", data.get("sources", {}), None, path)


def _check_table(field: str, table: Any, names: Iterable[str] | None, path: str | None) -> None:
    if not isinstance(table, dict):
        raise InputError(
            f"{field} must be a table ({{ name = number, ... }}), not {table!r}", path=path
        )
    if names is not None:
        _check_names(field, table, tuple(names), path)
    for name, value in table.items():
        _check_number(f"{field}.{name}", value, path)


def _check_names(
    field: str, table: Mapping[str, Any], names: tuple[str, ...], path: str | None
) -> None:
    unknown = sorted(set(table) - set(names))
    if unknown:
        raise InputError(
            f"unknown name {field}.{unknown[0]}; {field} takes {', '.join(names)}", path=path
        )


def _check_number(field: str, value: object, path: str | None) -> None:
    allowed = RANGES.get(field) or RANGES[field.rsplit(".", 1)[0] + ".*"]
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if not number or float(value) not in allowed:  # type: ignore[arg-type]
        raise InputError(f"{field} = {value!r}: give a number {allowed}", path=path)


def _defaults() -> dict[str, Any]:
    return copy.deepcopy(_packaged())


@functools.cache
def _packaged() -> dict[str, Any]:
    text = resources.files("vendorgraph.analysis").joinpath("data/weights.toml").read_text("utf-8")
    return tomllib.loads(text)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputFileError(
            f"cannot read weights file {str(path)!r}: {err.strerror}; check the path",
            path=str(path),
        ) from err
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(
            f"byte {err.start} is not UTF-8 ({data[err.start : err.start + 1]!r}); save the "
            "weights file as UTF-8",
            path=str(path),
            line=data.count(b"\n", 0, err.start) + 1,
        ) from err
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise InputError(f"not valid TOML: {err}; fix the file", path=str(path)) from err
