"""meta_analysis_batch: metafor parity per group, equality with the single fit, bad input."""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import assert_close, load_reference
from watwerkt.errors import ConvergenceWarning, StatsInputError
from watwerkt.messages import message
from watwerkt.stats.batch import BATCH_COLUMNS, meta_analysis_batch
from watwerkt.stats.pool import meta_analysis

REF = load_reference("batch")
METHODS = ("FE", "DL", "HE", "HS", "SJ", "ML", "REML", "EB", "PM")
TESTS = ("z", "knha")
DATASETS = (
    "konstantopoulos2011_district",
    "bcg_alloc",
    "bangertdrowns2004_grade",
    "dossier",
)

#: Which named tolerance (tests/conftest.py) applies to each metafor output.
KIND = {
    "k": "q",
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
    "tau2_ci_lower": "tau2",
    "tau2_ci_upper": "tau2",
    "i2": "i2",
    "i2_ci_lower": "i2",
    "i2_ci_upper": "i2",
    "h2": "q",
    "h2_ci_lower": "q",
    "h2_ci_upper": "q",
    "q": "q",
    "q_pvalue": "pvalue",
}


def _fit(
    frame: pd.DataFrame,
    by: Any,
    method: str,
    test: str,
    not_converged: tuple[str, ...] = (),
    **kwargs: Any,
) -> pd.DataFrame:
    """Run the batch, asserting exactly the warnings the single fit gives too."""
    sizes = frame.groupby(by, sort=False, dropna=False).size()
    expected = set()
    if not_converged:
        groups = ", ".join(repr(g) for g in not_converged)
        expected.add(
            message(
                "stats.batch_not_converged",
                function="meta_analysis_batch",
                method=method,
                count=len(not_converged),
                groups=groups,
            )
        )
    if test == "knha" and sizes.min() == 1:
        expected.add(message("stats.pool.knha_k1", function="meta_analysis_batch"))
    if test == "knha" and method == "FE" and sizes.max() > 1:
        expected.add(message("stats.pool.knha_fe", function="meta_analysis_batch"))
    if not expected:
        return meta_analysis_batch(frame, by=by, method=method, test=test, **kwargs)
    with pytest.warns(UserWarning, match="knha|Knapp|converg") as record:
        res = meta_analysis_batch(frame, by=by, method=method, test=test, **kwargs)
    assert {str(w.message) for w in record} == expected
    return res


def _frame(name: str) -> tuple[pd.DataFrame, list[str]]:
    ds = REF["datasets"][name]
    by = ds["by"] if isinstance(ds["by"], list) else [ds["by"]]
    return pd.DataFrame(ds["data"]), by


# --------------------------------------------------------------- metafor parity


def test_reference_grid_is_complete() -> None:
    assert tuple(REF["methods"]) == METHODS
    assert tuple(REF["tests"]) == TESTS
    assert set(REF["outputs"]) == set(KIND)
    assert set(REF["datasets"]) == set(DATASETS)
    sizes: set[int] = set()
    for name in DATASETS:
        ds = REF["datasets"][name]
        n_groups = len(next(iter(ds["groups"].values())))
        assert n_groups >= 3
        assert set(ds["fits"]) == {f"{m}_{t}" for m in METHODS for t in TESTS}
        for fit in ds["fits"].values():
            assert set(fit) == set(KIND)
            assert all(len(values) == n_groups for values in fit.values())
        sizes.update(int(k) for k in ds["fits"]["REML_z"]["k"])
    # The grid covers a one-study and a two-study group, and groups where τ² = 0.
    assert {1, 2} <= sizes
    assert min(REF["datasets"]["konstantopoulos2011_district"]["fits"]["DL_z"]["tau2"]) == 0


