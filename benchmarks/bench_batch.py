"""Time many independent meta-analyses: batch vs single-fit loop vs PyMARE vs statsmodels.

Not a test: run it by hand on a quiet machine and copy the table into
benchmarks/README.md.

    python benchmarks/bench_batch.py [--groups 10000] [--k 20] [--method REML]

Every contender gets the same seeded synthetic data (labelled synthetic: G groups
of k studies, true τ² drawn from {0, 0.02, 0.1}, sampling variances uniform on
[0.005, 0.2]) and produces the "full output" a dossier needs per group: pooled
estimate with CI, prediction interval, τ², I², Q (and its p-value).

- ``meta_analysis_batch``: one call on the long DataFrame (grouping included).
- ``meta_analysis`` loop: one single fit per group, on pre-split numpy arrays;
  timed on a subset (default 1,000 groups) and extrapolated, and compared with
  the batch (run with ``tau2_ci=True``, as the single fit always computes the
  Q-profile intervals) on every numeric column.
- PyMARE: ``VarianceBasedLikelihoodEstimator`` fits all groups at once on a
  (k, G) array; ``get_fe_stats()`` and ``get_heterogeneity_stats()`` give CI, Q
  and I²; PyMARE has no prediction interval, so it is added with numpy
  (``estimate ± z·sqrt(se² + τ²)``), which costs well under a millisecond.
- statsmodels ``combine_effects`` loop: it has no REML, so it runs its
  Paule–Mandel ("iterated") estimator; it is timed on a subset and extrapolated.
"""

from __future__ import annotations

import argparse
import os
import time
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from watwerkt.errors import ConvergenceWarning
from watwerkt.stats.batch import BATCH_COLUMNS, meta_analysis_batch

NUMERIC = [
    c
    for c in BATCH_COLUMNS
    if c not in ("method", "test", "level", "converged", "omitted", "k_used", "k_total")
]


def synthetic(groups: int, k: int, seed: int) -> pd.DataFrame:
    """Seeded synthetic long table: ``groups`` cells of ``k`` studies each."""
    rng = np.random.default_rng(seed)
    tau2 = rng.choice([0.0, 0.02, 0.1], groups)
    vi = rng.uniform(0.005, 0.2, (groups, k))
    yi = rng.normal(0.3, np.sqrt(tau2)[:, None], (groups, k)) + rng.normal(0.0, np.sqrt(vi))
    cells = np.repeat([f"cell-{g:05d}" for g in range(groups)], k)
    return pd.DataFrame({"cell": cells, "yi": yi.ravel(), "vi": vi.ravel()})


def best_of(repeats: int, fn: Callable[[], Any]) -> tuple[float, Any]:
    """Return the fastest wall time of ``repeats`` runs and the last result."""
    best, out = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - start)
    return best, out


def run_batch(frame: pd.DataFrame, method: str, tau2_ci: bool = False) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # counted via `converged`
        return meta_analysis_batch(frame, by="cell", method=method, tau2_ci=tau2_ci)


