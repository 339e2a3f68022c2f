"""robust() against metafor 3.8 robust() and clubSandwich 0.5.8 (scripts/multilevel.R)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import assert_close, load_reference
from tests.stats.test_multilevel import fitted, model_args
from watwerkt.errors import StatsInputError
from watwerkt.stats import (
    RobustResult,
    meta_analysis,
    meta_regression,
    multilevel_meta_analysis,
    robust,
)

REF = load_reference("multilevel")
MODELS = REF["multilevel"]
UNI = REF["uni"]

#: small_sample name here -> metafor/clubSandwich call (the translation table).
METAFOR_CALL = {
    "CR1": "robust(res, cluster)",
    "CR2": "robust(res, cluster, clubSandwich = TRUE)",
}
EXPECTED_UNI = {
    "konstantopoulos2011_uni_reml",
    "assink2016_uni_reml_mods",
    "bornmann2007_uni_dl",
}
ROBUST_OUTPUTS = {
    "beta",
    "se",
    "statistic",
    "pvalue",
    "ci_lower",
    "ci_upper",
    "df",
    "qm",
    "qm_df",
    "qm_pvalue",
    "n_clusters",
}


@dataclass(frozen=True)
class UniFit:
    """The attributes robust() reads from a meta_analysis / meta_regression result."""

    yi: np.ndarray
    vi: np.ndarray
    tau2: float
    X: np.ndarray
    level: float = 0.95
    weights: np.ndarray | None = None


def uni_fit(name: str) -> UniFit:
    data = UNI[name]["data"]
    x = np.column_stack([np.asarray(c, dtype=float) for c in data["X"]])
    return UniFit(np.asarray(data["yi"]), np.asarray(data["vi"]), UNI[name]["tau2"], x)


def check(rob: RobustResult, ref: dict[str, Any], tight: bool) -> None:
    """Compare with the reference; ``tight`` for fits without rma.mv's optimiser error."""
    loose = "mv_fit"
    c = rob.coefficients
    assert rob.n_clusters == ref["n_clusters"]
    assert_close(c["estimate"], ref["beta"], "estimate", "beta")
    assert_close(c["se"], ref["se"], "se" if tight else loose, "se")
    assert_close(c["statistic"], ref["statistic"], "statistic" if tight else loose, "t")
    assert_close(c["pvalue"], ref["pvalue"], "pvalue" if tight else loose, "p")
    assert_close(c["ci_lower"], ref["ci_lower"], "ci" if tight else loose, "ci.lb")
    assert_close(c["ci_upper"], ref["ci_upper"], "ci" if tight else loose, "ci.ub")
    df = ref["df"] if len(ref["df"]) == len(c) else ref["df"] * len(c)  # CR1: one df
    assert_close(c["df"], df, "statistic" if tight else loose, "df")
    assert_close(rob.qm, ref["qm"], "statistic" if tight else loose, "QM")
    assert_close(rob.qm_df, ref["qm_df"], "statistic" if tight else loose, "QMdf")
    assert_close(rob.qm_pvalue, ref["qm_pvalue"], "pvalue" if tight else loose, "QMp")
    assert_close(rob.estimate, ref["beta"][0], "estimate")
    assert_close(rob.se, ref["se"][0], "se" if tight else loose)
    assert_close(rob.df, df[0], "statistic" if tight else loose)


def test_reference_grid_is_complete() -> None:
    assert set(UNI) == EXPECTED_UNI
    assert set(REF["uni_weighted"]) == {"konstantopoulos2011_uni_reml_unit_weights"}
    assert set(METAFOR_CALL) == {"CR1", "CR2"}
    for block in (*MODELS.values(), *UNI.values()):
        for ss in METAFOR_CALL:
            assert set(block[f"robust_{ss.lower()}"]) >= ROBUST_OUTPUTS
    assert any(len(m["data"]["X"]) > 2 for m in UNI.values())  # an HTZ test with q > 1
    assert "clubsandwich_version" in REF["source"]


