"""watwerkt.stats.bias against metafor 3.8-1 (tests/reference/scripts/bias.R)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import assert_close, load_reference
from watwerkt.errors import StatsInputError
from watwerkt.stats.bias import fail_safe_n, rank_test

REF = load_reference("bias")
DATASETS = ("bcg", "hackshaw1998", "molloy2014", "raudenbush1985", "landenberger2005")
METHODS = ("FE", "DL", "REML", "PM")

#: Our fail_safe_n() arguments for each fsn() call in bias.R.
FSN_CALLS: dict[str, dict[str, object]] = {
    "Rosenthal": {"approach": "Rosenthal"},
    "Rosenthal_alpha01": {"approach": "Rosenthal", "alpha": 0.01},
    "Orwin": {"approach": "Orwin"},
    "Orwin_weighted": {"approach": "Orwin", "weighted": True},
    "Orwin_target": {"approach": "Orwin", "target": "0.1 * sign(mean(yi))"},
    "Rosenberg": {"approach": "Rosenberg"},
}


def data(name: str) -> tuple[np.ndarray, np.ndarray]:
    ds = REF["datasets"][name]
    return np.asarray(ds["yi"], dtype=float), np.asarray(ds["vi"], dtype=float)


# ------------------------------------------------------------------ grid


def test_reference_grid_is_complete() -> None:
    assert set(REF["datasets"]) == set(DATASETS)
    assert tuple(REF["methods"]) == METHODS
    for name in DATASETS:
        assert set(REF["ranktest"][name]) >= {"tau", "pvalue", "ties", "pvalue_normal"}
        for call in FSN_CALLS:
            assert set(REF["fsn"][name][call]) >= {"n", "pvalue", "mean_effect", "target"}
    # both p-value paths of ranktest are covered: exact (no ties) and normal (ties)
    assert {REF["ranktest"][n]["ties"] for n in DATASETS} == {True, False}


# ------------------------------------------------------------- rank test


@pytest.mark.parametrize("name", DATASETS)
def test_rank_test_matches_metafor(name: str) -> None:
    yi, vi = data(name)
    ref = REF["ranktest"][name]
    res = rank_test(yi, vi)
    assert_close(res.statistic, ref["tau"], "statistic", f"{name} tau")
    assert_close(res.pvalue, ref["pvalue"], "pvalue", f"{name} p")
    assert res.exact is (not ref["ties"])
    assert res.k == len(yi)


@pytest.mark.parametrize("name", DATASETS)
def test_rank_test_normal_approximation_matches_metafor(name: str) -> None:
    yi, vi = data(name)
    ref = REF["ranktest"][name]
    res = rank_test(yi, vi, exact=False)
    assert_close(res.statistic, ref["tau"], "statistic", f"{name} tau")
    assert_close(res.pvalue, ref["pvalue_normal"], "pvalue", f"{name} p")
    assert res.exact is False


def test_rank_test_result_is_plain_data() -> None:
    yi, vi = data("bcg")
    res = rank_test(yi, vi)
    d = res.to_dict()
    assert d == {"statistic": res.statistic, "pvalue": res.pvalue, "exact": True, "k": 13}
    json.dumps(d)
    assert "Kendall's tau = 0.0256" in res.summary()
    with pytest.raises(AttributeError):
        res.statistic = 0.0  # type: ignore[misc]


def test_rank_test_too_few_studies() -> None:
    with pytest.raises(StatsInputError) as err:
        rank_test([0.1, 0.2], [0.01, 0.02])
    assert err.value.key == "stats.bias.too_few"
    assert "at least 3" in err.value.render("en")
    assert "minstens 3" in err.value.render("nl")


def test_rank_test_constant_variances() -> None:
    with pytest.raises(StatsInputError) as err:
        rank_test([0.1, 0.2, 0.4], [0.01, 0.01, 0.01])
    assert err.value.key == "stats.bias.constant_ranks"


def test_rank_test_bad_input_names_positions() -> None:
    with pytest.raises(StatsInputError) as err:
        rank_test([0.1, np.nan, 0.4, 0.2], [0.01, 0.02, 0.03, 0.04])
    assert err.value.positions == (1,)
    with pytest.raises(StatsInputError) as err:
        rank_test([0.1, 0.3, 0.4], [0.01, -0.02, 0.03])
    assert err.value.key == "stats.nonpositive_variance"


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(-3, 3, allow_nan=False), st.floats(0.001, 2.0, allow_nan=False)),
        min_size=4,
        max_size=25,
        unique_by=lambda t: t[1],
    ),
    st.randoms(use_true_random=False),
)
def test_rank_test_invariant_to_study_order(rows: list[tuple[float, float]], rnd) -> None:  # type: ignore[no-untyped-def]
    yi = np.array([r[0] for r in rows])
    vi = np.array([r[1] for r in rows])
    w = 1 / vi
    ystar = (yi - np.sum(w * yi) / np.sum(w)) / np.sqrt(vi - 1 / np.sum(w))
    if np.unique(ystar).size == 1:
        return
    order = list(range(len(rows)))
    rnd.shuffle(order)
    a = rank_test(yi, vi)
    b = rank_test(yi[order], vi[order])
    assert a.statistic == pytest.approx(b.statistic, abs=1e-12)
    assert a.pvalue == pytest.approx(b.pvalue, rel=1e-9, abs=1e-12)
    assert -1 <= a.statistic <= 1
    assert 0 <= a.pvalue <= 1


# ------------------------------------------------------------ fail-safe N


@pytest.mark.parametrize("name", DATASETS)
@pytest.mark.parametrize("call", FSN_CALLS)
def test_fail_safe_n_matches_metafor(name: str, call: str) -> None:
    yi, vi = data(name)
    ref = REF["fsn"][name][call]
    kwargs = dict(FSN_CALLS[call])
    if kwargs.get("target") is not None:
        kwargs["target"] = 0.1 * np.sign(np.mean(yi))
    res = fail_safe_n(yi, vi, **kwargs)  # type: ignore[arg-type]
    assert res.n == ref["n"], f"{name} {call}"
    assert isinstance(res.n, int)
    assert_close(res.pvalue, ref["pvalue"], "pvalue", f"{name} {call} p")
    assert_close(res.mean_effect, ref["mean_effect"], "estimate", f"{name} {call} mean")
    assert_close(res.target, ref["target"], "estimate", f"{name} {call} target")
    assert_close(res.alpha, ref["alpha"], "estimate", f"{name} {call} alpha")


def test_fail_safe_n_result_is_plain_data() -> None:
    yi, vi = data("bcg")
    res = fail_safe_n(yi, vi)
    d = res.to_dict()
    assert d["approach"] == "Rosenthal"
    assert d["n"] == 598
    json.dumps(d)
    assert "Fail-safe N: 598" in res.summary()
    assert "Target Effect Size" in fail_safe_n(yi, vi, "Orwin").summary()
    assert "Average Effect Size" in fail_safe_n(yi, vi, "Rosenberg").summary()


def test_fail_safe_n_bad_options() -> None:
    yi, vi = data("bcg")
    with pytest.raises(StatsInputError) as err:
        fail_safe_n(yi, vi, "Fisher")
    assert err.value.key == "stats.bad_option"
    assert "'Rosenthal'" in err.value.render("en")
    with pytest.raises(StatsInputError) as err:
        fail_safe_n(yi, vi, alpha=1.5)
    assert err.value.argument == "alpha"
    with pytest.raises(StatsInputError) as err:
        fail_safe_n(yi, vi, "Orwin", target=0.0)
    assert err.value.key == "stats.bias.zero_target"
