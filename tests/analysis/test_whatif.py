from __future__ import annotations

import pytest

from tests.analysis.graphs import supply_chain
from vendorgraph.analysis.whatif import whatif
from vendorgraph.errors import InputError, UnknownEntityError

C = 0.255  # all-prior switching cost; reliance 1, so D = .255 on every bare edge


def test_remove_is_full_shock_hand_computed():
    w = whatif(supply_chain(("a", "b"), ("b", "c")), remove=["c"])
    assert w.row("b").distress == pytest.approx(C)
    assert w.row("a").distress == pytest.approx(C * C)
    assert w.loss == pytest.approx(C + C * C)  # company-equivalents (v = 1)
    # c's supply is gone: it exerts no lock-in after; b keeps its own
    assert w.row("c").after == 0.0 and w.row("c").delta < 0
    assert w.row("b").after == pytest.approx(w.row("b").before)


def test_cut_is_partial_shock():
    w = whatif(supply_chain(("a", "b")), cut={"b": 0.3})
    assert w.row("a").distress == pytest.approx(0.3 * C)
    assert w.row("b").after == pytest.approx(0.7 * w.row("b").before)


def test_substitute_moves_dependence_to_another_supplier():
    G = supply_chain(("a", "b"), ("a", "k"))
    w = whatif(G, substitute=[("a", "b", "k", 0.5)], remove=["b"])
    # W[b,a] = .255 * .5; W[k,a] = .255 + .5 * .255 * .255
    assert w.row("a").distress == pytest.approx(0.5 * C)
    assert w.row("k").after == pytest.approx(C + 0.5 * C * C)


def test_scenario_errors_name_the_bad_value():
    G = supply_chain(("a", "b"))
    with pytest.raises(UnknownEntityError, match="company 'zz' is not in"):
        whatif(G, remove=["zz"])
    with pytest.raises(InputError, match=r"cut of 'b' is 1\.5"):
        whatif(G, cut={"b": 1.5})
