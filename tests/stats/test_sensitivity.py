"""watwerkt.stats.sensitivity.leave_one_out against metafor 3.8-1 leave1out()."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import assert_close, load_reference
from watwerkt.errors import StatsInputError
from watwerkt.stats.sensitivity import leave_one_out

REF = load_reference("bias")
DATASETS = ("bcg", "hackshaw1998", "molloy2014", "raudenbush1985", "landenberger2005")
FITS = ("FE", "DL", "REML", "PM", "DL_knha", "REML_knha", "PM_knha")
#: leave1out() output (as written by bias.R) -> tolerance kind; the prediction interval,
#: se of tau2 and the Q-profile CIs come from predict()/confint() of each refit (bias.R).
OUTPUTS = {
    "estimate": "estimate",
    "se": "se",
    "statistic": "statistic",
    "pvalue": "pvalue",
    "ci_lower": "ci",
    "ci_upper": "ci",
    "q": "q",
    "q_pvalue": "pvalue",
    "tau2": "tau2",
    "i2": "i2",
    "h2": "q",
    "pi_lower": "ci",
    "pi_upper": "ci",
    "tau2_se": "se",
    "tau2_ci_lower": "tau2",
    "tau2_ci_upper": "tau2",
    "i2_ci_lower": "i2",
    "i2_ci_upper": "i2",
    "h2_ci_lower": "q",
    "h2_ci_upper": "q",
}


def data(name: str) -> tuple[np.ndarray, np.ndarray]:
    ds = REF["datasets"][name]
    return np.asarray(ds["yi"], dtype=float), np.asarray(ds["vi"], dtype=float)


def split(key: str) -> tuple[str, str]:
    method, _, test = key.partition("_")
    return method, test or "z"


def test_reference_grid_is_complete() -> None:
    assert set(REF["leave1out"]) == set(DATASETS)
    for name in DATASETS:
        k = len(REF["datasets"][name]["yi"])
        assert set(REF["leave1out"][name]) == set(FITS)
        for fit in FITS:
            block = REF["leave1out"][name][fit]
            assert set(block) == set(OUTPUTS)
            assert all(len(block[out]) == k for out in OUTPUTS)


@pytest.mark.parametrize("name", DATASETS)
@pytest.mark.parametrize("fit", FITS)
def test_leave_one_out_matches_metafor(name: str, fit: str) -> None:
    yi, vi = data(name)
    method, test = split(fit)
    ref = REF["leave1out"][name][fit]
    df = leave_one_out(yi, vi, method, test)
    assert list(df.index) == list(range(len(yi)))
    assert df.index.name == "omitted"
    assert (df["k"] == len(yi) - 1).all()
    for out, kind in OUTPUTS.items():
        assert_close(df[out].to_numpy(), ref[out], kind, f"{name} {fit} {out}")


def test_leave_one_out_has_the_meta_result_columns() -> None:
    yi, vi = data("bcg")
    df = leave_one_out(yi, vi, labels=[f"study {i}" for i in range(13)])
    required = {
        "k",
        "estimate",
        "se",
        "statistic",
        "pvalue",
        "ci_lower",
        "ci_upper",
        "pi_lower",
        "pi_upper",
        "tau2",
        "tau2_ci_lower",
        "tau2_ci_upper",
        "i2",
        "i2_ci_lower",
        "i2_ci_upper",
        "h2",
        "q",
        "q_df",
        "q_pvalue",
    }
    assert required <= set(df.columns)
    assert df.index[0] == "study 0"
    assert all(
        isinstance(v, (int, float, str, bool, np.number, np.bool_)) for v in df.iloc[0].tolist()
    )


def test_leave_one_out_errors() -> None:
    with pytest.raises(StatsInputError) as err:
        leave_one_out([0.1, 0.2], [0.01, 0.02])
    assert err.value.key == "stats.bias.too_few"
    with pytest.raises(StatsInputError) as err:
        leave_one_out([0.1, 0.2, 0.3], [0.01, 0.02, 0.03], labels=["a", "b"])
    assert err.value.key == "stats.length_mismatch"
    assert err.value.argument == "labels"
    with pytest.raises(StatsInputError) as err:
        leave_one_out([0.1, 0.2, 0.3], [0.01, 0.0, 0.03])
    assert err.value.positions == (1,)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(-2, 2, allow_nan=False), st.floats(0.01, 1.0, allow_nan=False)),
        min_size=3,
        max_size=12,
    ),
    st.randoms(use_true_random=False),
)
def test_leave_one_out_rows_follow_the_studies(rows: list[tuple[float, float]], rnd) -> None:  # type: ignore[no-untyped-def]
    """Permuting the studies permutes the rows; each row is the fit without that study."""
    yi = np.array([r[0] for r in rows])
    vi = np.array([r[1] for r in rows])
    order = list(range(len(rows)))
    rnd.shuffle(order)
    a = leave_one_out(yi, vi, "DL")
    b = leave_one_out(yi[order], vi[order], "DL")
    pd.testing.assert_series_equal(
        a["estimate"].iloc[order].reset_index(drop=True),
        b["estimate"].reset_index(drop=True),
        check_exact=False,
        rtol=1e-9,
        atol=1e-12,
    )
