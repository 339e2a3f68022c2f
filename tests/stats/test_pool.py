"""meta_analysis against metafor 3.8 rma(), confint() and predict() (scripts/pooling.R)."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2

from tests.conftest import assert_close, load_reference
from watwerkt.errors import StatsInputError
from watwerkt.messages import set_language
from watwerkt.stats import FitControl, MetaResult, meta_analysis

REF = load_reference("pooling")
METHODS = ("FE", "DL", "HE", "HS", "SJ", "ML", "REML", "EB", "PM")
TESTS = ("z", "knha")
DATASETS = (
    "bcg",
    "raudenbush1985",
    "molloy2014",
    "normand1999",
    "hackshaw1998",
    "landenberger2005",
    "bcg_k1",
    "bcg_k2",
)
#: Our option names -> metafor's rma(method=, test=) spellings (here identical; the
#: map documents that and must cover every option we offer).
METAFOR_NAMES = {**{m: m for m in METHODS}, "z": "z", "knha": "knha"}

#: Output -> tolerance kind.
KINDS = {
    "estimate": "estimate",
    "se": "se",
    "statistic": "statistic",
    "pvalue": "pvalue",
    "ci_lower": "ci",
    "ci_upper": "ci",
    "pi_lower": "ci",
    "pi_upper": "ci",
    "tau2": "tau2",
    "tau2_se": "se",
    "tau2_ci_lower": "ci",
    "tau2_ci_upper": "ci",
    "i2": "i2",
    "i2_ci_lower": "i2",
    "i2_ci_upper": "i2",
    "h2": "q",
    "h2_ci_lower": "q",
    "h2_ci_upper": "q",
    "q": "q",
    "q_pvalue": "pvalue",
}

CASES = [(d, m, t) for d in DATASETS for m in METHODS for t in TESTS]


def _fit(dataset: str, method: str, test: str) -> MetaResult:
    data = REF["pool"][dataset]
    if test == "knha" and dataset == "bcg_k1":
        with pytest.warns(UserWarning, match="k = 1"):
            return meta_analysis(data["yi"], data["vi"], method=method, test=test)
    if test == "knha" and method == "FE":
        with pytest.warns(UserWarning, match="Knapp"):
            return meta_analysis(data["yi"], data["vi"], method=method, test=test)
    return meta_analysis(data["yi"], data["vi"], method=method, test=test)


def test_reference_grid_is_complete() -> None:
    assert set(REF["pool"]) == set(DATASETS)
    for dataset in DATASETS:
        fits = REF["pool"][dataset]["fits"]
        assert set(fits) == {f"{m}_{t}" for m in METHODS for t in TESTS}
        for fit in fits.values():
            assert set(KINDS) | {"k", "q_df", "test"} <= set(fit)
    assert set(METAFOR_NAMES) == set(METHODS) | set(TESTS)


@pytest.mark.parametrize(("dataset", "method", "test"), CASES)
def test_matches_metafor(dataset: str, method: str, test: str) -> None:
    expected = REF["pool"][dataset]["fits"][f"{method}_{test}"]
    res = _fit(dataset, method, test)
    assert res.k == expected["k"]
    assert res.q_df == expected["q_df"]
    assert res.test == expected["test"]
    assert res.converged
    for name, kind in KINDS.items():
        if name in ("tau2_ci_upper", "i2_ci_upper", "h2_ci_upper") and _at_metafor_limit(expected):
            continue  # checked by test_q_profile_beyond_metafor_search_limit
        assert_close(getattr(res, name), expected[name], kind, f"{dataset} {method} {test} {name}")


def _at_metafor_limit(expected: dict[str, float]) -> bool:
    """True where confint() stopped at its search limit max(100, 10 tau2) (a '>' bound)."""
    ub = expected["tau2_ci_upper"]
    return ub is not None and ub == max(100.0, 10.0 * expected["tau2"])


LIMIT_CASES = [
    (d, m, t) for d, m, t in CASES if _at_metafor_limit(REF["pool"][d]["fits"][f"{m}_{t}"])
]


def test_q_profile_limit_cases_exist() -> None:
    # normand1999 (MD in days: tau2 in the hundreds) and k = 2 (one df): a bound at the limit
    assert {d for d, _, _ in LIMIT_CASES} == {"normand1999", "bcg_k2"}


@pytest.mark.parametrize(("dataset", "method", "test"), LIMIT_CASES)
def test_q_profile_beyond_metafor_search_limit(dataset: str, method: str, test: str) -> None:
    # metafor reports "> limit"; we search on and return the root itself: Q(ub) equals
    # the lower chi-square critical value, and the bound lies above metafor's limit.
    expected = REF["pool"][dataset]["fits"][f"{method}_{test}"]
    res = _fit(dataset, method, test)
    assert res.tau2_ci_upper > expected["tau2_ci_upper"]
    y, v = np.asarray(res.yi), np.asarray(res.vi)
    w = 1 / (v + res.tau2_ci_upper)
    q = float(np.sum(w * (y - np.sum(w * y) / np.sum(w)) ** 2))
    assert q == pytest.approx(chi2.ppf(0.025, res.k - 1), rel=1e-9)


def test_k1_behaves_as_metafor() -> None:
    data = REF["pool"]["bcg_k1"]
    res = meta_analysis(data["yi"], data["vi"], method="REML")
    assert res.tau2 == 0
    assert math.isnan(res.tau2_se)
    assert (res.q, res.q_df, res.q_pvalue, res.i2, res.h2) == (0.0, 0, 1.0, 0.0, 1.0)
    assert res.pi_lower == res.ci_lower


def test_fixed_tau2_as_metafor_tau2_argument() -> None:
    data = REF["pool"]["bcg"]
    res = meta_analysis(data["yi"], data["vi"], method="DL", tau2=0.3)
    expected = REF["pool"]["bcg"]["fits"]["DL_z"]
    assert res.tau2 == 0.3
    assert math.isnan(res.tau2_ci_lower)
    assert res.iterations == 0
    w = 1 / (np.asarray(data["vi"]) + 0.3)
    assert res.estimate == pytest.approx(np.sum(w * np.asarray(data["yi"])) / np.sum(w), rel=1e-12)
    assert res.q == pytest.approx(expected["q"], rel=1e-12)  # Q does not depend on tau2


FIXED_KINDS = {
    "estimate": "estimate",
    "se": "se",
    "pvalue": "pvalue",
    "ci_lower": "ci",
    "ci_upper": "ci",
    "pi_lower": "ci",
    "pi_upper": "ci",
    "tau2": "tau2",
    "tau2_se": "se",
    "i2": "i2",
    "h2": "q",
}


def test_fixed_tau2_grid_is_complete() -> None:
    assert set(REF["fixed_tau2"]) == {f"{m}_{t}" for m in METHODS[1:] for t in TESTS}


@pytest.mark.parametrize(("method", "test"), [(m, t) for m in METHODS[1:] for t in TESTS])
def test_fixed_tau2_matches_metafor(method: str, test: str) -> None:
    # rma(..., tau2 = 0.3): the method only decides the standard error of tau2
    expected = REF["fixed_tau2"][f"{method}_{test}"]
    data = REF["pool"]["bcg"]
    res = meta_analysis(data["yi"], data["vi"], method=method, test=test, tau2=0.3)
    for name, kind in FIXED_KINDS.items():
        assert_close(getattr(res, name), expected[name], kind, f"fixed {method} {test} {name}")
    assert np.isnan(res.tau2_ci_lower)


def test_result_to_dict_to_frame_and_summary() -> None:
    data = REF["pool"]["bcg"]
    res = meta_analysis(data["yi"], data["vi"], method="REML", test="knha")
    d = res.to_dict()
    assert "yi" not in d
    assert "weights" not in d
    assert d["omitted"] == []
    assert all(type(v) in (int, float, str, bool, list) for v in d.values())
    json.dumps(d)  # JSON-ready (NaN allowed by Python's json)
    frame = res.to_frame()
    assert isinstance(frame, pd.DataFrame)
    assert frame.shape == (1, len(d))
    assert list(frame.columns) == list(d)
    text = res.summary("en")
    assert "Random-effects model (k = 13; tau^2 estimator: REML)" in text
    assert "tval" in text
    assert f"{res.estimate:.4f}" in text
    assert res.weights.shape == (13,)


def test_level_changes_intervals_only() -> None:
    data = REF["pool"]["bcg"]
    a = meta_analysis(data["yi"], data["vi"], level=0.95)
    b = meta_analysis(data["yi"], data["vi"], level=90)
    assert b.level == pytest.approx(0.90)
    assert a.estimate == b.estimate
    assert b.ci_upper - b.ci_lower < a.ci_upper - a.ci_lower
    assert b.tau2_ci_upper < a.tau2_ci_upper


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"method": "RML"}, "method"),
        ({"test": "t"}, "test"),
        ({"level": 0}, "level"),
        ({"tau2": -1.0}, "tau2"),
        ({"control": {"maxiter": 5}}, "control"),
    ],
)
def test_bad_options_raise(kwargs: dict[str, object], argument: str) -> None:
    with pytest.raises(StatsInputError) as info:
        meta_analysis([0.1, 0.2, 0.3], [0.01, 0.02, 0.03], **kwargs)  # type: ignore[arg-type]
    assert info.value.argument == argument


def test_bad_arrays_raise_with_positions() -> None:
    with pytest.raises(StatsInputError) as info:
        meta_analysis([0.1, float("nan"), 0.3], [0.01, 0.02, 0.03])
    assert info.value.positions == (1,)
    with pytest.raises(StatsInputError) as info:
        meta_analysis([0.1, 0.2, 0.3], [0.01, 0.0, -1.0])
    assert info.value.positions == (1, 2)
    with pytest.raises(StatsInputError, match="lengte"):
        meta_analysis([0.1, 0.2], [0.01])
    set_language("en")
    with pytest.raises(StatsInputError, match="must be one of"):
        meta_analysis([0.1, 0.2], [0.01, 0.02], method="RML")


def test_control_is_used() -> None:
    data = REF["pool"]["hackshaw1998"]
    tight = meta_analysis(data["yi"], data["vi"], method="REML")
    loose = meta_analysis(data["yi"], data["vi"], method="REML", control=FitControl(threshold=1e-3))
    assert loose.iterations <= tight.iterations
    assert loose.tau2 == pytest.approx(tight.tau2, rel=1e-2)