@pytest.mark.parametrize("small_sample", ["CR1", "CR2"])
@pytest.mark.parametrize("name", sorted(MODELS))
def test_multilevel_matches_metafor_robust(name: str, small_sample: str) -> None:
    res = fitted(name)
    rob = robust(res, MODELS[name]["data"]["groups"][0], small_sample)
    assert rob.small_sample == small_sample
    check(rob, MODELS[name][f"robust_{small_sample.lower()}"], tight=False)


@pytest.mark.parametrize("small_sample", ["CR1", "CR2"])
@pytest.mark.parametrize("name", sorted(EXPECTED_UNI))
def test_uni_matches_metafor_robust(name: str, small_sample: str) -> None:
    rob = robust(uni_fit(name), UNI[name]["data"]["cluster"], small_sample)
    check(rob, UNI[name][f"robust_{small_sample.lower()}"], tight=True)


def test_result_outputs_and_text() -> None:
    rob = robust(
        fitted("assink2016_reml_z_mods"),
        MODELS["assink2016_reml_z_mods"]["data"]["groups"][0],
        "CR2",
    )
    d = rob.to_dict()
    json.dumps(d)
    assert [row["term"] for row in d["coefficients"]] == ["intercept", "year", "pubstatus"]
    assert list(rob.to_frame().columns) == [
        "estimate",
        "se",
        "statistic",
        "df",
        "pvalue",
        "ci_lower",
        "ci_upper",
    ]
    assert "CR2" in rob.summary("en")
    assert rob.k == 100
    assert rob.vcov.shape == (3, 3)


def test_cluster_of_original_length_drops_omitted_rows() -> None:
    args = model_args("assink2016_reml_z_mods")
    mods = args["moderators"].copy()
    mods.iloc[5, 0] = np.nan
    args["moderators"] = mods
    with pytest.warns(UserWarning, match="5"):
        res = multilevel_meta_analysis(**args)
    study = MODELS["assink2016_reml_z_mods"]["data"]["groups"][0]
    full = robust(res, study)
    assert full.k == 99
    same = robust(res, [s for i, s in enumerate(study) if i != 5])
    assert full.se == same.se


def test_too_few_clusters() -> None:
    res = fitted("assink2016_reml_z_mods")
    with pytest.raises(StatsInputError) as info:
        robust(res, ["a"] * 50 + ["b"] * 50)
    assert info.value.key == "stats.robust_too_few_clusters"
    with pytest.raises(StatsInputError, match="1 cluster"):
        robust(fitted("konstantopoulos2011_reml_z"), ["one"] * 56)


def test_singleton_clusters_warn_and_cr2_needs_nesting() -> None:
    res = fitted("konstantopoulos2011_reml_z")
    schools = [
        f"{d}/{s}"
        for d, s in zip(*MODELS["konstantopoulos2011_reml_z"]["data"]["groups"], strict=True)
    ]
    with pytest.warns(UserWarning, match="heteroscedasticiteit"):
        rob = robust(res, schools)
    assert rob.n_clusters == 56
    with pytest.raises(StatsInputError) as info, pytest.warns(UserWarning, match="cluster"):
        robust(res, schools, "CR2")
    assert info.value.key == "stats.robust_not_nested"


@pytest.mark.parametrize(
    ("result", "cluster", "small_sample", "key"),
    [
        ("not a fit", [1, 2], "CR1", "stats.robust_unsupported"),
        (None, [1, 2, 3], "CR1", "stats.length_mismatch"),
        (None, None, "CR3", "stats.bad_option"),
        (None, None, "CR1", "stats.multilevel_missing_label"),
    ],
)
def test_bad_input_is_named(result: Any, cluster: Any, small_sample: str, key: str) -> None:
    fit = fitted("konstantopoulos2011_reml_z") if result is None else result
    district = MODELS["konstantopoulos2011_reml_z"]["data"]["groups"][0]
    if cluster is None:
        cluster = [None, *district[1:]]
    with pytest.raises(StatsInputError) as info:
        robust(fit, cluster, small_sample)
    assert info.value.key == key
    assert info.value.render("nl") != info.value.render("en")


