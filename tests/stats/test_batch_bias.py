"""egger_test_batch / trim_and_fill_batch: equal to egger_test / trim_and_fill group by group.

The single fits are checked against metafor in test_bias.py; here every
group of a batch must give the single fit's result on every reported field
to 1e-10 (relative to max(1, |value|)), or the same error. Data: real
published data (dat.bcg in tests/data/bcg.csv, Colditz et al. 1994; the
example dossier dossiers/recidive-cgt, Landenberger & Lipsey 2005) split into
many groups, and SYNTHETIC groups (seeded) with τ² = 0, k = 3, identical or
nearly identical variances and invalid input.
"""

from __future__ import annotations

import itertools
import math
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from tests.conftest import EXAMPLE_DOSSIER
from watwerkt.errors import WatwerktError
from watwerkt.stats import _batch_bias
from watwerkt.stats._batch_bias import egger_test_batch, trim_and_fill_batch
from watwerkt.stats.bias import EggerTestResult, TrimFillResult, egger_test, trim_and_fill
from watwerkt.synthesis.effects import effect_table
from watwerkt.synthesis.evidence import collect_evidence

RTOL = 1e-10
EGGER_FIELDS = (
    "statistic", "pvalue", "df", "limit_estimate", "limit_ci_lower", "limit_ci_upper",
    "slope", "slope_se", "tau2",
)  # fmt: skip
TF_FIELDS = (
    "se_k0", "p_k0", "estimate", "se", "statistic", "pvalue", "ci_lower", "ci_upper", "tau2",
)  # fmt: skip
Groups = list[tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]]


def _bcg_groups() -> Groups:
    """dat.bcg: the whole data, each allocation, and every window of 4-10 consecutive trials."""
    bcg = pd.read_csv(Path(__file__).parent.parent / "data" / "bcg.csv")
    y, v = bcg["yi"].to_numpy(float), bcg["vi"].to_numpy(float)
    groups: Groups = [(y, v)]
    for _, part in bcg.groupby("alloc"):
        groups.append((part["yi"].to_numpy(float), part["vi"].to_numpy(float)))
    for size in range(4, 11):
        groups += [(y[i : i + size], v[i : i + size]) for i in range(len(y) - size + 1)]
    return groups


def _dossier_groups() -> Groups:
    """recidive-cgt: every principle's studies, all 58, and seeded random subsets."""
    table = effect_table(collect_evidence(EXAMPLE_DOSSIER))
    y, v = table["yi"].to_numpy(float), table["vi"].to_numpy(float)
    groups: Groups = [(y, v)]
    for pid in sorted({p for ps in table["principles"] for p in ps}):
        has = np.array([pid in ps for ps in table["principles"]])
        groups += [(y[has], v[has]), (y[~has], v[~has])]
    rng = np.random.default_rng(2005)
    for size in (3, 5, 10, 15, 25, 40):
        for _ in range(6):
            pick = np.sort(rng.choice(len(y), size, replace=False))
            groups.append((y[pick], v[pick]))
    return groups


def _synthetic_groups(seed: int = 7, count: int = 120) -> Groups:
    """SYNTHETIC: sizes 3-40, τ² in {0, 0.02, 0.1}, with and without small-study lean."""
    rng = np.random.default_rng(seed)
    groups: Groups = []
    for _ in range(count):
        k = int(rng.integers(3, 41))
        v = rng.uniform(0.005, 0.2, k)
        tau2 = float(rng.choice([0.0, 0.02, 0.1]))
        lean = float(rng.choice([0.0, 1.5, -1.5]))
        groups.append((0.2 + lean * np.sqrt(v) + rng.normal(0, np.sqrt(v + tau2)), v))
    # τ² = 0 at the boundary: effects closer together than their variances allow
    v = rng.uniform(0.02, 0.1, 12)
    groups.append((0.3 + 0.01 * rng.normal(size=12), v))
    groups.append((np.full(8, 0.25), rng.uniform(0.01, 0.05, 8)))  # identical effects
    groups.append((np.array([0.1, 0.5, 0.2]), np.array([0.01, 0.04, 0.02])))  # k = 3
    groups.append((np.array([0.1, 0.5, 0.2, 0.4]), np.full(4, 0.03)))  # identical vi
    nearly = 0.03 * (1 + 1e-6 * np.arange(6))  # nearly identical vi (ill-conditioned)
    groups.append((np.array([0.1, 0.5, 0.2, 0.4, 0.3, 0.35]), nearly))
    groups.append((np.array([0.1, 0.5]), np.array([0.01, 0.02])))  # k = 2: too few
    groups.append((np.array([0.1, np.nan, 0.2, 0.3]), np.full(4, 0.02)))  # missing yi
    groups.append((np.array([0.1, 0.2, 0.2, 0.3]), np.array([0.02, 0.0, 0.01, 0.03])))  # vi = 0
    return groups