@pytest.mark.parametrize("test", TESTS)
@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("name", DATASETS)
def test_matches_metafor_per_group(name: str, method: str, test: str) -> None:
    frame, by = _frame(name)
    res = _fit(frame, by, method, test, tau2_ci=True)
    expected = dict(REF["datasets"][name]["fits"][f"{method}_{test}"])
    for by_column, keys in REF["datasets"][name]["groups"].items():
        assert res[by_column].tolist() == keys
    if method == "FE":
        # metafor's predict() gives no prediction interval for a common-effect model;
        # like meta_analysis(), the batch reports the CI there.
        assert all(p is None for p in expected["pi_lower"] + expected["pi_upper"])
        expected["pi_lower"], expected["pi_upper"] = expected["ci_lower"], expected["ci_upper"]
    _beyond_metafor_limit(res, expected)
    for output, kind in KIND.items():
        assert_close(
            res[output].to_numpy(float), expected[output], kind, f"{name} {method} {test} {output}"
        )


def _beyond_metafor_limit(res: pd.DataFrame, expected: dict[str, Any]) -> None:
    """Where metafor's Q-profile bound stopped at its search limit ``max(100, 10·τ²)``.

    metafor then reports the limit itself (printed as "> 100"); meta_analysis()
    and the batch widen the search until the root is bracketed. There the
    bound must lie beyond the limit, and the rest of the row is compared as usual.
    """
    limit = np.maximum(100.0, 10.0 * np.asarray(expected["tau2"], dtype=float))
    for side in ("lower", "upper"):
        bound = np.asarray([np.nan if b is None else b for b in expected[f"tau2_ci_{side}"]])
        hit = bound == limit
        for column in (f"tau2_ci_{side}", f"i2_ci_{side}", f"h2_ci_{side}"):
            got = res[column].to_numpy(float)
            want = list(expected[column])
            assert np.all(got[hit] > np.asarray(want, dtype=float)[hit])
            for i in np.flatnonzero(hit):
                want[i] = got[i]
            expected[column] = want


def test_columns_are_keys_then_result_fields() -> None:
    frame, by = _frame("dossier")
    res = meta_analysis_batch(frame, by=by)
    assert list(res.columns) == [*by, *BATCH_COLUMNS]
    assert tuple(meta_analysis([0.1, 0.2], [0.01, 0.02]).to_dict()) == BATCH_COLUMNS
    row = res.iloc[0]
    assert row["method"] == "REML"
    assert row["test"] == "z"
    assert row["level"] == 0.95
    assert row["k_used"] == row["k_total"] == row["k"]
    assert row["omitted"] == []
    assert bool(row["converged"])


def test_single_study_group_uses_z_test() -> None:
    frame, by = _frame("dossier")
    res = _fit(frame, by, "REML", "knha")
    one = res[res["k"] == 1].iloc[0]
    assert one["test"] == "z"
    assert one["tau2"] == 0.0
    assert one["q_df"] == 0
    assert math.isnan(one["tau2_se"])
    assert res[res["k"] > 1]["test"].eq("knha").all()


def test_q_profile_columns_are_nan_unless_asked() -> None:
    frame, by = _frame("bcg_alloc")
    res = meta_analysis_batch(frame, by=by)
    for column in (
        "tau2_ci_lower",
        "tau2_ci_upper",
        "i2_ci_lower",
        "i2_ci_upper",
        "h2_ci_lower",
        "h2_ci_upper",
    ):
        assert res[column].isna().all()


# --------------------------------------------------------------------- grouping


def test_group_order_is_first_appearance_and_keys_are_kept() -> None:
    frame = pd.DataFrame(
        {
            "principle": ["p2", "p1", "p2", "p1", "p2"],
            "outcome": ["o1", "o1", "o1", "o2", "o2"],
            "yi": [0.1, 0.2, 0.3, 0.4, 0.5],
            "vi": [0.01, 0.02, 0.03, 0.04, 0.05],
        }
    )
    res = meta_analysis_batch(frame, by=["principle", "outcome"], method="DL")
    assert res[["principle", "outcome"]].to_numpy().tolist() == [
        ["p2", "o1"],
        ["p1", "o1"],
        ["p1", "o2"],
        ["p2", "o2"],
    ]
    assert res["k"].tolist() == [2, 1, 1, 1]


