"""influence() against metafor 3.8-1 influence(), rstandard(), rstudent(), dfbetas()."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from tests.conftest import assert_close, load_reference
from watwerkt.errors import StatsInputError
from watwerkt.stats.influence import COLUMNS, influence

REF = load_reference("bias")
DATASETS = ("bcg", "hackshaw1998", "molloy2014", "raudenbush1985", "landenberger2005")
METHODS = ("FE", "DL", "REML", "PM")
FITS = (*METHODS, "DL_knha", "REML_knha", "PM_knha")
#: Our attribute -> (key written by bias.R, tolerance kind).
OUTPUTS = {
    "rstudent": ("rstudent", "statistic"),
    "dffits": ("dffits", "statistic"),
    "cook_d": ("cook_d", "statistic"),
    "cov_r": ("cov_r", "statistic"),
    "tau2_del": ("tau2_del", "tau2"),
    "qe_del": ("qe_del", "q"),
    "hat": ("hat", "estimate"),
    "weight": ("weight", "estimate"),
    "rstudent_resid": ("rstudent_resid", "estimate"),
    "rstudent_se": ("rstudent_se", "se"),
    "resid": ("rstandard_resid", "estimate"),
    "resid_se": ("rstandard_se", "se"),
    "rstandard": ("rstandard_z", "statistic"),
}


def data(name: str) -> tuple[np.ndarray, np.ndarray]:
    ds = REF["datasets"][name]
    return np.asarray(ds["yi"], dtype=float), np.asarray(ds["vi"], dtype=float)


def split(key: str) -> tuple[str, str]:
    method, _, test = key.partition("_")
    return method, test or "z"


def test_reference_grid_is_complete() -> None:
    expected = {ref for ref, _ in OUTPUTS.values()} | {"dfbetas", "influential"}
    assert set(REF["influence"]) == set(DATASETS)
    for name in DATASETS:
        k = len(REF["datasets"][name]["yi"])
        assert set(REF["influence"][name]) == set(FITS)
        for fit in FITS:
            block = REF["influence"][name][fit]
            assert set(block) == expected
            assert all(len(v) == k for v in block.values())
    mods = REF["influence_moderators"]["bcg"]
    assert set(mods) == {"ablat", *METHODS}
    for method in METHODS:
        assert {"dfbetas_intercept", "dfbetas_ablat", "influential"} <= set(mods[method])
    # the flag rule is exercised: some studies are flagged, most are not
    flags = [
        f for name in DATASETS for fit in FITS for f in REF["influence"][name][fit]["influential"]
    ]
    assert any(flags)
    assert not all(flags)


@pytest.mark.parametrize("name", DATASETS)
@pytest.mark.parametrize("fit", FITS)
def test_influence_matches_metafor(name: str, fit: str) -> None:
    yi, vi = data(name)
    method, test = split(fit)
    ref = REF["influence"][name][fit]
    res = influence(yi, vi, method, test)
    for attr, (key, kind) in OUTPUTS.items():
        assert_close(getattr(res, attr), ref[key], kind, f"{name} {fit} {attr}")
    assert_close(res.dfbetas[:, 0], ref["dfbetas"], "statistic", f"{name} {fit} dfbetas")
    assert res.influential.tolist() == ref["influential"]
    assert res.terms == ("intercept",)
    assert (res.k, res.p) == (len(yi), 1)


@pytest.mark.parametrize("method", METHODS)
def test_influence_meta_regression_matches_metafor(method: str) -> None:
    yi, vi = data("bcg")
    ref = REF["influence_moderators"]["bcg"]
    mods = pd.DataFrame({"ablat": ref["ablat"]})
    res = influence(yi, vi, method, moderators=mods)
    r = ref[method]
    for attr, (key, kind) in OUTPUTS.items():
        assert_close(getattr(res, attr), r[key], kind, f"bcg ~ ablat {method} {attr}")
    assert_close(res.dfbetas[:, 0], r["dfbetas_intercept"], "statistic", "dfbetas intercept")
    assert_close(res.dfbetas[:, 1], r["dfbetas_ablat"], "statistic", "dfbetas ablat")
    assert res.influential.tolist() == r["influential"]
    assert res.p == 2
    assert res.terms[0] == "intercept"
    # a plain array of moderators gives the same numbers
    res2 = influence(yi, vi, method, moderators=np.asarray(ref["ablat"]))
    np.testing.assert_allclose(res2.cook_d, res.cook_d, rtol=1e-12)


def test_influence_result_is_plain_data() -> None:
    yi, vi = data("bcg")
    res = influence(yi, vi)
    frame = res.to_frame()
    assert list(frame.columns) == [*COLUMNS, "dfbetas_intercept"]
    assert len(frame) == 13
    d = res.to_dict()
    json.dumps(d)
    assert d["terms"] == ["intercept"]
    assert len(d["dfbetas"]) == 13
    text = res.summary("en")
    assert "rstudent" in text
    assert text.count("*") == int(res.influential.sum())
    with pytest.raises(AttributeError):
        res.k = 3  # type: ignore[misc]


def test_influence_errors() -> None:
    with pytest.raises(StatsInputError) as err:
        influence([0.1, 0.2], [0.01, 0.02])
    assert err.value.key == "stats.bias.too_few"
    with pytest.raises(StatsInputError) as err:
        influence([0.1, 0.2, 0.3, 0.4], [0.01, 0.02, 0.03, 0.04], moderators=[1.0, 2.0])
    assert err.value.key == "stats.length_mismatch"
    assert err.value.argument == "moderators"


def test_influence_leaves_out_studies_with_missing_moderators() -> None:
    yi, vi = data("bcg")
    ablat = np.asarray(REF["influence_moderators"]["bcg"]["ablat"], dtype=float)
    with_gap = ablat.copy()
    with_gap[4] = np.nan
    with pytest.warns(UserWarning, match="moderator"):
        res = influence(yi, vi, "DL", moderators={"ablat": with_gap})
    assert res.omitted == (4,)
    assert (res.k_used, res.k_total, res.k) == (12, 13, 12)
    assert 4 not in res.to_frame().index
    keep = np.arange(13) != 4
    ref = influence(yi[keep], vi[keep], "DL", moderators={"ablat": ablat[keep]})
    np.testing.assert_allclose(res.cook_d, ref.cook_d, rtol=1e-12)
