"""Shares stated about a dependency: how much of the customer's need, or the supplier's revenue.

Reliance is read only from a share whose sentence says what it is a share *of* and *whose* it
is: "OpenAI gets 60% of its compute from Microsoft" (the customer's share: reliance), "Meta
accounts for 12% of Nvidia's revenue" (the supplier's revenue share: the other side of the
exposure, as supply-chain data services report it). A percentage anywhere else in the sentence
("lifted Nvidia shares 3%", "Google could take 10% of Nvidia's revenue" on a Meta edge) says
nothing about this dependency and is not read.

Examples
--------
>>> from vendorgraph.analysis.dependencies import Claim, ClaimQuantity
>>> q = ClaimQuantity(kind="percent", value=12.0, normalized=0.12, text="12%")
>>> c = Claim(key="k", subject="org/n", object="org/m", predicate="supplies", role="supply",
...           evidence="Meta accounts for 12% of Nvidia's revenue.", quantity=q)
>>> [(s.side, s.value) for s in stated_shares(c, customer=("Meta",), supplier=("Nvidia",))]
[('supplier', 0.12)]
>>> c = Claim(key="k", subject="org/n", object="org/m", predicate="supplies", role="supply",
...           evidence="The deal lifted Nvidia shares 3%.", quantity=q)
>>> stated_shares(c, customer=("Meta",), supplier=("Nvidia",))
[]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from vendorgraph.analysis.dependencies import Claim, ClaimQuantity

__all__ = ["Share", "stated_shares"]

_NEED = (
    r"compute|computing|capacity|cloud|spend(?:ing)?|capex|costs?|chips|gpus|accelerators|"
    r"needs?|purchases|procurement|supply|demand|infrastructure|workloads|memory|wafers"
)
_REVENUE = r"revenue|revenues|sales|turnover|income|business|orders"
_OF = re.compile(
    r"\s*(?:share\s+)?of\s+(?:the\s+)?(?P<owner>[\w .&'’-]+?)(?:'s|’s)?\s+"
    r"(?:[\w-]+\s+){0,2}?"
    rf"(?P<what>{_NEED}|{_REVENUE})\b(?P<rest>[^,;]*)"
)
_PRONOUNS = frozenset({"its", "their", "his", "her"})
_TOTAL = rf"budget|commitments?|{_NEED}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Share:
    """A share stated about the pair.

    ``side`` is ``"customer"`` (of the customer's need: the reliance) or ``"supplier"`` (of the
    supplier's revenue); ``total`` is the stated total a committed amount is a part of.
    """

    side: str
    value: float
    text: str
    sentence: str
    total: str | None = None


def _value(q: ClaimQuantity) -> float | None:
    if q.normalized is not None:
        return float(q.normalized)
    if q.value is None:
        return None
    return float(q.value) / (100.0 if q.kind == "percent" else 1.0)


def _named(text: str, names: Sequence[str]) -> bool:
    low = text.casefold()
    return any(re.search(rf"(?<!\w){re.escape(n.casefold())}(?!\w)", low) for n in names if n)


def _side(m: re.Match[str], before: str, customer: Sequence[str], supplier: Sequence[str]):
    owner, revenue = m["owner"].strip(), re.fullmatch(_REVENUE, m["what"]) is not None
    clause = re.split(r"[;:]|,\s", before)[-1]
    if owner.casefold() in _PRONOUNS:
        if not revenue and _named(clause, customer) and _named(m["rest"], supplier):
            return "customer"
        return None
    if revenue and _named(owner, supplier) and _named(clause, customer):
        return "supplier"
    if not revenue and _named(owner, customer) and _named(clause + m["rest"], supplier):
        return "customer"
    return None


def _spend_shares(
    text: str, numbers: Sequence[ClaimQuantity], customer: Sequence[str], supplier: Sequence[str]
) -> list[Share]:
    """Return committed spend over a stated total of the customer's ("$38B of its $100B")."""
    money = [q for q in numbers if q.kind == "money" and q.text and _value(q)]
    out = []
    for part in money:
        at = text.find(part.text)
        for total in money:
            value = _ratio(part, total)
            if value is None or at < 0:
                continue
            m = _frame(total.text).match(text, at + len(part.text))
            if m is not None and _side(m, text[:at], customer, supplier) == "customer":
                out.append(
                    Share(
                        side="customer",
                        value=value,
                        text=part.text,
                        sentence=text,
                        total=total.text,
                    )
                )
    return out


def _ratio(part: ClaimQuantity, total: ClaimQuantity) -> float | None:
    x, t = _value(part), _value(total)
    ok = part is not total and x is not None and t is not None and 0 < x <= t
    return x / t if ok and x is not None and t is not None else None


def _frame(total: str) -> re.Pattern[str]:
    """'of its <total> [in] ... <need>' after the committed amount, the total given."""
    return re.compile(
        r"\s*of\s+(?:the\s+)?(?P<owner>[\w .&'’-]+?)(?:'s|’s)?\s+"
        + re.escape(total)
        + r"\s+(?:in\s+|of\s+)?(?:[\w-]+\s+){0,2}?"
        + rf"(?P<what>{_TOTAL})\b(?P<rest>[^,;]*)"
    )


def stated_shares(c: Claim, *, customer: Sequence[str], supplier: Sequence[str]) -> list[Share]:
    """Return the shares the claim's sentence states about this customer and supplier.

    Parameters
    ----------
    c : Claim
        A claim of the dependency; its sentence numbers (``quantities``, else ``quantity``)
        of kind ``percent`` or ``fraction`` are read.
    customer, supplier : sequence of str
        The names (label, aliases) of the dependent and the provider.

    Returns
    -------
    list of Share
        A customer-side share needs "N% of <customer>'s <need>" (or "of its <need> from
        <supplier>") with the supplier named in the clause, or committed spend over a stated
        total of the customer's ("$38B of its $100B compute budget with <supplier>": 0.38);
        a supplier-side share needs "<customer> ... N% of <supplier>'s <revenue>". Values
        outside (0, 1] are dropped.

    Examples
    --------
    >>> from vendorgraph.analysis.dependencies import Claim, ClaimQuantity
    >>> q = ClaimQuantity(kind="percent", value=60.0, text="60%")
    >>> c = Claim(key="k", subject="a", object="b", predicate="uses", role="deploy",
    ...           evidence="OpenAI gets 60% of its compute from Microsoft.", quantity=q)
    >>> [(s.side, s.value) for s in stated_shares(c, customer=["OpenAI"],
    ...                                            supplier=["Microsoft"])]
    [('customer', 0.6)]
    """
    numbers = c.quantities or (() if c.quantity is None else (c.quantity,))
    text, out = c.evidence, _spend_shares(c.evidence, numbers, customer, supplier)
    for q in numbers:
        value = _value(q) if q.kind in ("percent", "fraction") else None
        at = text.find(q.text) if q.text else -1
        if value is None or not 0.0 < value <= 1.0 or at < 0:
            continue
        m = _OF.match(text, at + len(q.text))
        side = None if m is None else _side(m, text[:at], customer, supplier)
        if side is not None:
            out.append(Share(side=side, value=value, text=q.text, sentence=text))
    return out
