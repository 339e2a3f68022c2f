"""watwerkt.stats.bias against metafor 3.8-1 (tests/reference/scripts/bias.R)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import assert_close, load_reference
from watwerkt.errors import ConvergenceError, StatsInputError
from watwerkt.stats.bias import egger_test, fail_safe_n, rank_test, trim_and_fill

REF = load_reference("bias")
DATASETS = ("bcg", "hackshaw1998", "molloy2014", "raudenbush1985", "landenberger2005")
METHODS = ("FE", "DL", "REML", "PM")
#: Keys of the per-method blocks: metafor method, and "_knha" for test = "knha".
FITS = (*METHODS, "DL_knha", "REML_knha", "PM_knha")
EGGER_OUTPUTS = (
    "statistic",
    "pvalue",
    "df",
    "limit_estimate",
    "limit_ci_lower",
    "limit_ci_upper",
    "slope",
    "slope_se",
    "tau2",
)
#: regtest(model=, predictor=) variants in bias.R; the sample-size ones where ni exists.
EGGER_VARIANTS = ("rma_vi", "rma_ni", "rma_ninv", "rma_sqrtni", "rma_sqrtninv", "lm_sei", "lm_vi")
NI_VARIANTS = {"rma_ni", "rma_ninv", "rma_sqrtni", "rma_sqrtninv"}
TRIMFILL_OUTPUTS = (
    "k0",
    "se_k0",
    "side",
    "p_k0",
    "estimate",
    "se",
    "statistic",
    "pvalue",
    "ci_lower",
    "ci_upper",
    "tau2",
    "yi",
    "vi",
    "fill",
)
#: Tolerance kind per compared output.
KIND = {
    "statistic": "statistic",
    "pvalue": "pvalue",
    "df": "statistic",
    "limit_estimate": "estimate",
    "limit_ci_lower": "ci",
    "limit_ci_upper": "ci",
    "slope": "estimate",
    "slope_se": "se",
    "tau2": "tau2",
    "se_k0": "se",
    "p_k0": "pvalue",
    "estimate": "estimate",
    "se": "se",
    "ci_lower": "ci",
    "ci_upper": "ci",
    "yi": "estimate",
    "vi": "vi",
}


def split(key: str) -> tuple[str, str]:
    method, _, test = key.partition("_")
    return method, test or "z"


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
    for name in DATASETS:
        assert set(REF["egger"][name]) == set(FITS)
        for fit in FITS:
            assert set(REF["egger"][name][fit]) == set(EGGER_OUTPUTS)
        has_ni = REF["datasets"][name]["ni"] is not None
        expected = set(EGGER_VARIANTS) if has_ni else set(EGGER_VARIANTS) - NI_VARIANTS
        assert set(REF["egger_variants"][name]) == expected
        assert set(REF["trimfill"][name]) == set(METHODS)
        for method in METHODS:
            assert set(REF["trimfill"][name][method]) == {"L0", "R0", "Q0"}
            for est in ("L0", "R0", "Q0"):
                assert set(REF["trimfill"][name][method][est]) == set(TRIMFILL_OUTPUTS)
        assert set(REF["trimfill_side"][name]) == {"left", "right"}
    assert set(REF["trimfill_errors"]) == {"pritz1997"}
    assert sum(REF["datasets"][n]["ni"] is not None for n in DATASETS) >= 4
    # trim-and-fill imputes studies on both sides somewhere in the grid
    sides = {
        ref["side"]
        for name in DATASETS
        for method in METHODS
        for ref in REF["trimfill"][name][method].values()
        if ref["k0"] > 0
    }
    assert sides == {"left", "right"}


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
    assert "Kendall's tau = 0.0256" in res.summary("en")
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
    assert "Fail-safe N: 598" in res.summary("en")
    assert "Target Effect Size" in fail_safe_n(yi, vi, "Orwin").summary("en")
    assert "Average Effect Size" in fail_safe_n(yi, vi, "Rosenberg").summary("en")


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


# ----------------------------------------------------------- Egger's test


@pytest.mark.parametrize("name", DATASETS)
@pytest.mark.parametrize("fit", FITS)
def test_egger_test_matches_metafor_regtest(name: str, fit: str) -> None:
    yi, vi = data(name)
    method, test = split(fit)
    ref = REF["egger"][name][fit]
    res = egger_test(yi, vi, method, test)
    for out in EGGER_OUTPUTS:
        assert_close(getattr(res, out), ref[out], KIND[out], f"{name} {fit} {out}")
    assert (res.model, res.predictor, res.method, res.test) == ("rma", "sei", method, test)
    assert res.k == len(yi)


@pytest.mark.parametrize("name", DATASETS)
@pytest.mark.parametrize("variant", EGGER_VARIANTS)
def test_egger_test_variants_match_metafor(name: str, variant: str) -> None:
    if variant not in REF["egger_variants"][name]:
        # no sample sizes in this dataset: the predictor must refuse, not guess
        assert REF["datasets"][name]["ni"] is None
        model, predictor = variant.split("_")
        yi, vi = data(name)
        with pytest.raises(StatsInputError) as err:
            egger_test(yi, vi, predictor=predictor, model=model)
        assert err.value.key == "stats.bias.no_sample_sizes"
        return
    yi, vi = data(name)
    ref = REF["egger_variants"][name][variant]
    res = egger_test(
        yi,
        vi,
        "REML",
        predictor=ref["predictor"],
        model=ref["model"],
        ni=REF["datasets"][name]["ni"],
    )
    for out in ("statistic", "pvalue", "df", "limit_estimate", "limit_ci_lower", "limit_ci_upper"):
        assert_close(getattr(res, out), ref[out], KIND[out], f"{name} {variant} {out}")


def test_egger_test_result_is_plain_data() -> None:
    yi, vi = data("bcg")
    res = egger_test(yi, vi)
    d = res.to_dict()
    assert set(d) >= set(EGGER_OUTPUTS) | {"model", "predictor", "method", "test", "level", "k"}
    json.dumps(d)
    text = res.summary("en")
    assert "Regression Test for Funnel Plot Asymmetry" in text
    assert "z = -0.8033" in text
    assert "Limit Estimate" in text
    assert "t(11)" in egger_test(yi, vi, model="lm").summary("en")


def test_egger_test_too_few_studies() -> None:
    with pytest.raises(StatsInputError) as err:
        egger_test([0.1, 0.2], [0.01, 0.02])
    assert err.value.key == "stats.bias.too_few"
    assert err.value.params["minimum"] == 3
    assert err.value.render("en") == "egger_test() needs at least 3 studies; got 2."


def test_egger_test_bad_options_and_inputs() -> None:
    yi, vi = data("bcg")
    with pytest.raises(StatsInputError) as err:
        egger_test(yi, vi, predictor="se")
    assert err.value.key == "stats.bad_option"
    assert err.value.argument == "predictor"
    with pytest.raises(StatsInputError) as err:
        egger_test(yi, vi, model="glm")
    assert err.value.argument == "model"
    with pytest.raises(StatsInputError) as err:
        egger_test(yi, vi, predictor="ni", ni=[10] * 12)
    assert err.value.key == "stats.length_mismatch"
    with pytest.raises(StatsInputError) as err:
        egger_test(yi, vi, predictor="ni", ni=[10] * 12 + [0])
    assert err.value.positions == (12,)
    with pytest.raises(StatsInputError) as err:
        egger_test([0.1, 0.3, 0.2, 0.5], [0.02] * 4)
    assert err.value.key == "stats.bias.constant_predictor"


# ------------------------------------------------------------ trim and fill


@pytest.mark.parametrize("name", DATASETS)
@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("estimator", ["L0", "R0", "Q0"])
def test_trim_and_fill_matches_metafor(name: str, method: str, estimator: str) -> None:
    yi, vi = data(name)
    ref = REF["trimfill"][name][method][estimator]
    res = trim_and_fill(yi, vi, method, estimator=estimator)
    what = f"{name} {method} {estimator}"
    assert res.k0 == ref["k0"], what
    assert res.side == ref["side"], what
    assert res.fill.tolist() == ref["fill"], what
    for out in TRIMFILL_OUTPUTS:
        if out not in {"k0", "side", "fill"}:
            assert_close(getattr(res, out), ref[out], KIND[out], f"{what} {out}")
    assert res.filled.k == len(yi) + res.k0
    assert res.estimate == res.filled.estimate


@pytest.mark.parametrize("name", DATASETS)
@pytest.mark.parametrize("side", ["left", "right"])
def test_trim_and_fill_given_side_matches_metafor(name: str, side: str) -> None:
    yi, vi = data(name)
    ref = REF["trimfill_side"][name][side]
    res = trim_and_fill(yi, vi, "REML", side=side)
    assert res.k0 == ref["k0"]
    assert res.side == side
    for out in ("se_k0", "estimate", "se", "ci_lower", "ci_upper", "tau2"):
        assert_close(getattr(res, out), ref[out], KIND[out], f"{name} {side} {out}")


def test_trim_and_fill_result_is_plain_data() -> None:
    yi, vi = data("hackshaw1998")
    res = trim_and_fill(yi, vi, "FE")
    d = res.to_dict()
    json.dumps(d)
    assert d["k0"] == 7
    assert d["side"] == "left"
    assert isinstance(d["filled"], dict)
    assert d["fill"].count(True) == 7
    frame = res.to_frame()
    assert list(frame.columns) == ["yi", "vi", "fill"]
    assert len(frame) == 44
    assert "missing studies on the left side: 7" in res.summary("en")


def test_trim_and_fill_no_missing_studies_returns_the_original_fit() -> None:
    yi, vi = data("bcg")
    res = trim_and_fill(yi, vi, "PM")
    assert res.k0 == 0
    assert not res.fill.any()
    np.testing.assert_array_equal(res.yi, yi)


def test_trim_and_fill_errors() -> None:
    yi, vi = data("hackshaw1998")
    with pytest.raises(ConvergenceError) as err:
        trim_and_fill(yi, vi, "FE", maxiter=1)
    assert err.value.key == "stats.bias.trimfill_no_convergence"
    with pytest.raises(StatsInputError) as err2:
        trim_and_fill(yi, vi, side="up")
    assert err2.value.argument == "side"
    with pytest.raises(StatsInputError) as err2:
        trim_and_fill(yi, vi, estimator="L1")
    assert err2.value.argument == "estimator"
    with pytest.raises(StatsInputError) as err2:
        trim_and_fill([0.1, 0.2], [0.01, 0.02])
    assert err2.value.key == "stats.bias.too_few"


def test_trim_and_fill_q0_undefined_where_metafor_stops() -> None:
    ref = REF["trimfill_errors"]["pritz1997"]
    assert ref["error"] != "none"  # metafor's trimfill() fails on these data
    with pytest.raises(StatsInputError) as err:
        trim_and_fill(ref["yi"], ref["vi"], ref["method"], estimator=ref["estimator"])
    assert err.value.key == "stats.bias.q0_undefined"
    assert "estimator='L0'" in err.value.render("en")
    # the other estimators still work on the same data
    assert trim_and_fill(ref["yi"], ref["vi"], "FE", estimator="L0").k0 == 6


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(-2, 2, allow_nan=False), st.floats(0.01, 1.0, allow_nan=False)),
        min_size=5,
        max_size=15,
        unique_by=(lambda t: t[0], lambda t: t[1]),
    )
)
def test_trim_and_fill_mirror_symmetry(rows: list[tuple[float, float]]) -> None:
    """Reflecting every effect (y -> -y) reflects the side and the filled estimate."""
    yi = np.array([r[0] for r in rows])
    vi = np.array([r[1] for r in rows])
    a = trim_and_fill(yi, vi, "FE", side="left")
    b = trim_and_fill(-yi, vi, "FE", side="right")
    assert a.k0 == b.k0
    assert a.estimate == pytest.approx(-b.estimate, abs=1e-9)
    assert 0 <= a.k0 <= len(yi)
