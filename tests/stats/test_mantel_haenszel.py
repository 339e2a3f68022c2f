"""mantel_haenszel() and peto() against metafor 3.8-1 rma.mh() / rma.peto()."""

from __future__ import annotations

import json
import math
import warnings
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import assert_close, load_reference
from watwerkt.errors import StatsInputError
from watwerkt.stats.mantel_haenszel import (
    MantelHaenszelResult,
    PetoResult,
    mantel_haenszel,
    peto,
)

REF = load_reference("mantel_haenszel")
CASES = REF["cases"]
DATASETS = {"dat.bcg", "dat.nielweise2007", "dat.hine1989", "dat.gibson2002"}


def _fit(case: dict[str, Any]) -> MantelHaenszelResult | PetoResult:
    args = {k: np.asarray([np.nan if v is None else v for v in vals], dtype=float)
            for k, vals in case["args"].items()}
    opts = dict(case["options"] or {})
    with warnings.catch_warnings():
        # omitted tables / double-zero studies warn; asserted in dedicated tests below
        warnings.simplefilter("ignore", UserWarning)
        if case["method"] == "PETO":
            return peto(**args, **opts)
        return mantel_haenszel(**args, **opts)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_matches_metafor(case: dict[str, Any]) -> None:
    res = _fit(case)
    assert res.k_used == case["k"]
    assert res.k_q == case["k_yi"]
    assert res.k_total == case["k_all"]
    assert_close(res.estimate, case["estimate"], "estimate", case["id"])
    assert_close(res.se, case["se"], "se", case["id"])
    assert_close(res.statistic, case["zval"], "statistic", case["id"])
    assert_close(res.pvalue, case["pval"], "pvalue", case["id"])
    assert_close(res.ci_lower, case["ci_lb"], "ci", case["id"])
    assert_close(res.ci_upper, case["ci_ub"], "ci", case["id"])
    assert_close(res.q, case["QE"], "q", case["id"])
    assert_close(res.q_pvalue, case["QEp"], "pvalue", case["id"])
    assert_close(res.i2, case["I2"], "i2", case["id"])
    assert_close(res.h2, case["H2"], "q", case["id"])
    if case["measure"] in ("OR", "RR", "PETO"):
        for field, key, kind in (("estimate_exp", "estimate", "estimate"),
                                 ("ci_lower_exp", "ci_lb", "ci"), ("ci_upper_exp", "ci_ub", "ci")):
            expected = None if case[key] is None else math.exp(case[key])
            assert_close(getattr(res, field), expected, kind, case["id"])
    if case["measure"] == "OR" and case["method"] == "MH":
        assert isinstance(res, MantelHaenszelResult)
        assert_close(res.cmh, case["MH"], "statistic", case["id"])
        assert_close(res.cmh_pvalue, case["MHp"], "pvalue", case["id"])
        assert_close(res.tarone, case["TA"], "statistic", case["id"])
        assert_close(res.tarone_pvalue, case["TAp"], "pvalue", case["id"])
        assert res.tarone_df == max(case["k_pos"] - 1, 0)


def test_reference_grid_is_complete() -> None:
    grid = {(c["dataset"], c["method"], c["measure"]) for c in CASES}
    for ds in DATASETS:
        for m in ("OR", "RR", "RD"):
            assert (ds, "MH", m) in grid
        assert (ds, "PETO", "PETO") in grid
    ids = {c["id"] for c in CASES}
    assert {"bcg_MH_OR_level90", "nielweise2007_MH_OR_nocorrect",
            "nielweise2007_PETO_level90"} <= ids
    # the grid includes zero cells, a double-zero study and tables with missing cells
    nw = next(c for c in CASES if c["id"] == "nielweise2007_MH_OR")
    assert nw["k_yi"] < nw["k"]
    gb = next(c for c in CASES if c["id"] == "gibson2002_MH_OR")
    assert gb["k"] < gb["k_all"]
    # a subset with no events in one arm: MH OR/RR not estimable, Peto is
    assert next(c for c in CASES if c["id"] == "nielweise2007zero_MH_OR")["estimate"] is None
    assert next(c for c in CASES if c["id"] == "nielweise2007zero_PETO")["estimate"] is not None


def _nielweise() -> dict[str, Any]:
    case = next(c for c in CASES if c["id"] == "nielweise2007_MH_OR")
    return {k: np.asarray(v, dtype=float) for k, v in case["args"].items()}