def run_single(ys: list[np.ndarray], vs: list[np.ndarray], method: str) -> np.ndarray:
    from watwerkt.stats.pool import meta_analysis

    rows = np.empty((len(ys), len(NUMERIC)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)  # counted via `converged`
        for i, (y, v) in enumerate(zip(ys, vs, strict=True)):
            d = meta_analysis(y, v, method=method).to_dict()
            rows[i] = [np.nan if d[c] is None else d[c] for c in NUMERIC]
    return rows


def run_pymare(y: np.ndarray, v: np.ndarray, method: str) -> dict[str, np.ndarray]:
    from pymare import Dataset
    from pymare.estimators import DerSimonianLaird, VarianceBasedLikelihoodEstimator

    if method == "DL":
        est = DerSimonianLaird(small_sample_correction="wald")
    else:
        est = VarianceBasedLikelihoodEstimator(method=method, small_sample_correction="wald")
    est.fit_dataset(Dataset(y=y, v=v, add_intercept=True))
    summary = est.summary()
    fe = summary.get_fe_stats()
    het = summary.get_heterogeneity_stats()
    tau2 = np.asarray(summary.tau2).ravel()
    estimate, se = fe["est"][0], fe["se"][0]
    half = 1.959963984540054 * np.sqrt(se**2 + tau2)
    return {
        "estimate": estimate,
        "se": se,
        "ci_lower": fe["ci_l"][0],
        "ci_upper": fe["ci_u"][0],
        "pi_lower": estimate - half,
        "pi_upper": estimate + half,
        "tau2": tau2,
        "i2": np.asarray(het["I^2"]),
        "q": np.asarray(het["Q"]),
        "q_pvalue": np.asarray(het["p(Q)"]),
    }


def run_statsmodels(ys: list[np.ndarray], vs: list[np.ndarray]) -> np.ndarray:
    from statsmodels.stats.meta_analysis import combine_effects

    out = np.empty((len(ys), 5))
    for i, (y, v) in enumerate(zip(ys, vs, strict=True)):
        res = combine_effects(y, v, method_re="iterated")
        ci = res.conf_int(use_t=False)[2]  # random-effects CI
        half = res.crit * np.sqrt(res.sd_eff_w_re**2 + res.tau2)
        out[i] = [res.mean_effect_re, ci[0], ci[1], res.mean_effect_re - half, res.tau2]
        _ = res.q, res.i2, res.test_homogeneity()
    return out


def max_diff(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """Largest absolute and relative difference; NaN in only one of them is infinite."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    one_nan = np.isnan(a) != np.isnan(b)
    both = ~np.isnan(a) & ~np.isnan(b)
    absd = np.abs(a - b)[both]
    reld = absd / np.maximum(np.abs(b[both]), 1e-300)
    if one_nan.any():
        return float("inf"), float("inf")
    return (float(absd.max()) if absd.size else 0.0), (float(reld.max()) if reld.size else 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--groups", type=int, default=10_000)
    parser.add_argument("--k", type=int, default=20)
    parser.add_argument("--method", default="REML")
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--statsmodels-subset", type=int, default=1_000)
    parser.add_argument("--single-subset", type=int, default=1_000)
    args = parser.parse_args()
    g, k, method = args.groups, args.k, args.method

    frame = synthetic(g, k, args.seed)
    y = frame["yi"].to_numpy().reshape(g, k)
    v = frame["vi"].to_numpy().reshape(g, k)
    ys, vs = list(y), list(v)
    print(f"synthetic data: {g} groups x {k} studies, method={method}, seed={args.seed}")
    print(f"load average (1, 5, 15 min) at start: {os.getloadavg()}")

    rows: list[tuple[str, float, str]] = []
    t_batch, batch = best_of(5, lambda: run_batch(frame, method))
    rows.append(("meta_analysis_batch", t_batch, ""))
    # meta_analysis() always computes the Q-profile CIs: compare with tau2_ci=True
    t_ci, batch_ci = best_of(3, lambda: run_batch(frame, method, tau2_ci=True))
    rows.append(("meta_analysis_batch(tau2_ci=True)", t_ci, ""))
    b = batch_ci[NUMERIC].to_numpy(float)
    stuck = int((~batch["converged"]).sum())
    print(f"  {stuck} group(s) not converged (in the batch and in the single fit alike)")
    its = batch["iterations"].to_numpy()
    print(f"  iterations per group: mean {its.mean():.2f}, max {its.max()}")

    try:
        n_one = min(args.single_subset, g)
        t_single, single = best_of(1, lambda: run_single(ys[:n_one], vs[:n_one], method))
        t_single *= g / n_one
    except ModuleNotFoundError as err:  # the single-fit module is not there (yet)
        rows.append(("meta_analysis loop", float("nan"), f"not run: {err}"))
    else:
        worst_abs, worst_rel, worst_col = 0.0, 0.0, ""
        for j, column in enumerate(NUMERIC):
            a_d, r_d = max_diff(b[:n_one, j], single[:, j])
            worst_abs = max(worst_abs, a_d)
            if r_d > worst_rel:
                worst_rel, worst_col = r_d, column
        note = f"{worst_abs:.1e} abs, {worst_rel:.1e} rel ({worst_col})"
        name = "meta_analysis loop" + (f" ({n_one} groups, x{g / n_one:g})" if n_one < g else "")
        rows.append((name, t_single, note))

    if method in ("DL", "ML", "REML"):
        t_pymare, pym = best_of(3, lambda: run_pymare(y.T.copy(), v.T.copy(), method))
        tau_abs, _ = max_diff(pym["tau2"], batch["tau2"].to_numpy())
        note = f"(PyMARE's tau2 differs from ours by up to {tau_abs:.1e})"
        rows.append((f"PyMARE {method} (vectorised)", t_pymare, note))

    n_sub = min(args.statsmodels_subset, g)
    t_sm, _ = best_of(1, lambda: run_statsmodels(ys[:n_sub], vs[:n_sub]))
    rows.append((f"statsmodels loop (PM; {n_sub} groups, x{g / n_sub:g})", t_sm * g / n_sub, ""))

    print(f"load average at end: {os.getloadavg()}")
    print()
    print(f"{'method':<44} {'seconds':>9} {'µs/meta-analysis':>17}   max |batch - single|")
    for name, seconds, note in rows:
        print(f"{name:<44} {seconds:>9.3f} {seconds / g * 1e6:>17.1f}   {note}")


if __name__ == "__main__":
    main()