def _stack(groups: Groups) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any], list[int]]:
    y = np.concatenate([g[0] for g in groups])
    v = np.concatenate([g[1] for g in groups])
    return y, v, [len(g[0]) for g in groups]


def _close(actual: Any, expected: Any, what: str) -> float:
    """Assert |a − e| ≤ RTOL·max(1, |e|) elementwise (NaN only where NaN); return the max."""
    a = np.atleast_1d(np.asarray(actual, dtype=float))
    e = np.atleast_1d(np.asarray(expected, dtype=float))
    assert a.shape == e.shape, what
    assert np.array_equal(np.isnan(a), np.isnan(e)), (what, a, e)
    ok = ~np.isnan(e)
    diff = np.abs(a[ok] - e[ok]) / np.maximum(1.0, np.abs(e[ok]))
    worst = float(diff.max(initial=0.0))
    assert worst <= RTOL, (what, a, e)
    return worst


def _single(function: Any, *args: Any, **kwargs: Any) -> Any:
    try:
        return function(*args, **kwargs)
    except WatwerktError as err:
        return err


def _same_error(actual: Any, expected: WatwerktError) -> None:
    assert type(actual) is type(expected)
    assert str(actual) == str(expected)


GROUPS = {
    "bcg": _bcg_groups(),
    "recidive": _dossier_groups(),
    "synthetic": _synthetic_groups(),
}


# ------------------------------------------------------------------- Egger


@pytest.mark.parametrize(
    ("data", "method", "test"),
    [
        *itertools.product(("bcg", "recidive", "synthetic"), ("REML", "ML"), ("z", "knha")),
        *itertools.product(("bcg", "synthetic"), ("DL", "FE", "PM"), ("z",)),
        ("synthetic", "DL", "knha"),
    ],
)
def test_egger_batch_equals_egger_test_per_group(data: str, method: str, test: str) -> None:
    groups = GROUPS[data]
    y, v, sizes = _stack(groups)
    with warnings.catch_warnings():
        # the single fits of invalid groups raise; nothing may warn
        warnings.simplefilter("error")
        batch = egger_test_batch(y, v, sizes, method, test, level=0.9)
    assert len(batch) == len(groups)
    compared = 0
    for (yg, vg), got in zip(groups, batch, strict=True):
        if test == "knha" and np.ptp(yg) == 0:
            # Knapp-Hartung scales the covariance by a residual sum of squares of 0:
            # every standard error is 0, so the statistic is ±inf or NaN (its sign is
            # rounding noise; metafor prints t = -Inf) in both paths; the limit
            # estimate and its degenerate CI agree.
            single = egger_test(yg, vg, method, test, 0.9)
            assert isinstance(got, EggerTestResult)
            assert not math.isfinite(got.statistic)
            assert not math.isfinite(single.statistic)
            for name in ("limit_estimate", "limit_ci_lower", "limit_ci_upper"):
                _close(getattr(got, name), getattr(single, name), name)
            continue
        want = _single(egger_test, yg, vg, method, test, 0.9)
        if isinstance(want, WatwerktError):
            _same_error(got, want)
            continue
        assert isinstance(got, EggerTestResult)
        for name in EGGER_FIELDS:
            _close(getattr(got, name), getattr(want, name), name)
        for name in ("model", "predictor", "method", "test", "level", "k"):
            assert getattr(got, name) == getattr(want, name), name
        compared += 1
    assert compared >= len(groups) - 5  # the few invalid synthetic groups raise


def test_egger_batch_covers_tau2_zero_and_positive() -> None:
    # the comparisons above include both sides of the boundary, and several block sizes
    y, v, sizes = _stack(GROUPS["synthetic"])
    res = [r for r in egger_test_batch(y, v, sizes) if isinstance(r, EggerTestResult)]
    tau2 = np.array([r.tau2 for r in res])
    assert (tau2 == 0).sum() >= 10
    assert (tau2 > 0).sum() >= 10
    assert len({r.k for r in res}) >= 20


