"""subgroup_analysis against metafor 3.8 on dat.bcg by allocation (scripts/pooling.R)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from tests.conftest import assert_close, load_reference
from watwerkt.errors import StatsInputError
from watwerkt.messages import set_language
from watwerkt.stats import SubgroupResult, subgroup_analysis

REF = load_reference("pooling")
SUB = REF["subgroup"]
BCG = REF["pool"]["bcg"]
METHODS = ("FE", "DL", "HE", "HS", "SJ", "ML", "REML", "EB", "PM")
TESTS = ("z", "knha")
GROUP_KINDS = {
    "estimate": "estimate",
    "se": "se",
    "tau2": "tau2",
    "pvalue": "pvalue",
    "ci_lower": "ci",
    "ci_upper": "ci",
}


def _fit(method: str, test: str) -> SubgroupResult:
    if method == "FE" and test == "knha":
        set_language("en")
        with pytest.warns(UserWarning, match="Knapp"):
            return subgroup_analysis(BCG["yi"], BCG["vi"], SUB["groups"], method, test)
    return subgroup_analysis(BCG["yi"], BCG["vi"], SUB["groups"], method, test)


def test_reference_grid_is_complete() -> None:
    assert set(SUB["fits"]) == {f"{m}_{t}" for m in METHODS for t in TESTS}
    for fit in SUB["fits"].values():
        assert set(fit["by_group"]) == {"alternate", "random", "systematic"}
        assert {"qm", "qm_df", "qm_pvalue", "q_between", "q_between_pvalue"} <= set(fit)


@pytest.mark.parametrize(("method", "test"), [(m, t) for m in METHODS for t in TESTS])
def test_matches_metafor(method: str, test: str) -> None:
    expected = SUB["fits"][f"{method}_{test}"]
    res = _fit(method, test)
    what = f"bcg alloc {method} {test}"
    assert list(res.by_group) == ["alternate", "random", "systematic"]
    assert res.qm_df == tuple(expected["qm_df"])
    assert_close(res.qm, expected["qm"], "q", f"{what} qm")
    assert_close(res.qm_pvalue, expected["qm_pvalue"], "pvalue", f"{what} qm_pvalue")
    assert res.q_between_df == expected["q_between_df"]
    assert_close(res.q_between, expected["q_between"], "q", f"{what} q_between")
    assert_close(
        res.q_between_pvalue, expected["q_between_pvalue"], "pvalue", f"{what} q_between_p"
    )
    for group, exp in expected["by_group"].items():
        got = res.by_group[group]
        assert got.k == exp["k"]
        for name, kind in GROUP_KINDS.items():
            assert_close(getattr(got, name), exp[name], kind, f"{what} {group} {name}")


def test_outputs() -> None:
    res = _fit("REML", "z")
    frame = res.to_frame()
    assert list(frame["group"]) == ["alternate", "random", "systematic"]
    assert frame["k"].tolist() == [2, 7, 4]
    d = res.to_dict()
    json.dumps(d)
    assert set(d["by_group"]) == {"alternate", "random", "systematic"}
    text = res.summary("en")
    assert "Test for subgroup differences" in text
    assert "QM(df = 2)" in text


def test_fixed_effect_tests_coincide() -> None:
    # with tau2 = 0 everywhere both tests are the common-effect Q-between
    res = _fit("FE", "z")
    assert res.qm == pytest.approx(res.q_between, rel=1e-10)


def test_bad_groups() -> None:
    with pytest.raises(StatsInputError) as info:
        subgroup_analysis(BCG["yi"], BCG["vi"], ["a"] * 13)
    assert info.value.argument == "groups"
    groups = list(SUB["groups"])
    groups[3] = None
    with pytest.raises(StatsInputError) as info:
        subgroup_analysis(BCG["yi"], BCG["vi"], groups)
    assert info.value.positions == (3,)
    with pytest.raises(StatsInputError):
        subgroup_analysis(BCG["yi"], BCG["vi"], groups[:5])


def test_numeric_labels_sort_numerically() -> None:
    y = np.asarray(BCG["yi"])
    labels = [10, 2, 2, 10, 2, 10, 2, 10, 2, 10, 2, 10, 2]
    res = subgroup_analysis(y, BCG["vi"], labels, method="DL")
    assert list(res.by_group) == [2, 10]