def test_missing_group_key_is_its_own_group() -> None:
    frame = pd.DataFrame(
        {
            "cell": ["a", None, "a", None],
            "yi": [0.1, 0.2, 0.3, 0.4],
            "vi": [0.01, 0.02, 0.03, 0.04],
        }
    )
    res = meta_analysis_batch(frame, by="cell", method="DL")
    assert res["k"].tolist() == [2, 2]
    assert res["cell"].iloc[0] == "a"
    assert res["cell"].isna().iloc[1]


@pytest.mark.parametrize(
    "cells",
    [
        pd.array(["a", pd.NA, "b", "a", pd.NA, "b"], dtype="string"),
        pd.array([1, pd.NA, 2, 1, pd.NA, 2], dtype="Int64"),
        pd.Series(["a", pd.NA, "b", "a", pd.NA, "b"], dtype=object),
        pd.Categorical(["a", "c", "b", "a", "c", "b"], categories=["c", "b", "a"]),
    ],
)
def test_keys_of_any_dtype_group_by_value_in_order_of_appearance(cells: Any) -> None:
    frame = pd.DataFrame(
        {"cell": cells, "yi": [0.1, 0.2, 0.3, 0.5, 0.1, 0.2], "vi": [0.01, 0.02, 0.03] * 2}
    )
    res = meta_analysis_batch(frame, by="cell", method="DL")
    assert res["k"].tolist() == [2, 2, 2]
    assert res["estimate"].notna().all()
    a = meta_analysis_batch(frame.iloc[[0, 3]], by="cell", method="DL")
    assert res["estimate"].iloc[0] == pytest.approx(a["estimate"].iloc[0], rel=1e-12)
    assert res["cell"].iloc[0] == frame["cell"].iloc[0]


# -------------------------------------------------------------------- bad input


def test_invalid_rows_name_every_group_and_row() -> None:
    frame = pd.DataFrame(
        {
            "cell": ["a", "a", "b", "b", "c"],
            "yi": [0.1, np.nan, 0.2, 0.3, 0.4],
            "vi": [0.01, 0.02, 0.0, 0.02, 0.03],
        },
        index=[10, 11, 12, 13, 14],
    )
    with pytest.raises(StatsInputError) as info:
        meta_analysis_batch(frame, by="cell")
    err = info.value
    assert err.positions == (1, 2)
    assert err.argument == "yi, vi"
    text = err.render("en")
    assert "'a': 11" in text
    assert "'b': 12" in text
    assert "'c'" not in text
    assert "2 row(s)" in text
    assert "rijlabels per groep" in err.render("nl")


def test_infinite_variance_is_invalid() -> None:
    frame = pd.DataFrame({"cell": ["a", "a"], "yi": [0.1, 0.2], "vi": [np.inf, 0.1]})
    with pytest.raises(StatsInputError, match="'a': 0"):
        meta_analysis_batch(frame, by="cell")


@pytest.mark.parametrize(
    ("kwargs", "argument"),
    [
        ({"method": "RML"}, "method"),
        ({"test": "t"}, "test"),
        ({"level": 0}, "level"),
        ({"control": {"treshold": 1e-8}}, "control"),
    ],
)
def test_bad_options(kwargs: dict[str, Any], argument: str) -> None:
    frame, by = _frame("bcg_alloc")
    with pytest.raises(StatsInputError) as info:
        meta_analysis_batch(frame, by=by, **kwargs)
    assert info.value.argument == argument


@pytest.mark.parametrize("columns", [{"by": "nope"}, {"yi": "effect"}, {"vi": "var"}])
def test_missing_column(columns: dict[str, str]) -> None:
    frame, by = _frame("bcg_alloc")
    kwargs: dict[str, Any] = {"by": by, **columns}
    with pytest.raises(StatsInputError) as info:
        meta_analysis_batch(frame, **kwargs)
    assert info.value.argument == next(iter(columns.values()))
    assert "alloc" in info.value.render("en")