def test_egger_batch_hands_unsettled_groups_to_the_single_fit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Scoring that does not settle within its steps is never reported from the block:
    # with 0 scoring steps every ML/REML group goes to egger_test, with the same result.
    groups = GROUPS["bcg"][:6]
    y, v, sizes = _stack(groups)
    calls: list[int] = []

    def counting(*args: Any, **kwargs: Any) -> EggerTestResult:
        calls.append(len(args[0]))
        return egger_test(*args, **kwargs)

    monkeypatch.setattr(_batch_bias, "_SCORING_STEPS", 0)
    monkeypatch.setattr(_batch_bias, "egger_test", counting)
    batch = egger_test_batch(y, v, sizes)
    assert calls == sizes
    for (yg, vg), got in zip(groups, batch, strict=True):
        want = _single(egger_test, yg, vg)
        if isinstance(want, WatwerktError):
            _same_error(got, want)
        else:
            assert isinstance(got, EggerTestResult)
            assert got.to_dict() == pytest.approx(want.to_dict(), nan_ok=True)


def test_egger_batch_rejects_bad_options_and_shapes() -> None:
    with pytest.raises(WatwerktError, match="'method' van egger_test\\(\\)"):
        egger_test_batch([0.1, 0.2, 0.3], [0.01, 0.02, 0.03], [3], method="RML")
    with pytest.raises(ValueError, match="sum\\(sizes\\)"):
        egger_test_batch([0.1, 0.2, 0.3], [0.01, 0.02, 0.03], [4])


# ----------------------------------------------------------- trim-and-fill


def _compare_trim_fill(got: Any, want: Any, *, pm: bool = False) -> None:
    if isinstance(want, WatwerktError):
        _same_error(got, want)
        return
    assert isinstance(got, TrimFillResult)
    for name in ("k0", "side", "estimator", "k", "method", "iterations"):
        assert getattr(got, name) == getattr(want, name), name
    for name in TF_FIELDS:
        _close(getattr(got, name), getattr(want, name), name)
    _close(got.yi, want.yi, "yi")
    _close(got.vi, want.vi, "vi")
    assert np.array_equal(got.fill, want.fill)
    g, w = got.filled.to_dict(), want.filled.to_dict()
    assert g.keys() == w.keys()
    for name, value in w.items():
        if name == "iterations" and pm:
            continue  # PM's root finder counts differently in the batch (meta_analysis_batch)
        if isinstance(value, float):
            _close(g[name], value, f"filled.{name}")
        else:
            assert g[name] == value, name
    _close(got.filled.weights, want.filled.weights, "filled.weights")
    _close(got.filled.yi, want.filled.yi, "filled.yi")


@pytest.mark.parametrize(
    ("data", "method", "estimator", "given_side"),
    [
        *itertools.product(("bcg", "recidive", "synthetic"), ("REML",), ("L0", "R0"), (False,)),
        ("synthetic", "REML", "Q0", False),
        ("synthetic", "REML", "L0", True),
        ("synthetic", "ML", "L0", False),
        ("synthetic", "DL", "R0", True),
        ("bcg", "PM", "L0", False),
        ("bcg", "FE", "L0", False),
    ],
)
def test_trim_and_fill_batch_equals_trim_and_fill_per_group(
    data: str, method: str, estimator: str, given_side: bool
) -> None:
    groups = GROUPS[data]
    y, v, sizes = _stack(groups)
    sides = [("left", "right")[i % 2] for i in range(len(groups))] if given_side else None
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        batch = trim_and_fill_batch(y, v, sizes, method, 0.9, sides=sides, estimator=estimator)
    assert len(batch) == len(groups)
    filled = 0
    for i, ((yg, vg), got) in enumerate(zip(groups, batch, strict=True)):
        side = sides[i] if sides else None
        want = _single(trim_and_fill, yg, vg, method, 0.9, side=side, estimator=estimator)
        _compare_trim_fill(got, want, pm=method == "PM")
        filled += isinstance(want, TrimFillResult) and want.k0 > 0
    assert filled >= 3  # studies were imputed, not only k0 = 0


def test_trim_and_fill_batch_reports_the_single_fits_convergence_error() -> None:
    groups = GROUPS["synthetic"][:30]
    y, v, sizes = _stack(groups)
    batch = trim_and_fill_batch(y, v, sizes, maxiter=1)
    errors = 0
    for (yg, vg), got in zip(groups, batch, strict=True):
        want = _single(trim_and_fill, yg, vg, maxiter=1)
        _compare_trim_fill(got, want)
        errors += isinstance(want, WatwerktError)
    assert errors >= 5


def test_batches_of_no_groups_and_empty_groups() -> None:
    assert egger_test_batch([], [], []) == []
    assert trim_and_fill_batch([], [], []) == []
    res = egger_test_batch([0.1, 0.2, 0.3], [0.01, 0.02, 0.04], [0, 3])
    assert isinstance(res[0], WatwerktError)
    assert isinstance(res[1], EggerTestResult)
    assert math.isfinite(res[1].pvalue)
