"""Conversions: against metafor (escalc with ti=, OR2DL, D2ORL), Borenstein et al.
(2009) ch. 7 worked examples, and inverse-pair property tests."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import assert_close, load_reference
from watwerkt.errors import StatsInputError
from watwerkt.stats.effect_sizes import conversions as cv

CONV = load_reference("effect_sizes")["conversions"]


def _a(values: list[Any]) -> Any:
    return np.asarray([np.nan if v is None else v for v in values], dtype=float)


def test_reference_covers_every_metafor_checked_conversion() -> None:
    assert set(CONV) == {"smd_from_t", "smd_from_f", "smd_from_p", "log_or_to_smd",
                         "smd_to_log_or"}


def test_smd_from_t_matches_escalc_ti() -> None:
    ref = CONV["smd_from_t"]
    out = cv.smd_from_t(_a(ref["ti"]), _a(ref["n1i"]), _a(ref["n2i"]))
    assert_close(out["yi"], ref["yi"], "yi")
    assert_close(out["vi"], ref["vi"], "vi")


def test_smd_from_f_matches_escalc_ti() -> None:
    ref = CONV["smd_from_f"]
    out = cv.smd_from_f(_a(ref["fi"]), _a(ref["n1i"]), _a(ref["n2i"]), _a(ref["direction"]))
    assert_close(out["yi"], ref["yi"], "yi")
    assert_close(out["vi"], ref["vi"], "vi")


def test_smd_from_p_matches_escalc_with_t_from_qt() -> None:
    ref = CONV["smd_from_p"]
    out = cv.smd_from_p(_a(ref["pi"]), _a(ref["n1i"]), _a(ref["n2i"]), _a(ref["direction"]))
    assert_close(out["yi"], ref["yi"], "yi")
    assert_close(out["vi"], ref["vi"], "vi")


@pytest.mark.parametrize(("name", "fn"), [("log_or_to_smd", cv.log_or_to_smd),
                                          ("smd_to_log_or", cv.smd_to_log_or)])
def test_logit_method_matches_escalc(name: str, fn: Any) -> None:
    ref = CONV[name]
    out = fn(_a(ref["yi_in"]), _a(ref["vi_in"]))
    assert_close(out["yi"], ref["yi"], "yi")
    assert_close(out["vi"], ref["vi"], "vi")


# Borenstein, Hedges, Higgins & Rothstein (2009), Introduction to Meta-Analysis,
# ch. 7 "Converting among effect sizes", worked examples (printed to 4 decimals):
# log OR 0.9069 (V 0.0676) -> d 0.5000 (V 0.0205); d 0.5000 (V 0.0205) -> log OR
# 0.9069 (V 0.0674); d 0.5000 (V 0.0205, n1 = n2 so a = 4) -> r 0.2425 (V 0.0043);
# r 0.50 (V 0.0058) -> d 1.1547 (V 0.0550).
@pytest.mark.parametrize(
    ("fn", "yi", "vi", "exp_yi", "exp_vi"),
    [
        (cv.log_or_to_smd, 0.9069, 0.0676, 0.5000, 0.0205),
        (cv.smd_to_log_or, 0.5000, 0.0205, 0.9069, 0.0674),
        (cv.smd_to_r, 0.5000, 0.0205, 0.2425, 0.0043),
        (cv.r_to_smd, 0.50, 0.0058, 1.1547, 0.0550),
    ],
)
def test_borenstein_worked_examples(fn: Any, yi: float, vi: float, exp_yi: float,
                                    exp_vi: float) -> None:
    out = fn([yi], [vi])
    assert round(float(out["yi"][0]), 4) == exp_yi
    assert round(float(out["vi"][0]), 4) == exp_vi


def test_equal_groups_give_a_equal_4() -> None:
    a = cv.smd_to_r([0.3, -0.8], [0.04, 0.05], n1i=[50, 20], n2i=[50, 20])
    b = cv.smd_to_r([0.3, -0.8], [0.04, 0.05])
    np.testing.assert_allclose(a[["yi", "vi"]], b[["yi", "vi"]], rtol=1e-14)


def test_missing_inputs_give_nan_rows_with_notes() -> None:
    out = cv.smd_from_t([2.0, None, 1.0], [10, 10, None], [12, 12, 12])
    assert list(out["note"]) == ["", "missing:ti", "missing:n1i"]
    assert np.isnan(out["yi"][1:]).all()
    out = cv.smd_to_r([0.2, 0.3], [0.01, None], n1i=[None, 5], n2i=[5, 5])
    assert list(out["note"]) == ["missing:n1i", "missing:vi"]


def test_bad_conversion_input() -> None:
    with pytest.raises(StatsInputError) as info:
        cv.smd_from_p([0.5, 0.0, 1.2], [10, 10, 10], [10, 10, 10], [1, 1, 1])
    assert info.value.argument == "pi"
    assert info.value.positions == (1, 2)
    with pytest.raises(StatsInputError) as info:
        cv.smd_from_f([4.0, 4.0], [10, 10], [10, 10], [1, 0])
    assert info.value.positions == (1,)
    with pytest.raises(StatsInputError, match="'fi'"):
        cv.smd_from_f([-1.0], [10], [10], [1])
    with pytest.raises(StatsInputError, match="'yi'"):
        cv.r_to_smd([1.5], [0.01])
    with pytest.raises(StatsInputError, match="'vi'"):
        cv.smd_to_log_or([0.5], [-0.01])
    with pytest.raises(StatsInputError, match="'n2i'"):
        cv.smd_from_t([1.0], [10], [0.5])
    with pytest.raises(StatsInputError, match="'n1i'"):
        cv.smd_from_t([1.0], None, [10])


def test_perfect_correlation_is_not_computable() -> None:
    out = cv.r_to_smd([1.0, 0.2], [0.01, 0.01])
    assert list(out["note"]) == ["not_computable", ""]


smd = st.floats(-3, 3, allow_nan=False)
var = st.floats(1e-3, 1.0, allow_nan=False)
size = st.integers(2, 500)


@settings(max_examples=75, deadline=None)
@given(d=smd, v=var, n1=size, n2=size)
def test_smd_r_roundtrip(d: float, v: float, n1: int, n2: int) -> None:
    r = cv.smd_to_r([d], [v], [n1], [n2])
    back = cv.r_to_smd(r["yi"], r["vi"], [n1], [n2])
    assert math.isclose(back["yi"][0], d, rel_tol=1e-9, abs_tol=1e-12)
    assert math.isclose(back["vi"][0], v, rel_tol=1e-9)


@settings(max_examples=75, deadline=None)
@given(d=smd, v=var)
def test_smd_log_or_roundtrip(d: float, v: float) -> None:
    lor = cv.smd_to_log_or([d], [v])
    back = cv.log_or_to_smd(lor["yi"], lor["vi"])
    assert math.isclose(back["yi"][0], d, rel_tol=1e-12, abs_tol=1e-15)
    assert math.isclose(back["vi"][0], v, rel_tol=1e-12)


@settings(max_examples=75, deadline=None)
@given(r=st.floats(-0.95, 0.95, allow_nan=False), v=var)
def test_r_smd_log_or_chain_returns_input(r: float, v: float) -> None:
    d = cv.r_to_smd([r], [v])
    lor = cv.smd_to_log_or(d["yi"], d["vi"])
    d2 = cv.log_or_to_smd(lor["yi"], lor["vi"])
    r2 = cv.smd_to_r(d2["yi"], d2["vi"])
    assert math.isclose(r2["yi"][0], r, rel_tol=1e-9, abs_tol=1e-12)
    assert math.isclose(r2["vi"][0], v, rel_tol=1e-9)


@settings(max_examples=50, deadline=None)
@given(t=st.floats(-8, 8, allow_nan=False).filter(lambda x: abs(x) > 1e-3),
       n1=st.integers(3, 300), n2=st.integers(3, 300))
def test_t_f_p_agree(t: float, n1: int, n2: int) -> None:
    from scipy import stats

    a = cv.smd_from_t([t], [n1], [n2])
    b = cv.smd_from_f([t * t], [n1], [n2], [math.copysign(1, t)])
    p = 2 * stats.t.sf(abs(t), n1 + n2 - 2)
    c = cv.smd_from_p([p], [n1], [n2], [math.copysign(1, t)])
    assert math.isclose(a["yi"][0], b["yi"][0], rel_tol=1e-12)
    assert math.isclose(a["yi"][0], c["yi"][0], rel_tol=1e-6)
