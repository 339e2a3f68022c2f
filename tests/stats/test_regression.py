"""meta_regression against metafor 3.8 rma(mods = ~ ...) and predict() (scripts/pooling.R)."""

from __future__ import annotations

import json
import math
from typing import Any

import numpy as np
import pandas as pd
import pytest

from tests.conftest import assert_close, load_reference
from watwerkt.errors import StatsInputError
from watwerkt.messages import set_language
from watwerkt.stats import MetaRegressionResult, egger_test, meta_regression

REF = load_reference("pooling")["regression"]
METHODS = ("FE", "DL", "HE", "HS", "SJ", "ML", "REML", "EB", "PM")
TESTS = ("z", "knha")
DATASETS = ("bcg", "raudenbush1985", "bangertdrowns2004")
CASES = [(d, m, t) for d in DATASETS for m in METHODS for t in TESTS]

COEF_KINDS = {
    "estimate": "estimate",
    "se": "se",
    "statistic": "statistic",
    "pvalue": "pvalue",
    "ci_lower": "ci",
    "ci_upper": "ci",
}
SCALAR_KINDS = {
    "qm": "q",
    "qm_pvalue": "pvalue",
    "qe": "q",
    "qe_pvalue": "pvalue",
    "tau2": "tau2",
    "tau2_se": "se",
    "i2": "i2",
    "h2": "q",
    "r2": "i2",
}
PRED_KINDS = {
    "estimate": "estimate",
    "se": "se",
    "ci_lower": "ci",
    "ci_upper": "ci",
    "pi_lower": "ci",
    "pi_upper": "ci",
}


def _mods(dataset: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            name: [np.nan if x is None else x for x in values]
            for name, values in REF[dataset]["mods"].items()
        }
    )


def _fit(dataset: str, method: str, test: str) -> MetaRegressionResult:
    data = REF[dataset]
    expected_warnings: list[str] = []
    if dataset == "bangertdrowns2004":
        expected_warnings.append("moderator")
    if method == "FE" and test == "knha":
        expected_warnings.append("Knapp")
    if not expected_warnings:
        return meta_regression(data["yi"], data["vi"], _mods(dataset), method=method, test=test)
    set_language("en")
    with pytest.warns(UserWarning, match="|".join(expected_warnings)) as record:
        res = meta_regression(data["yi"], data["vi"], _mods(dataset), method=method, test=test)
    texts = " ".join(str(w.message) for w in record)
    for fragment in expected_warnings:
        assert fragment in texts
    return res


def test_reference_grid_is_complete() -> None:
    assert set(REF) == set(DATASETS)
    for dataset in DATASETS:
        fits = REF[dataset]["fits"]
        assert set(fits) == {f"{m}_{t}" for m in METHODS for t in TESTS}
        for fit in fits.values():
            assert set(COEF_KINDS) | set(SCALAR_KINDS) <= set(fit)
            assert {f"pred_{n}" for n in PRED_KINDS} <= set(fit)
            assert {"k", "p", "qm_df", "qe_df", "omitted", "vcov"} <= set(fit)


@pytest.mark.parametrize(("dataset", "method", "test"), CASES)
def test_matches_metafor(dataset: str, method: str, test: str) -> None:
    expected = REF[dataset]["fits"][f"{method}_{test}"]
    res = _fit(dataset, method, test)
    what = f"{dataset} {method} {test}"
    assert (res.k, res.p, res.qe_df) == (expected["k"], expected["p"], expected["qe_df"])
    assert res.qm_df == tuple(expected["qm_df"])
    assert res.omitted == tuple(int(i) for i in expected["omitted"])
    assert res.k_total == len(REF[dataset]["yi"])
    assert res.converged
    for name, kind in COEF_KINDS.items():
        assert_close(res.coefficients[name].to_numpy(), expected[name], kind, f"{what} {name}")
    for name, kind in SCALAR_KINDS.items():
        assert_close(getattr(res, name), expected[name], kind, f"{what} {name}")
    assert_close(res.vcov.ravel(order="F"), expected["vcov"], "se", f"{what} vcov")
    ncol = REF[dataset]["newmods_ncol"]
    newmods = np.asarray(REF[dataset]["newmods"]).reshape(-1, ncol)
    pred = res.predict(newmods)
    assert list(pred.columns) == list(PRED_KINDS)
    for name, kind in PRED_KINDS.items():
        assert_close(pred[name].to_numpy(), expected[f"pred_{name}"], kind, f"{what} pred {name}")


def test_terms_design_matrix_and_outputs() -> None:
    res = _fit("bcg", "REML", "knha")
    assert list(res.coefficients.index) == ["intercept", "ablat", "year"]
    assert list(res.coefficients.columns) == list(COEF_KINDS)
    assert res.X.shape == (13, 3)
    assert np.all(res.X[:, 0] == 1)
    d = res.to_dict()
    json.dumps(d)
    assert [row["term"] for row in d["coefficients"]] == ["intercept", "ablat", "year"]
    assert d["qm_df"] == [2, 10]
    assert "X" not in d
    assert res.to_frame().shape == (3, 7)
    text = res.summary("en")
    assert "Mixed-effects model (k = 13; tau^2 estimator: REML)" in text
    assert "F(df1 = 2, df2 = 10)" in text
    assert "ablat" in text


