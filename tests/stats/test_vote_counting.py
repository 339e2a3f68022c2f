"""vote_count(): counts, sign test (scipy) and Wilson interval, checked by hand and
against an independent implementation (statsmodels)."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

from watwerkt.errors import StatsInputError
from watwerkt.stats.vote_counting import vote_count


def test_hand_worked_example() -> None:
    # Cochrane Handbook (v6.3) section 12.4.2.3 describes the sign test on the
    # studies with a clear direction and a Wilson interval for the proportion.
    # Worked by hand: 10 of 12 studies positive (one with no clear direction):
    #   p = 2 * [C(12,10) + C(12,11) + C(12,12)] / 2^12 = 2 * 79 / 4096
    res = vote_count([1] * 10 + [-1] * 2 + [0])
    assert (res.k_positive, res.k_negative, res.k_none, res.k_used) == (10, 2, 1, 12)
    assert res.pvalue == pytest.approx(2 * 79 / 4096, rel=1e-12)
    assert res.proportion_positive == pytest.approx(10 / 12)
    # Wilson (1927) score interval, z = 1.959964, n = 12, p = 10/12:
    z, n, p = stats.norm.isf(0.025), 12, 10 / 12
    centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
    half = z / (1 + z**2 / n) * math.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
    assert res.ci_lower == pytest.approx(centre - half, rel=1e-10)
    assert res.ci_upper == pytest.approx(centre + half, rel=1e-10)
    assert round(res.ci_lower, 3) == 0.552
    assert round(res.ci_upper, 3) == 0.953


@settings(max_examples=60, deadline=None)
@given(pos=st.integers(0, 40), neg=st.integers(0, 40), none=st.integers(0, 5),
       level=st.sampled_from([0.8, 0.9, 0.95, 0.99]))
def test_matches_scipy_and_statsmodels(pos: int, neg: int, none: int, level: float) -> None:
    votes = ["positive"] * pos + ["negative"] * neg + ["none"] * none
    assume(votes)
    res = vote_count(votes, level=level)
    if pos + neg == 0:
        assert math.isnan(res.pvalue)
        assert res.k_none == none
        return
    assert res.pvalue == pytest.approx(stats.binomtest(pos, pos + neg).pvalue, rel=1e-12)
    lo, hi = proportion_confint(pos, pos + neg, alpha=1 - level, method="wilson")
    assert res.ci_lower == pytest.approx(lo, rel=1e-9, abs=1e-12)
    assert res.ci_upper == pytest.approx(hi, rel=1e-9, abs=1e-12)


def test_spellings_and_missing() -> None:
    with pytest.warns(UserWarning, match="3"):
        res = vote_count(["Positive", "negatief", "geen", None, "+", -1.0, 0, np.nan])
    assert (res.k_positive, res.k_negative, res.k_none) == (2, 2, 2)
    assert res.omitted == (3, 7)
    assert res.k_total == 8


def test_bad_directions_name_positions() -> None:
    with pytest.raises(StatsInputError) as info:
        vote_count([1, 2, "up", True, -1])
    assert info.value.positions == (1, 2, 3)
    with pytest.raises(StatsInputError, match="directions"):
        vote_count([])
    with pytest.raises(StatsInputError, match="'level'"):
        vote_count([1, -1], level=0)


def test_result_output() -> None:
    res = vote_count([1, 1, -1])
    d = res.to_dict()
    json.dumps(d)
    assert d["k_positive"] == 2
    assert d["omitted"] == []
    assert res.to_frame().shape == (1, 10)
    assert "sign test" in res.summary("en")
    assert "Wilson" in res.summary("en")