@settings(max_examples=50, deadline=None)
@given(st.permutations(range(11)), st.sampled_from(["CR1", "CR2"]))
def test_invariant_to_cluster_labels(perm: list[int], small_sample: str) -> None:
    res = fitted("konstantopoulos2011_reml_z")
    district = MODELS["konstantopoulos2011_reml_z"]["data"]["groups"][0]
    names = sorted(set(district))
    relabel = {n: f"c{perm[i]}" for i, n in enumerate(names)}
    a = robust(res, district, small_sample)
    b = robust(res, pd.Series([relabel[d] for d in district]), small_sample)
    assert b.se == pytest.approx(a.se, rel=1e-12)
    assert b.df == pytest.approx(a.df, rel=1e-12)


def test_user_weights_follow_metafor_for_cr1_and_refuse_cr2() -> None:
    ref = REF["uni_weighted"]["konstantopoulos2011_uni_reml_unit_weights"]
    data = ref["data"]
    fit = UniFit(
        np.asarray(data["yi"]),
        np.asarray(data["vi"]),
        ref["tau2"],
        np.ones((len(data["yi"]), 1)),
        weights=np.asarray(data["weights"]),
    )
    check(robust(fit, data["cluster"]), ref["robust_cr1"], tight=True)
    with pytest.raises(StatsInputError) as info:
        robust(fit, data["cluster"], "CR2")
    assert info.value.key == "stats.robust_cr2_weights"
    # weights proportional to 1/(vi + tau2) are the model's own: CR2 allowed, same answer
    own = UniFit(fit.yi, fit.vi, fit.tau2, fit.X, weights=100 / (fit.vi + fit.tau2))
    plain = UniFit(fit.yi, fit.vi, fit.tau2, fit.X)
    assert robust(own, data["cluster"], "CR2").se == pytest.approx(
        robust(plain, data["cluster"], "CR2").se, rel=1e-12
    )


@pytest.mark.parametrize("small_sample", ["CR1", "CR2"])
@pytest.mark.parametrize("name", sorted(EXPECTED_UNI))
def test_meta_analysis_and_meta_regression_results(name: str, small_sample: str) -> None:
    ref = UNI[name]
    data = ref["data"]
    if len(data["X"]) > 1:
        x = np.column_stack([np.asarray(c, dtype=float) for c in data["X"]])
        mods = pd.DataFrame(x[:, 1:], columns=data["terms"][1:])
        fit: Any = meta_regression(data["yi"], data["vi"], mods, method=ref["method"])
    else:
        fit = meta_analysis(data["yi"], data["vi"], method=ref["method"])
    assert_close(fit.tau2, ref["tau2"], "tau2")
    rob = robust(fit, data["cluster"], small_sample)
    check(rob, ref[f"robust_{small_sample.lower()}"], tight=True)
    if len(data["X"]) > 1:
        assert list(rob.coefficients.index) == list(fit.coefficients.index)


def test_meta_regression_with_omitted_rows_takes_the_original_cluster() -> None:
    ref = UNI["assink2016_uni_reml_mods"]
    data = ref["data"]
    x = np.column_stack([np.asarray(c, dtype=float) for c in data["X"]])
    mods = pd.DataFrame(x[:, 1:], columns=data["terms"][1:])
    mods.iloc[7, 0] = np.nan
    with pytest.warns(UserWarning, match="7"):
        fit = meta_regression(data["yi"], data["vi"], mods)
    full = robust(fit, data["cluster"])
    kept = robust(fit, [c for i, c in enumerate(data["cluster"]) if i != 7])
    assert full.k == 99
    assert full.se == kept.se