def test_missing_moderators_are_recorded() -> None:
    res = _fit("bangertdrowns2004", "REML", "z")
    assert res.k_used == res.k_total - 2
    assert res.omitted == (17, 18)
    assert res.yi.shape == (res.k_used,)
    assert "2 of 48 studies omitted" in res.summary("en")


@pytest.mark.parametrize(
    "moderators",
    [
        {"ablat": "dict"},
        {"ablat": "array"},
        {"ablat": "series"},
    ],
)
def test_moderator_input_forms_agree(moderators: dict[str, str]) -> None:
    data = REF["bcg"]
    ablat = np.asarray(REF["bcg"]["mods"]["ablat"])
    forms: dict[str, Any] = {
        "dict": {"ablat": ablat},
        "array": ablat.reshape(-1, 1),
        "series": pd.Series(ablat, name="ablat"),
    }
    ref = meta_regression(data["yi"], data["vi"], pd.DataFrame({"ablat": ablat}))
    res = meta_regression(data["yi"], data["vi"], forms[moderators["ablat"]])
    assert res.coefficients["estimate"].to_numpy() == pytest.approx(
        ref.coefficients["estimate"].to_numpy(), rel=1e-12
    )


def test_predict_accepts_named_columns_in_any_order() -> None:
    res = _fit("bcg", "DL", "z")
    by_name = res.predict(pd.DataFrame({"year": [1950.0], "ablat": [10.0]}))
    by_position = res.predict([10.0, 1950.0])
    assert by_name["estimate"].iloc[0] == pytest.approx(by_position["estimate"].iloc[0])
    with pytest.raises(StatsInputError):
        res.predict(pd.DataFrame({"ablat": [10.0]}))
    with pytest.raises(StatsInputError):
        res.predict(np.ones((2, 3)))


def test_non_numeric_moderator_names_the_column() -> None:
    data = REF["bcg"]
    mods = pd.DataFrame({"ablat": REF["bcg"]["mods"]["ablat"], "alloc": ["random"] * 13})
    set_language("en")
    with pytest.raises(StatsInputError, match="'alloc' is not numeric"):
        meta_regression(data["yi"], data["vi"], mods)


def test_singular_moderators_name_the_columns() -> None:
    data = REF["bcg"]
    ablat = np.asarray(REF["bcg"]["mods"]["ablat"])
    year = np.asarray(REF["bcg"]["mods"]["year"])
    mods = pd.DataFrame({"ablat": ablat, "year": year, "twice": 2 * ablat})
    set_language("en")
    with pytest.raises(StatsInputError, match="'ablat', 'twice'") as info:
        meta_regression(data["yi"], data["vi"], mods)
    assert info.value.argument == "moderators"
    with pytest.raises(StatsInputError, match="'intercept', 'const'"):
        meta_regression(data["yi"], data["vi"], {"const": np.full(13, 3.0)})


def test_too_few_studies_and_wrong_rows() -> None:
    with pytest.raises(StatsInputError):
        meta_regression([0.1, 0.2], [0.01, 0.02], [1.0, 2.0])
    with pytest.raises(StatsInputError, match=r"rows|rijen"):
        meta_regression([0.1, 0.2, 0.3], [0.01, 0.02, 0.03], [1.0, 2.0])


def test_knha_exact_fit_gives_nan_omnibus_test_as_metafor() -> None:
    # Identical effects fit yi ~ sqrt(vi) exactly: the Knapp-Hartung residual
    # variance is 0, so the covariance is singular. metafor (3.8-1,
    # rma(yi, vi, mods = ~ sqrt(vi), test = "knha") on these four values) reports
    # QM = NA, estimates 0.3 and -0, all standard errors 0; it does not stop.
    yi = np.array([0.3, 0.3, 0.3, 0.3])
    vi = np.array([0.1, 0.2, 0.05, 0.3])
    res = meta_regression(yi, vi, pd.DataFrame({"sei": np.sqrt(vi)}), test="knha")
    assert math.isnan(res.qm)
    assert math.isnan(res.qm_pvalue)
    assert res.coefficients["estimate"].iloc[0] == pytest.approx(0.3, abs=1e-12)
    assert res.coefficients["estimate"].iloc[1] == pytest.approx(0.0, abs=1e-12)
    assert np.allclose(res.coefficients["se"], 0.0, atol=1e-12)
    egger = egger_test(yi, vi, test="knha")  # metafor's regtest: b = 0.3 (CI 0.3, 0.3)
    assert egger.limit_estimate == pytest.approx(0.3, abs=1e-12)
    assert egger.limit_ci_lower == pytest.approx(0.3, abs=1e-12)
    assert egger.limit_ci_upper == pytest.approx(0.3, abs=1e-12)