def test_non_numeric_effect() -> None:
    frame = pd.DataFrame({"cell": ["a", "a"], "yi": ["0.1", "x"], "vi": [0.1, 0.1]})
    with pytest.raises(StatsInputError) as info:
        meta_analysis_batch(frame, by="cell")
    assert info.value.positions == (1,)


def test_empty_frame() -> None:
    frame = pd.DataFrame({"cell": [], "yi": [], "vi": []})
    with pytest.raises(StatsInputError, match="yi"):
        meta_analysis_batch(frame, by="cell")


# ------------------------------------------------------------------ properties


def _synthetic(seed: int, n_groups: int, k_max: int) -> pd.DataFrame:
    """Seeded synthetic groups (labelled synthetic): sizes 1..k_max, τ² in {0, .02, .1}."""
    rng = np.random.default_rng(seed)
    sizes = rng.integers(1, k_max + 1, n_groups)
    tau2 = rng.choice([0.0, 0.02, 0.1], n_groups)
    cells = np.repeat(np.arange(n_groups), sizes)
    vi = rng.uniform(0.005, 0.2, len(cells))
    yi = rng.normal(0.3, np.sqrt(tau2[cells]) + np.sqrt(vi))
    return pd.DataFrame({"cell": [f"synthetic-{c}" for c in cells], "yi": yi, "vi": vi})


@settings(max_examples=50, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), method=st.sampled_from(METHODS))
def test_result_does_not_depend_on_row_order(seed: int, method: str) -> None:
    frame = _synthetic(seed, n_groups=6, k_max=8)
    shuffled = frame.sample(frac=1.0, random_state=seed % 2**31)
    a = meta_analysis_batch(frame, by="cell", method=method).set_index("cell")
    b = meta_analysis_batch(shuffled, by="cell", method=method).set_index("cell")
    b = b.loc[a.index]
    for column in ("estimate", "se", "tau2", "q", "i2"):
        np.testing.assert_allclose(b[column], a[column], rtol=1e-9, atol=1e-12)


# ------------------------------------------------------- equality with the single fit

#: A synthetic group (labelled synthetic; from benchmarks/bench_batch.py's seed) on
#: which plain Fisher scoring for REML oscillates (the step overshoots the root).
HARD_YI = [0.548971, 0.619001, 0.249557, -0.078455, 0.318771, -0.4229, 0.259057, 0.456602,
           0.416501, 0.192183, -0.067137, 0.445459, 0.772481, 0.333511, 0.224489, 0.357635,
           0.31399, 0.170248, 0.400561, 0.611669]  # fmt: skip
HARD_VI = [0.17475, 0.138175, 0.173636, 0.124571, 0.106762, 0.00599, 0.026465, 0.120818,
           0.12822, 0.125406, 0.191081, 0.018123, 0.078027, 0.077678, 0.057963, 0.171143,
           0.12735, 0.079333, 0.067897, 0.083208]  # fmt: skip


def _single_fit_frame() -> pd.DataFrame:
    """Seeded synthetic groups of every size 1..15 (τ² = 0 groups too) plus the hard group."""
    frame = _synthetic(seed=20261123, n_groups=80, k_max=15)
    hard = pd.DataFrame({"cell": "synthetic-hard", "yi": HARD_YI, "vi": HARD_VI})
    equal = pd.DataFrame({"cell": "synthetic-equal", "yi": [0.2] * 4, "vi": [0.05] * 4})
    return pd.concat([frame, hard, equal], ignore_index=True)