def test_double_zero_study_leaves_only_the_q_test_with_warning() -> None:
    tab = _nielweise()
    with pytest.warns(UserWarning, match="14"):
        res = mantel_haenszel(**tab)
    assert res.omitted == ()
    assert res.omitted_q == (14,)
    assert res.k_used == 18
    assert res.q_df == 16


def test_tables_with_missing_cells_are_omitted_with_warning() -> None:
    case = next(c for c in CASES if c["id"] == "gibson2002_PETO")
    tab = {k: np.asarray([np.nan if v is None else v for v in vals], dtype=float)
           for k, vals in case["args"].items()}
    with pytest.warns(UserWarning, match="weggelaten|left out") as record:
        res = peto(**tab)
    assert len(record) == 1
    expected = tuple(i for i, v in enumerate(case["args"]["ai"]) if v is None)
    assert res.omitted == expected
    assert res.k_used + len(res.omitted) == res.k_total


def test_group_sizes_instead_of_non_events() -> None:
    a, b, c, d = [4, 6, 3], [119, 300, 228], [11, 29, 11], [128, 274, 209]
    r1 = mantel_haenszel(a, b, c, d, measure="RR")
    r2 = mantel_haenszel(a, ci=c, n1i=np.add(a, b), n2i=np.add(c, d), measure="RR")
    assert r1 == r2


def test_result_serialises_and_summarises() -> None:
    res = mantel_haenszel([4, 6, 3], [119, 300, 228], [11, 29, 11], [128, 274, 209])
    d = res.to_dict()
    json.dumps(d)
    assert d["k_used"] == 3
    assert d["omitted"] == []
    assert isinstance(d["estimate"], float)
    assert res.to_frame().shape[0] == 1
    text = res.summary("en")
    assert "Cochran-Mantel-Haenszel" in text
    assert "Tarone" in text
    p = peto([4, 6, 3], [119, 300, 228], [11, 29, 11], [128, 274, 209])
    assert p.to_dict()["measure"] == "PETO"
    assert "Peto" in p.summary("en")
    rd = mantel_haenszel([4, 6, 3], [119, 300, 228], [11, 29, 11], [128, 274, 209], measure="RD")
    assert math.isnan(rd.estimate_exp)
    assert math.isnan(rd.cmh)
    assert "OR scale" not in rd.summary("en")


def test_bad_input() -> None:
    with pytest.raises(StatsInputError, match="'measure'"):
        mantel_haenszel([1], [2], [3], [4], measure="SMD")
    with pytest.raises(StatsInputError) as info:
        mantel_haenszel([1, -2], [2, 3], [3, 3], [4, 4])
    assert info.value.argument == "ai"
    assert info.value.positions == (1,)
    with pytest.raises(StatsInputError, match="'level'"):
        peto([1], [2], [3], [4], level=0)
    with pytest.raises(StatsInputError, match="Peto"), pytest.warns(UserWarning, match="0, 1"):
        peto([0, 0], [5, 6], [0, 0], [5, 7])
    with pytest.raises(StatsInputError, match=r"'bi \| n1i'"):
        peto([1], ci=[3], di=[4])


@settings(max_examples=50, deadline=None)
@given(perm=st.permutations(list(range(13))))
def test_pooled_result_invariant_to_study_order(perm: list[int]) -> None:
    case = next(c for c in CASES if c["id"] == "bcg_MH_OR")
    tab = {k: np.asarray(v, dtype=float) for k, v in case["args"].items()}
    shuffled = {k: v[perm] for k, v in tab.items()}
    a, b = mantel_haenszel(**tab), mantel_haenszel(**shuffled)
    for field in ("estimate", "se", "q", "cmh", "tarone"):
        assert math.isclose(getattr(a, field), getattr(b, field), rel_tol=1e-12)
    p, q = peto(**tab), peto(**shuffled)
    assert math.isclose(p.estimate, q.estimate, rel_tol=1e-12)
    assert math.isclose(p.q, q.q, rel_tol=1e-12)


def test_measure_may_be_given_positionally_as_in_the_issue() -> None:
    """The issue's signature is ``mantel_haenszel(ai, bi, ci, di, measure)``."""
    from watwerkt.stats import mantel_haenszel

    cells = ([4, 6, 3], [119, 300, 228], [11, 29, 11], [128, 274, 209])
    assert mantel_haenszel(*cells, "RR").estimate == mantel_haenszel(*cells, measure="RR").estimate
    assert mantel_haenszel(*cells, "RR").estimate != mantel_haenszel(*cells, "OR").estimate
