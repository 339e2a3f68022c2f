"""The batch's global likelihood check finds exactly the sign changes of the full grid.

``_batch_tau2._GridCheck`` evaluates the score only where its bounds (monotone
parts, eigenvalue-rate bounds, and the band around each optimum where the
score provably falls) leave a sign change possible. These tests compare it with
a brute-force evaluation of all 161 grid points on synthetic data (labelled
synthetic, seeded) built to have several local maxima: sampling variances over
five decades and studies split into two distant clusters.
"""

from __future__ import annotations

import numpy as np
import pytest

from watwerkt.stats import _batch_tau2 as bt


def _hard_block(seed: int, k: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    kind = rng.integers(0, 3, n)
    narrow = rng.uniform(0.005, 0.2, (k, n))
    wide = 10.0 ** rng.uniform(-4, 1, (k, n))
    v = np.where(kind[None, :] == 0, narrow, wide)
    y = rng.normal(0.0, 1.0, (k, n)) * np.sqrt(v)
    shifted = (kind[None, :] == 2) & (rng.random((k, n)) < 0.5)
    return np.where(shifted, y + rng.uniform(1.0, 6.0, n)[None, :], y), v


def _changes(
    reml: bool, y: np.ndarray, v: np.ndarray
) -> tuple[set[tuple[int, int]], set[tuple[int, int]], int]:
    """Return the sign changes (column, row) found by the refined check and by brute force."""
    k, n = y.shape
    fit = bt.likelihood(
        "REML" if reml else "ML", y, v, threshold=1e-5, maxiter=100, global_check=False,
        tau2_max=100.0,
    )  # fmt: skip
    found = np.where(fit.converged, fit.tau2, 0.0)
    scale = bt.median0(v)
    hi = np.maximum.reduce([bt.tau2_upper(y, 100.0), 10 * found, 10 * np.var(y, axis=0), scale])
    lo = 1e-8 * scale
    log_ratio = np.log(hi / lo)
    grid = bt._GridCheck(reml, y, v, lo, log_ratio, bt._ScratchPool())
    score0, (cols, rows, _) = grid.sign_changes(found, fit.converged)
    full = np.empty((bt._GRID_POINTS + 1, n))
    for r in range(bt._GRID_POINTS + 1):
        a, b = bt._score_parts(reml, y, v, bt._grid_row(r, lo, log_ratio), bt._Scratch(k, n))
        full[r] = a - b
    np.testing.assert_array_equal(score0, full[0])
    b_cols, b_rows = np.nonzero(((full[:-1] > 0) & (full[1:] <= 0)).T)

    def others(c: np.ndarray, r: np.ndarray) -> set[tuple[int, int]]:
        """Changes other than the one holding a converged optimum (that one is left out)."""
        g_lo = bt._grid_at(r, lo[c], log_ratio[c])
        g_hi = bt._grid_at(r + 1, lo[c], log_ratio[c])
        held = fit.converged[c] & (g_lo <= found[c]) & (found[c] <= g_hi)
        return {(int(i), int(j)) for i, j in zip(c[~held], r[~held], strict=True)}

    several = int((np.bincount(b_cols, minlength=n) > 1).sum())
    return others(cols, rows), others(b_cols, b_rows), several


@pytest.mark.parametrize("reml", [True, False])
@pytest.mark.parametrize(("seed", "k"), [(5, 12), (6, 2), (7, 3), (8, 20), (9, 6)])
def test_refined_check_finds_the_full_grids_other_maxima(seed: int, k: int, reml: bool) -> None:
    y, v = _hard_block(seed, k, 4000)
    fast, brute, _ = _changes(reml, y, v)
    assert fast == brute


def test_the_hard_blocks_do_have_several_local_maxima() -> None:
    """Guard: the data above must exercise columns with more than one sign change."""
    y, v = _hard_block(5, 12, 4000)
    fast, brute, several = _changes(True, y, v)
    assert several >= 3
    assert len(brute) >= 10
    assert fast == brute


@pytest.mark.parametrize("reml", [True, False])
@pytest.mark.parametrize(("seed", "k"), [(5, 12), (7, 3), (8, 20)])
def test_score_falls_on_every_band(seed: int, k: int, reml: bool) -> None:
    """The band around an optimum is where the score provably decreases: check it densely."""
    y, v = _hard_block(seed, k, 1000)
    fit = bt.likelihood(
        "REML" if reml else "ML", y, v, threshold=1e-5, maxiter=100, global_check=False,
        tau2_max=100.0,
    )  # fmt: skip
    found = np.where(fit.converged, fit.tau2, 0.0)
    scale = bt.median0(v)
    hi = np.maximum.reduce([bt.tau2_upper(y, 100.0), 10 * found, 10 * np.var(y, axis=0), scale])
    lo = 1e-8 * scale
    grid = bt._GridCheck(reml, y, v, lo, np.log(hi / lo), bt._ScratchPool())
    score0 = bt._score_only(reml, y, v, np.zeros(y.shape[1]), bt._Scratch(k, y.shape[1]))
    band = grid._band(found, fit.converged, score0)
    assert band.col.size > 0.2 * y.shape[1]
    # 400 points from each band's lower to its upper end, and the optimum itself
    frac = np.linspace(0.0, 1.0, 400)[:, None]
    taus = np.sort(np.vstack([band.ta + frac * (band.tb - band.ta), found[band.col]]), axis=0)
    yc, vc = y[:, band.col], v[:, band.col]
    scores = np.array(
        [bt._score_only(reml, yc, vc, t, bt._Scratch(k, band.col.size)) for t in taus]
    )
    size = np.abs(scores).max(axis=0)
    rises = np.diff(scores, axis=0) > 1e-9 * size
    assert not rises.any()
    assert (band.ra <= band.rb - 1).all()