def _single(y: np.ndarray, v: np.ndarray, method: str, test: str) -> dict[str, Any]:
    """The single fit's to_dict(), checking the warnings it gives.

    Only its Knapp–Hartung notices (k = 1, FE), and a ConvergenceWarning exactly
    when ``converged`` is False.
    """
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        out = meta_analysis(y, v, method, test).to_dict()
    notices = {
        message("stats.pool.knha_k1", function="meta_analysis"),
        message("stats.pool.knha_fe", function="meta_analysis"),
    }
    convergence = [w for w in record if issubclass(w.category, ConvergenceWarning)]
    assert {str(w.message) for w in record if w not in convergence} <= notices
    assert bool(convergence) == (not out["converged"])
    return out


@pytest.mark.parametrize("test", TESTS)
@pytest.mark.parametrize("method", METHODS)
def test_equals_loop_of_single_fits(method: str, test: str) -> None:
    frame = _single_fit_frame()
    batch = _fit(frame, "cell", method, test, tau2_ci=True)
    assert {1, 2, 15} <= set(batch["k"])
    assert ((batch["tau2"] == 0) & (batch["k"] >= 2)).any()  # τ² = 0 groups are covered
    for i, (cell, rows) in enumerate(frame.groupby("cell", sort=False)):
        assert batch["cell"].iloc[i] == cell
        expected = _single(rows["yi"].to_numpy(), rows["vi"].to_numpy(), method, test)
        got = batch.iloc[i]
        for column in BATCH_COLUMNS:
            want = expected[column]
            if column == "iterations" and method == "PM":
                # PM's count is that of scipy's brentq in the single fit; the batch
                # solves the same equation by safeguarded Newton (fewer iterations).
                assert got[column] >= 0
            elif isinstance(want, float):
                np.testing.assert_allclose(
                    float(got[column]), want, rtol=1e-10, atol=1e-12, err_msg=f"{cell} {column}"
                )
            else:
                assert got[column] == want, f"{cell} {column}"


def test_creeping_groups_converge_as_the_single_fit() -> None:
    """Synthetic groups of bench_batch.py on which Fisher scoring creeps (see test_tau2.py)."""
    from tests.stats.test_tau2 import V717, V6300, Y717, Y6300

    frame = pd.DataFrame(
        {
            "cell": ["synthetic-06300"] * 20 + ["synthetic-00717"] * 20,
            "yi": np.concatenate([Y6300, Y717]),
            "vi": np.concatenate([V6300, V717]),
        }
    )
    for method in ("REML", "ML"):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            batch = meta_analysis_batch(frame, by="cell", method=method)
        assert batch["converged"].all()
        assert (batch["iterations"] < 1000).all()
        for i, (y, v) in enumerate(((Y6300, V6300), (Y717, V717))):
            single = meta_analysis(y, v, method=method)
            assert single.converged
            np.testing.assert_allclose(batch["tau2"].iloc[i], single.tau2, rtol=1e-10, atol=1e-12)
            np.testing.assert_allclose(
                batch["estimate"].iloc[i], single.estimate, rtol=1e-10, atol=1e-12
            )
            assert batch["iterations"].iloc[i] == single.iterations


def test_consecutive_and_scattered_groups_of_one_size_fit_alike() -> None:
    """A bucket of equal-size groups is sliced when its groups are adjacent, else gathered."""
    rng = np.random.default_rng(3)  # seeded synthetic data
    sizes = {"a": 3, "b": 5, "c": 3, "d": 3}
    parts = {c: (rng.normal(0.3, 0.3, k), rng.uniform(0.01, 0.2, k)) for c, k in sizes.items()}

    def frame(order: str) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "cell": [c for c in order for _ in range(sizes[c])],
                "yi": np.concatenate([parts[c][0] for c in order]),
                "vi": np.concatenate([parts[c][1] for c in order]),
            }
        )

    scattered = meta_analysis_batch(frame("abcd"), by="cell").set_index("cell")
    adjacent = meta_analysis_batch(frame("acdb"), by="cell").set_index("cell")
    pd.testing.assert_frame_equal(adjacent.loc[list("abcd")], scattered)
    assert (scattered["tau2"] > 0).any()
