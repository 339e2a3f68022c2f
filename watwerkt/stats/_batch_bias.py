"""Egger's test and trim-and-fill for many groups at once (private batch paths).

A dossier runs Egger's regression test and trim-and-fill in every principle ×
outcome cell with enough studies: thousands of single fits, each a
mixed-effects meta-regression (Egger) or a handful of meta-analyses
(trim-and-fill). :func:`egger_test_batch` and :func:`trim_and_fill_batch`
return, group by group, what :func:`watwerkt.stats.bias.egger_test` and
:func:`watwerkt.stats.bias.trim_and_fill` return (to about 1e-12), or the
error they raise, while the work runs on whole arrays.

Egger's regression ``yi ~ 1 + √vi`` has two coefficients, so every matrix of
the τ² estimator is 2 × 2 and is written out in per-group sums. Groups are
stacked in padded ``(K, n)`` blocks (column ``j`` one group, padded rows with
``vi = ∞`` so that their weight ``1/(vi + τ²)`` is exactly 0), and ML/REML
follow the single fit's path (:func:`watwerkt.stats.tau2._likelihood`): the
HE start, Newton/Fisher steps cut at τ² = 0, the root solved in the bracket
of an overshooting step, the boundary snap, the polish, and the global check
of every local maximum on the same 161-point grid (evaluated in full here).
A group the vectorised path cannot settle exactly as the single fit does
(bad input, scoring still running after 50 steps, an estimator without a
vectorised form) is handed to the single-fit function, so its result,
warnings and errors are the single fit's own; nothing is guessed.
Trim-and-fill runs its rounds for all groups together, each round one
:func:`~watwerkt.stats.batch.meta_analysis_batch` call on the trimmed data.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy import stats as sps

from watwerkt.errors import ConvergenceWarning, WatwerktError
from watwerkt.stats._batch_tau2 import _bisect, _grid_at
from watwerkt.stats._validation import check_level, check_option
from watwerkt.stats.batch import meta_analysis_batch
from watwerkt.stats.bias import (
    TRIMFILL_ESTIMATORS,
    TRIMFILL_SIDES,
    EggerTestResult,
    TrimFillResult,
    egger_test,
    trim_and_fill,
)
from watwerkt.stats.pool import TESTS, MetaResult, check_control
from watwerkt.stats.tau2 import (
    _GRID_POINTS,
    _MAD_CONSTANT,
    _SCORE_RTOL,
    _SCORING_STEPS,
    METHODS,
    FitControl,
)

__all__ = ["egger_test_batch", "trim_and_fill_batch"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.intp]
BoolArray = npt.NDArray[np.bool_]

#: τ² estimators with a vectorised form here; the others use the single fit per group.
EGGER_BATCH_METHODS: Final = frozenset({"FE", "DL", "ML", "REML"})
_EPS: Final = float(np.finfo(float).eps)
#: Padded blocks: a group joins the current block while its size is at most
#: this factor times the block's smallest size.
_PAD_RATIO: Final = 1.5
#: Grid rows evaluated together in one 3-D array (bounds the memory of the check).
_GRID_CELLS: Final = 2**21
#: Largest condition number of ``XᵀWX`` (X = [1, √vi]) settled on the block path.
#: The single fit solves the weighted least squares with the raw design, whose
#: rounding error grows with the condition number (measured: ~1e-16 × cond
#: between the two paths, 1e-4 at cond 1e12, e.g. √vi nearly constant), so
#: beyond this the group is handed to ``egger_test`` to give *its* numbers.
_COND_MAX: Final = 1e5
#: A slope below this many standard errors is rounding noise; its group goes to
#: ``egger_test`` so that the slope's sign is the single fit's.
_SLOPE_NOISE: Final = 1e-8


# ------------------------------------------------------------------ layout


def _split(sizes: Sequence[int] | IntArray) -> tuple[IntArray, IntArray]:
    """Return ``(sizes, starts)`` of the groups stored one after another."""
    n = np.asarray(sizes, dtype=np.intp)
    if n.ndim != 1 or (n < 0).any():
        msg = "sizes must be a 1-D sequence of non-negative group sizes"
        raise ValueError(msg)
    starts = np.concatenate(([0], np.cumsum(n)[:-1])).astype(np.intp)
    return n, starts


def _buckets(gids: IntArray, sizes: IntArray) -> list[IntArray]:
    """Cut groups (sorted by size) into blocks of similar size for padding."""
    order = gids[np.argsort(sizes[gids], kind="stable")]
    out: list[IntArray] = []
    begin = 0
    for i in range(1, order.size + 1):
        if i == order.size or sizes[order[i]] > _PAD_RATIO * sizes[order[begin]]:
            out.append(order[begin:i])
            begin = i
    return out


@dataclass
class _Block:
    """Padded ``(K, n)`` arrays of one bucket of groups (column = group)."""

    y: FloatArray  # effects, 0 in padding
    v: FloatArray  # variances, +inf in padding (weight exactly 0)
    s: FloatArray  # √v, 0 in padding (Egger's predictor)
    c: FloatArray  # √v centred and scaled to unit length per group, 0 in padding
    mask: BoolArray
    k: FloatArray  # group sizes as floats

    @classmethod
    def build(cls, y: FloatArray, v: FloatArray, sizes: IntArray, starts: IntArray) -> _Block:
        kmax = int(sizes.max())
        rows = np.arange(kmax)[:, None]
        mask = rows < sizes[None, :]
        idx = np.where(mask, starts[None, :] + rows, 0)
        yb = np.where(mask, y[idx], 0.0)
        vb = np.where(mask, v[idx], np.inf)
        sb = np.where(mask, np.sqrt(np.where(mask, vb, 1.0)), 0.0)
        k = sizes.astype(float)
        centred = np.where(mask, sb - sb.sum(axis=0) / k, 0.0)
        c = centred / np.sqrt((centred * centred).sum(axis=0))
        return cls(yb, vb, sb, c, mask, k)

    def take(self, cols: IntArray) -> _Block:
        return _Block(
            self.y[:, cols], self.v[:, cols], self.s[:, cols], self.c[:, cols],
            self.mask[:, cols], self.k[cols],
        )  # fmt: skip


# ------------------------------------------------- Egger's regression, τ²


def _sums(a: FloatArray) -> FloatArray:
    out: FloatArray = a.sum(axis=0)
    return out


@dataclass
class _Fit2:
    """Weighted least squares of ``y`` on ``[1, x]`` per column, at weights ``w``."""

    w: FloatArray
    s0: FloatArray
    s1: FloatArray
    s2: FloatArray
    det: FloatArray
    b0: FloatArray
    b1: FloatArray
    r: FloatArray  # residuals

    @classmethod
    def at(cls, y: FloatArray, x: FloatArray, w: FloatArray) -> _Fit2:
        s0, s1, s2 = _sums(w), _sums(w * x), _sums(w * x * x)
        sy, sxy = _sums(w * y), _sums(w * x * y)
        det = s0 * s2 - s1 * s1
        b0 = (s2 * sy - s1 * sxy) / det
        b1 = (s0 * sxy - s1 * sy) / det
        r = y - b0[None, :] - b1[None, :] * x
        return cls(w, s0, s1, s2, det, b0, b1, r)

    def trace_m(self, t0: FloatArray, t1: FloatArray, t2: FloatArray) -> FloatArray:
        """Return ``tr(M B)`` with ``M = (XᵀWX)⁻¹`` and ``B = [[t0, t1], [t1, t2]]``."""
        out: FloatArray = (self.s2 * t0 - 2.0 * self.s1 * t1 + self.s0 * t2) / self.det
        return out


def _score_parts(reml: bool, b: _Block, t: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Return ``(yᵀPPy, tr P)`` (REML) or ``(yᵀPPy, Σw)`` (ML) per column at τ² = ``t``."""
    w = 1.0 / (b.v + t[None, :])
    fit = _Fit2.at(b.y, b.c, w)
    pr = w * fit.r
    ypp = _sums(pr * pr)
    if not reml:
        return ypp, fit.s0
    w2 = w * w
    tr_p = fit.s0 - fit.trace_m(_sums(w2), _sums(w2 * b.c), _sums(w2 * b.c * b.c))
    return ypp, tr_p


def _score(reml: bool, b: _Block, t: FloatArray) -> FloatArray:
    a, bb = _score_parts(reml, b, t)
    out: FloatArray = a - bb
    return out


def _score_info(reml: bool, b: _Block, t: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Score, Newton information and size per column (as ``tau2._score_info`` for p = 2)."""
    c = b.c
    w = 1.0 / (b.v + t[None, :])
    fit = _Fit2.at(b.y, c, w)
    pr = w * fit.r
    ypp = _sums(pr * pr)
    wp = w * pr
    u0, u1 = _sums(wp), _sums(wp * c)
    # yᵀP³y = Σ w (Py)² − uᵀ M u with u = Xᵀ W P y
    p3 = _sums(wp * pr) - (fit.s2 * u0 * u0 - 2.0 * fit.s1 * u0 * u1 + fit.s0 * u1 * u1) / fit.det
    w2 = w * w
    if not reml:
        score, expected = ypp - fit.s0, _sums(w2)
    else:
        t0, t1, t2 = _sums(w2), _sums(w2 * c), _sums(w2 * c * c)
        w3 = w2 * w
        score = ypp - (fit.s0 - fit.trace_m(t0, t1, t2))
        # tr(PP) = Σw² − 2 tr(M B₃) + tr((M B₂)²)
        m00 = (fit.s2 * t0 - fit.s1 * t1) / fit.det
        m01 = (fit.s2 * t1 - fit.s1 * t2) / fit.det
        m10 = (fit.s0 * t1 - fit.s1 * t0) / fit.det
        m11 = (fit.s0 * t2 - fit.s1 * t1) / fit.det
        mb2 = m00 * m00 + 2.0 * m01 * m10 + m11 * m11
        expected = t0 - 2.0 * fit.trace_m(_sums(w3), _sums(w3 * c), _sums(w3 * c * c)) + mb2
    observed = 2.0 * p3 - expected
    info: FloatArray = np.where(observed > 0, observed, expected)
    return score, info, ypp + (ypp - score)


def _loglik(reml: bool, b: _Block, t: FloatArray) -> FloatArray:
    """ML/REML log-likelihood per column (as ``tau2._loglik`` with an orthonormal X)."""
    m = b.v + t[None, :]
    logm = _sums(np.log(np.where(b.mask, m, 1.0)))
    w = 1.0 / m
    fit = _Fit2.at(b.y, b.c, w)
    rss = _sums(w * fit.r * fit.r)
    k = b.k
    if not reml:
        out: FloatArray = -0.5 * (k * np.log(2 * np.pi) + logm + rss)
        return out
    # X = [1, c] with Σc = 0, Σc² = 1: log det(XᵀX) = log k; the single fit's
    # orthonormal basis has log det = 0, i.e. the same up to the constant ½ log k.
    reml_ll: FloatArray = -0.5 * ((k - 2) * np.log(2 * np.pi) + logm + rss) - 0.5 * (
        np.log(fit.det) - np.log(k)
    )
    return reml_ll


def _he(b: _Block) -> FloatArray:
    """Hedges' estimate (untruncated) for the design ``[1, √v]``."""
    k = b.k
    ybar = _sums(b.y) / k
    d = np.where(b.mask, b.y - ybar[None, :], 0.0)
    cy = _sums(b.c * b.y)
    rss = _sums(d * d) - cy * cy
    v0 = np.where(b.mask, b.v, 0.0)
    tr_pv = _sums(v0 * (1.0 - 1.0 / k[None, :] - b.c * b.c))
    out: FloatArray = (rss - tr_pv) / (k - 2)
    return out


def _dl(b: _Block) -> FloatArray:
    w = 1.0 / b.v
    fit = _Fit2.at(b.y, b.c, w)
    rss = _sums(w * fit.r * fit.r)
    w2 = w * w
    tr_p = fit.s0 - fit.trace_m(_sums(w2), _sums(w2 * b.c), _sums(w2 * b.c * b.c))
    out: FloatArray = np.maximum(0.0, (rss - (b.k - 2)) / tr_p)
    return out


def _solver(reml: bool, b: _Block) -> Callable[[IntArray, FloatArray], FloatArray]:
    def f(sel: IntArray, t: FloatArray) -> FloatArray:
        return _score(reml, b.take(sel), t)

    return f


def _likelihood(reml: bool, b: _Block, con: FitControl) -> tuple[FloatArray, BoolArray]:
    """ML/REML τ² per column, and where the vectorised path settled it as the single fit."""
    n = b.k.size
    tau2 = np.maximum(0.0, _he(b))
    converged = np.zeros(n, dtype=bool)
    bracketed = np.zeros(n, dtype=bool)
    idx = np.arange(n)
    limit = min(con.maxiter, _SCORING_STEPS)
    for _ in range(limit):
        if not idx.size:
            break
        sub = b.take(idx)
        ta = tau2[idx]
        score, info, size = _score_info(reml, sub, ta)
        new = np.maximum(0.0, ta + score / info)
        done = (np.abs(score) <= _SCORE_RTOL * size) | (
            np.abs(new - ta) <= con.threshold * np.maximum(1.0, new)
        )
        tau2[idx[done]] = new[done]
        converged[idx[done]] = True
        go = np.flatnonzero(~done)
        if not go.size:
            break
        s_new, _, size_new = _score_info(reml, sub.take(go), new[go])
        landed = np.abs(s_new) <= _SCORE_RTOL * size_new
        tau2[idx[go[landed]]] = new[go[landed]]
        converged[idx[go[landed]]] = True
        go, s_new = go[~landed], s_new[~landed]
        over = np.sign(s_new) != np.sign(score[go])
        if over.any():
            cols = go[over]
            lo = np.minimum(ta[cols], new[cols])
            hi = np.maximum(ta[cols], new[cols])
            f_lo = np.where(lo == ta[cols], score[cols], s_new[over])
            tau2[idx[cols]] = _bisect(_solver(reml, sub.take(cols)), lo, hi, f_lo, con.maxiter)
            converged[idx[cols]] = bracketed[idx[cols]] = True
        go = go[~over]
        tau2[idx[go]] = new[go]
        idx = idx[go]
    # still creeping after the scoring steps: the single fit finishes it (fallback)
    near = np.flatnonzero(converged & (tau2 > 0) & (tau2 <= con.threshold))
    if near.size:
        s0 = _score(reml, b.take(near), np.zeros(near.size))
        tau2[near[s0 <= 0]] = 0.0
    polish = np.flatnonzero(converged & (tau2 > 0) & ~bracketed)
    if polish.size:
        tau2[polish] = _polish(reml, b.take(polish), tau2[polish], con.maxiter)
    if con.global_check:
        tau2 = _global_check(reml, b, tau2, converged, con)
    return tau2, converged


def _polish(reml: bool, b: _Block, tau2: FloatArray, maxiter: int) -> FloatArray:
    """Root of the score next to each τ² (as ``tau2._polish``)."""
    out = tau2.copy()
    s = _score(reml, b, tau2)
    todo = np.flatnonzero(s != 0)
    for rel in (1e-10, 1e-8, 1e-6):
        if not todo.size:
            break
        t = tau2[todo]
        other = np.where(s[todo] > 0, t * (1.0 + rel), t * (1.0 - rel))
        s_other = _score(reml, b.take(todo), other)
        found = np.sign(s_other) != np.sign(s[todo])
        cols = todo[found]
        if cols.size:
            lo = np.minimum(tau2[cols], other[found])
            hi = np.maximum(tau2[cols], other[found])
            f_lo = np.where(lo == tau2[cols], s[cols], s_other[found])
            out[cols] = _bisect(_solver(reml, b.take(cols)), lo, hi, f_lo, maxiter)
        todo = todo[~found]
    return out


def _nanmedian(a: FloatArray, mask: BoolArray) -> FloatArray:
    out: FloatArray = np.nanmedian(np.where(mask, a, np.nan), axis=0)
    return out


def _grid(b: _Block, found: FloatArray, con: FitControl) -> FloatArray:
    """Return the single fit's global-check grid per column, shape ``(161, n)``."""
    k = b.k
    med = _nanmedian(b.y, b.mask)
    mad = _MAD_CONSTANT * _nanmedian(np.abs(b.y - med[None, :]), b.mask)
    upper = np.maximum(con.tau2_max, 10.0 * mad * mad)
    ybar = _sums(b.y) / k
    d = np.where(b.mask, b.y - ybar[None, :], 0.0)
    var = _sums(d * d) / k
    scale = _nanmedian(b.v, b.mask)
    hi = np.maximum.reduce([upper, 10.0 * found, 10.0 * var, scale])
    lo = 1e-8 * scale
    log_ratio = np.log(hi / lo)
    rows = np.arange(_GRID_POINTS + 1)[:, None]
    return _grid_at(rows, lo[None, :], log_ratio[None, :])


def _grid_scores(reml: bool, b: _Block, taus: FloatArray) -> FloatArray:
    """Return the score at every grid point of every column, shape ``(161, n)``."""
    rows, n = taus.shape
    kmax = b.y.shape[0]
    step = max(1, _GRID_CELLS // max(1, kmax * n))
    out = np.empty((rows, n))
    y, v, c = b.y[None], b.v[None], b.c[None]
    for begin in range(0, rows, step):
        t = taus[begin : begin + step][:, None, :]
        w = 1.0 / (v + t)
        wc = w * c
        s0, s1, s2 = w.sum(axis=1), wc.sum(axis=1), (wc * c).sum(axis=1)
        sy, sxy = (w * y).sum(axis=1), (wc * y).sum(axis=1)
        det = s0 * s2 - s1 * s1
        b0 = (s2 * sy - s1 * sxy) / det
        b1 = (s0 * sxy - s1 * sy) / det
        pr = w * (y - b0[:, None, :] - b1[:, None, :] * c)
        ypp = (pr * pr).sum(axis=1)
        if reml:
            w2 = w * w
            w2c = w2 * c
            t0, t1, t2 = w2.sum(axis=1), w2c.sum(axis=1), (w2c * c).sum(axis=1)
            trace = s0 - (s2 * t0 - 2.0 * s1 * t1 + s0 * t2) / det
        else:
            trace = s0
        out[begin : begin + step] = ypp - trace
    return out


def _global_check(
    reml: bool, b: _Block, tau2: FloatArray, converged: BoolArray, con: FitControl
) -> FloatArray:
    """Best of the optimum found, τ² = 0 and every grid local maximum (as ``tau2._likelihood``)."""
    best_t = np.where(converged, tau2, np.nan)
    best_ll = np.where(converged, _loglik(reml, b, np.where(converged, tau2, 0.0)), -np.inf)
    found = np.where(converged, tau2, 0.0)
    taus = _grid(b, found, con)
    score = _grid_scores(reml, b, taus)
    cands: list[tuple[IntArray, FloatArray]] = []
    zero = np.flatnonzero(score[0] <= 0)
    if zero.size:
        cands.append((zero, np.zeros(zero.size)))
    cols, rows = np.nonzero(((score[:-1] > 0) & (score[1:] <= 0)).T)  # by column, grid order
    if cols.size:
        g_lo, g_hi = taus[rows, cols], taus[rows + 1, cols]
        # the cell holding a converged optimum yields that optimum again
        holds = converged[cols] & (g_lo <= found[cols]) & (found[cols] <= g_hi)
        cols, rows, g_lo, g_hi = cols[~holds], rows[~holds], g_lo[~holds], g_hi[~holds]
    if cols.size:
        roots = _bisect(_solver(reml, b.take(cols)), g_lo, g_hi, score[rows, cols], con.maxiter)
        first = np.r_[True, cols[1:] != cols[:-1]]
        start_of = np.maximum.accumulate(np.where(first, np.arange(cols.size), 0))
        rank = np.arange(cols.size) - start_of
        for r in range(int(rank.max()) + 1):
            pick = rank == r
            cands.append((cols[pick], roots[pick]))
    for cand_cols, cand in cands:
        cand_ll = _loglik(reml, b.take(cand_cols), cand)
        with np.errstate(invalid="ignore"):
            better = cand_ll > best_ll[cand_cols] + 1e-12 * (1.0 + np.abs(best_ll[cand_cols]))
        best_t[cand_cols[better]] = cand[better]
        best_ll[cand_cols[better]] = cand_ll[better]
    out: FloatArray = np.where(np.isfinite(best_t), best_t, tau2)
    return out


# ------------------------------------------------------- Egger's test, batch


def egger_test_batch(
    yi: Any,
    vi: Any,
    sizes: Sequence[int] | IntArray,
    method: str = "REML",
    test: str = "z",
    level: float = 0.95,
    *,
    control: FitControl | None = None,
) -> list[EggerTestResult | WatwerktError]:
    """Run :func:`~watwerkt.stats.bias.egger_test` (predictor ``"sei"``, model ``"rma"``) per group.

    Parameters
    ----------
    yi, vi : array_like, shape (N,)
        Effect sizes and sampling variances of all groups, one group after another.
    sizes : sequence of int, shape (G,)
        Number of studies of each group (summing to N).
    method, test, level, control
        As for ``egger_test``.

    Returns
    -------
    list of EggerTestResult or WatwerktError
        Per group, what ``egger_test(yi_g, vi_g, method, test, level,
        control=control)`` returns, or the error it raises (e.g. fewer than 3
        studies, a constant predictor).

    Notes
    -----
    FE, DL, ML and REML run vectorised; other estimators, groups with
    invalid input, and ML/REML groups whose scoring is still running after
    50 steps are fitted by ``egger_test`` itself (with its warnings).

    Examples
    --------
    >>> y = [0.1, 0.3, 0.35, 0.6, 0.8, 0.2, 0.1, 0.4]
    >>> v = [0.01, 0.02, 0.04, 0.08, 0.1, 0.02, 0.03, 0.05]
    >>> res = egger_test_batch(y, v, [5, 3])
    >>> round(res[0].statistic, 3), round(res[1].limit_estimate, 3)
    (2.61, -0.145)
    >>> abs(res[1].pvalue - egger_test(y[5:], v[5:]).pvalue) < 1e-12
    True
    """
    function = "egger_test"
    method = check_option(method, "method", function, METHODS)
    test = check_option(test, "test", function, TESTS)
    level = check_level(level, function)
    con = check_control(control, function)
    y = np.asarray(yi, dtype=float)
    v = np.asarray(vi, dtype=float)
    n, starts = _split(sizes)
    if y.shape != (int(n.sum()),) or v.shape != y.shape:
        msg = "yi and vi must be 1-D with sum(sizes) elements"
        raise ValueError(msg)
    out: list[EggerTestResult | WatwerktError | None] = [None] * n.size
    fast = _egger_eligible(y, v, n, starts, method, test)
    for bucket in _buckets(np.flatnonzero(fast), n):
        block = _Block.build(y, v, n[bucket], starts[bucket])
        ok = _egger_block(block, bucket, method, test, level, con, out)
        fast[bucket[~ok]] = False
    for g in np.flatnonzero(~fast):
        s = slice(int(starts[g]), int(starts[g] + n[g]))
        try:
            out[g] = egger_test(y[s], v[s], method, test, level, control=control)
        except WatwerktError as err:
            out[g] = err
    return [r for r in out if r is not None]


def _egger_eligible(
    y: FloatArray, v: FloatArray, n: IntArray, starts: IntArray, method: str, test: str
) -> BoolArray:
    """Return the groups the vectorised path takes: valid input, k ≥ 3, √v not constant."""
    if method not in EGGER_BATCH_METHODS or (method == "FE" and test == "knha") or not n.size:
        return np.zeros(n.size, dtype=bool)
    ok = _valid_groups(y, v, n, 3)
    s = np.sqrt(np.where(np.isfinite(v) & (v > 0), v, 1.0))
    nz = n > 0
    smax = np.full(n.size, -np.inf)
    smin = np.full(n.size, np.inf)
    smax[nz] = np.maximum.reduceat(s, starts[nz]) if s.size else smax[nz]
    smin[nz] = np.minimum.reduceat(s, starts[nz]) if s.size else smin[nz]
    ok &= smax > smin
    return ok


def _egger_block(
    b: _Block,
    gids: IntArray,
    method: str,
    test: str,
    level: float,
    con: FitControl,
    out: list[EggerTestResult | WatwerktError | None],
) -> BoolArray:
    """Fit one padded block; store the results; return where the block path held."""
    ncol = gids.size
    if method == "FE":
        tau2, ok = np.zeros(ncol), np.ones(ncol, dtype=bool)
    elif method == "DL":
        tau2, ok = _dl(b), np.ones(ncol, dtype=bool)
    else:
        tau2, ok = _likelihood(method == "REML", b, con)
    k = b.k
    w = 1.0 / (b.v + tau2[None, :])
    fit = _Fit2.at(b.y, b.s, w)
    # centred determinant: Σw · Σw(s − s̄)², exact where s0·s2 − s1² cancels
    sbar = fit.s1 / fit.s0
    ds = np.where(b.mask, b.s - sbar[None, :], 0.0)
    det = fit.s0 * _sums(w * ds * ds)
    var0, var1 = fit.s2 / det, fit.s0 / det
    half = 0.5 * (fit.s0 + fit.s2)
    lam_max = half + np.sqrt((0.5 * (fit.s0 - fit.s2)) ** 2 + fit.s1 * fit.s1)
    ok = ok & (lam_max * lam_max / det <= _COND_MAX)
    if test == "knha":
        rss = _sums(w * fit.r * fit.r)
        s2w = np.where(rss <= _EPS, 0.0, rss / (k - 2))
        var0, var1 = s2w * var0, s2w * var1
    se0, se1 = np.sqrt(var0), np.sqrt(var1)
    with np.errstate(divide="ignore", invalid="ignore"):
        stat = fit.b1 / se1
    if test == "z":
        # a slope within rounding of 0 (e.g. identical effects): its sign, which
        # trim-and-fill's side follows, is the single fit's rounding to decide
        ok &= ~(np.abs(fit.b1) <= _SLOPE_NOISE * se1)
    if test == "knha":
        df = k - 2
        pval = 2.0 * sps.t.sf(np.abs(stat), df)
        crit = sps.t.isf((1.0 - level) / 2.0, df)
    else:
        df = np.full(ncol, np.nan)
        pval = 2.0 * sps.norm.sf(np.abs(stat))
        crit = np.full(ncol, float(sps.norm.isf((1.0 - level) / 2.0)))
    lower, upper = fit.b0 - crit * se0, fit.b0 + crit * se0
    for j in np.flatnonzero(ok):
        out[int(gids[j])] = EggerTestResult(
            statistic=float(stat[j]),
            pvalue=float(pval[j]),
            df=float(df[j]),
            limit_estimate=float(fit.b0[j]),
            limit_ci_lower=float(lower[j]),
            limit_ci_upper=float(upper[j]),
            slope=float(fit.b1[j]),
            slope_se=float(se1[j]),
            tau2=float(tau2[j]),
            model="rma",
            predictor="sei",
            method=method,
            test=test,
            level=level,
            k=int(k[j]),
        )
    return ok


# ------------------------------------------------------ trim-and-fill, batch


def trim_and_fill_batch(
    yi: Any,
    vi: Any,
    sizes: Sequence[int] | IntArray,
    method: str = "REML",
    level: float = 0.95,
    *,
    sides: Sequence[str | None] | None = None,
    estimator: str = "L0",
    maxiter: int = 100,
    control: FitControl | None = None,
) -> list[TrimFillResult | WatwerktError]:
    """Run :func:`~watwerkt.stats.bias.trim_and_fill` per group, all groups together.

    Parameters
    ----------
    yi, vi : array_like, shape (N,)
        Effect sizes and sampling variances of all groups, one group after another.
    sizes : sequence of int, shape (G,)
        Number of studies of each group (summing to N).
    method, level, estimator, maxiter, control
        As for ``trim_and_fill``.
    sides : sequence of {"left", "right", None}, shape (G,), optional
        The side of each group (``None``: chosen as ``trim_and_fill`` does,
        from the slope of Egger's regression, here by
        :func:`egger_test_batch`).

    Returns
    -------
    list of TrimFillResult or WatwerktError
        Per group, what ``trim_and_fill(yi_g, vi_g, method, level,
        side=sides[g], estimator=estimator, maxiter=maxiter,
        control=control)`` returns, or the error it raises.

    Notes
    -----
    Every trim-and-fill round pools the trimmed data of all unfinished
    groups in one :func:`~watwerkt.stats.batch.meta_analysis_batch` call and
    re-estimates k0 from ranks computed per group on the stacked arrays; the
    filled data are pooled in one last batch call (with the Q-profile
    intervals of τ², as ``meta_analysis``). A group with invalid input, fewer
    than 3 studies, an undefined estimator, a τ² fit that did not converge or
    a k0 that does not settle is run by ``trim_and_fill`` itself (with its
    warnings and errors). Only ``iterations`` of the filled model's τ²
    solver can differ from the single fit for PM (see ``meta_analysis_batch``).

    Examples
    --------
    >>> res = trim_and_fill_batch([0.1, 0.3, 0.35, 0.6, 0.8, 0.7, 0.2, 0.1, 0.4],
    ...                           [0.01, 0.02, 0.04, 0.08, 0.1, 0.12, 0.02, 0.03, 0.05],
    ...                           [6, 3], method="FE")
    >>> res[0].k0, res[0].side, round(res[0].estimate, 3)
    (3, 'left', 0.193)
    """
    function = "trim_and_fill"
    method = check_option(method, "method", function, METHODS)
    level = check_level(level, function)
    estimator = check_option(estimator, "estimator", function, TRIMFILL_ESTIMATORS)
    con = check_control(control, function)
    y = np.asarray(yi, dtype=float)
    v = np.asarray(vi, dtype=float)
    n, starts = _split(sizes)
    if y.shape != (int(n.sum()),) or v.shape != y.shape:
        msg = "yi and vi must be 1-D with sum(sizes) elements"
        raise ValueError(msg)
    given: list[str | None] = [None] * n.size if sides is None else list(sides)
    if len(given) != n.size:
        msg = "sides must have one entry per group"
        raise ValueError(msg)
    side = [s if s is None else check_option(s, "side", function, TRIMFILL_SIDES) for s in given]
    fast = _valid_groups(y, v, n, 3)
    unknown = [g for g in np.flatnonzero(fast) if side[g] is None]
    if unknown:
        rows = np.concatenate([np.arange(starts[g], starts[g] + n[g]) for g in unknown])
        eggers = egger_test_batch(y[rows], v[rows], n[unknown], method, control=control)
        for g, egger in zip(unknown, eggers, strict=True):
            if isinstance(egger, EggerTestResult):
                side[g] = "right" if egger.slope < 0 else "left"
            else:
                fast[g] = False  # trim_and_fill's own regression fails alike
    out: list[TrimFillResult | WatwerktError | None] = [None] * n.size
    gids = np.flatnonzero(fast)
    if gids.size:
        signs = np.array([-1.0 if side[g] == "right" else 1.0 for g in gids])
        done = _trim_fill_rounds(
            y, v, n, starts, gids, signs, method, level, estimator, maxiter, con
        )
        for pos, result in done.items():
            out[pos] = result
    for i in range(n.size):
        if out[i] is None:
            s = slice(int(starts[i]), int(starts[i] + n[i]))
            try:
                out[i] = trim_and_fill(
                    y[s], v[s], method, level, side=given[i], estimator=estimator,
                    maxiter=maxiter, control=control,
                )  # fmt: skip
            except WatwerktError as err:
                out[i] = err
    return [r for r in out if r is not None]


def _valid_groups(y: FloatArray, v: FloatArray, n: IntArray, minimum: int) -> BoolArray:
    """Return the groups with at least ``minimum`` studies and finite ``yi``, finite ``vi`` > 0."""
    bad = ~(np.isfinite(y) & np.isfinite(v) & (v > 0))
    codes = np.repeat(np.arange(n.size), n)
    out: BoolArray = (n >= minimum) & (np.bincount(codes[bad], minlength=n.size) == 0)
    return out


def _pool_groups(
    gid: IntArray, yi: FloatArray, vi: FloatArray, method: str, level: float,
    con: FitControl, *, tau2_ci: bool = False,
) -> dict[str, Any]:  # fmt: skip
    """``meta_analysis_batch`` of the stacked groups ``gid`` (contiguous), as columns.

    Its convergence warnings are dropped: a group that did not converge is
    re-run by the single fit, which warns itself. Other warnings pass.
    """
    frame = pd.DataFrame({"group": gid, "yi": yi, "vi": vi})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = meta_analysis_batch(
            frame, by="group", method=method, test="z", level=level, tau2_ci=tau2_ci, control=con
        )
    for w in caught:
        if not issubclass(w.category, ConvergenceWarning):
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return {name: res[name].to_numpy() for name in res.columns}


def _trim_fill_rounds(
    y: FloatArray,
    v: FloatArray,
    n: IntArray,
    starts: IntArray,
    gids: IntArray,
    signs: FloatArray,
    method: str,
    level: float,
    estimator: str,
    maxiter: int,
    con: FitControl,
) -> dict[int, TrimFillResult]:
    """Run the trim-and-fill iterations of the groups ``gids``, all at once."""
    m = gids.size
    k = n[gids]
    offs = np.concatenate(([0], np.cumsum(k)[:-1])).astype(np.intp)
    local = np.repeat(np.arange(m), k)  # position in gids of each stacked row
    pos = np.arange(int(k.sum())) - offs[local]  # row within its group
    rows = starts[gids][local] + pos  # rows of y, v in input order
    y_in, v_in = y[rows], v[rows]
    order = np.lexsort((signs[local] * y_in, local))  # stable sort by group, then by sign * y
    ys, vs = signs[local] * y_in[order], v_in[order]
    k0 = np.zeros(m, dtype=np.intp)
    k0_prev = np.full(m, -1, dtype=np.intp)
    se_k0 = np.full(m, np.nan)
    beta = np.full(m, np.nan)
    iterations = np.zeros(m, dtype=np.intp)
    ok = np.ones(m, dtype=bool)
    live = np.arange(m)
    while live.size:
        iterations[live] += 1
        over = iterations[live] > maxiter
        ok[live[over]] = False  # the single fit raises its ConvergenceError
        live = live[~over]
        if not live.size:
            break
        k0_prev[live] = k0[live]
        is_live = np.zeros(m, dtype=bool)
        is_live[live] = True
        keep = is_live[local] & (pos < (k - k0)[local])
        cols = _pool_groups(local[keep], ys[keep], vs[keep], method, level, con)
        gl = cols["group"].astype(np.intp)  # == live, in order
        beta[gl] = cols["estimate"]
        bad = ~cols["converged"].astype(bool)
        ok[gl[bad]] = False
        live = gl[~bad]
        if not live.size:
            break
        is_live[:] = False
        is_live[live] = True
        sel = is_live[local]
        raw, se_raw, defined = _missing_studies(
            ys[sel] - beta[local[sel]], local[sel], k, live, estimator
        )
        ok[live[~defined]] = False  # Q0 undefined: the single fit raises
        k0[live] = np.maximum(0, np.round(np.where(defined, raw, 0.0))).astype(np.intp)
        se_k0[live] = np.where(np.isnan(se_raw), se_raw, np.maximum(0.0, se_raw))
        live = live[defined & (k0[live] != k0_prev[live])]
    return _filled(y_in, v_in, ys, vs, local, pos, k, k0, se_k0, beta, signs, iterations,
                   ok, gids, method, level, estimator, con)  # fmt: skip


def _missing_studies(
    centred: FloatArray, local: IntArray, k_all: IntArray, live: IntArray, estimator: str
) -> tuple[FloatArray, FloatArray, BoolArray]:
    """``bias._missing_studies`` per live group: (k0, se of k0, defined)."""
    m = k_all.size
    order = np.lexsort((np.abs(centred), local))  # ordinal ranks: ties in input order
    first = np.r_[0, np.flatnonzero(local[order][1:] != local[order][:-1]) + 1]
    group_start = np.repeat(first, np.diff(np.r_[first, order.size]))
    ranks = np.empty(order.size)
    ranks[order] = np.arange(order.size) - group_start + 1
    signed = np.sign(centred) * ranks
    k = k_all[live].astype(float)
    defined = np.ones(live.size, dtype=bool)
    if estimator == "R0":
        neg = np.zeros(m)
        np.maximum.at(neg, local, np.where(signed < 0, -signed, 0.0))
        k0 = (k - neg[live]) - 1
        return k0, np.sqrt(2 * np.maximum(0.0, k0) + 2), defined
    s_r = np.bincount(local, weights=np.where(signed > 0, signed, 0.0), minlength=m)[live]
    if estimator == "L0":
        k0 = (4 * s_r - k * (k + 1)) / (2 * k - 1)
    else:  # Q0
        radicand = 2 * k**2 - 4 * s_r + 0.25
        defined = radicand >= 0
        k0 = k - 0.5 - np.sqrt(np.where(defined, radicand, 0.0))
    var_sr = (
        k * (k + 1) * (2 * k + 1)
        + 10 * k0**3
        + 27 * k0**2
        + 17 * k0
        - 18 * k * k0**2
        - 18 * k * k0
        + 6 * k**2 * k0
    ) / 24
    with np.errstate(invalid="ignore", divide="ignore"):  # groups where Q0 is undefined
        if estimator == "L0":
            se = 4 * _nan_sqrt(var_sr) / (2 * k - 1)
        else:
            se = 2 * _nan_sqrt(var_sr) / _nan_sqrt((k - 0.5) ** 2 - k0 * (2 * k - k0 - 1))
    return k0, se, defined


def _nan_sqrt(x: FloatArray) -> FloatArray:
    """Square root that gives NaN for a negative number (as ``bias._sqrt``)."""
    out: FloatArray = np.sqrt(np.where(x >= 0, x, np.nan))
    return out


def _filled(
    y_in: FloatArray,
    v_in: FloatArray,
    ys: FloatArray,
    vs: FloatArray,
    local: IntArray,
    pos: IntArray,
    k: IntArray,
    k0: IntArray,
    se_k0: FloatArray,
    beta: FloatArray,
    signs: FloatArray,
    iterations: IntArray,
    ok: BoolArray,
    gids: IntArray,
    method: str,
    level: float,
    estimator: str,
    con: FitControl,
) -> dict[int, TrimFillResult]:
    """Pool the filled data of the settled groups and build their results."""
    good = np.flatnonzero(ok)
    if not good.size:
        return {}
    is_good = np.zeros(k.size, dtype=bool)
    is_good[good] = True
    obs = is_good[local]
    imp = obs & (pos >= (k - k0)[local])  # the k0 largest (sorted) rows of each group
    imputed = signs[local[imp]] * (2 * beta[local[imp]] - ys[imp])
    g_all = np.concatenate([local[obs], local[imp]])
    y_all = np.concatenate([y_in[obs], imputed])
    v_all = np.concatenate([v_in[obs], vs[imp]])
    order = np.argsort(g_all, kind="stable")  # observed first, then imputed, per group
    g_all, y_all, v_all = g_all[order], y_all[order], v_all[order]
    cols = _pool_groups(g_all, y_all, v_all, method, level, con, tau2_ci=True)
    bounds = np.r_[0, np.cumsum(np.bincount(g_all, minlength=k.size)[good])]
    out: dict[int, TrimFillResult] = {}
    for j, g in enumerate(cols["group"].astype(np.intp)):
        if not cols["converged"][j]:
            continue  # the single fit warns and reports it
        kg, k0g = int(k[g]), int(k0[g])
        yf = y_all[bounds[j] : bounds[j + 1]]
        vf = v_all[bounds[j] : bounds[j + 1]]
        filled = _meta_result(cols, j, yf, vf)
        p_k0 = (
            1 - sum(0.5 ** (i + 2) for i in range(-1, k0g)) if estimator == "R0" else float("nan")
        )
        out[int(gids[g])] = TrimFillResult(
            k0=k0g,
            se_k0=float(se_k0[g]),
            p_k0=float(p_k0),
            side="right" if signs[g] < 0 else "left",
            estimator=estimator,
            estimate=filled.estimate,
            se=filled.se,
            statistic=filled.statistic,
            pvalue=filled.pvalue,
            ci_lower=filled.ci_lower,
            ci_upper=filled.ci_upper,
            tau2=filled.tau2,
            filled=filled,
            yi=yf,
            vi=vf,
            fill=np.arange(kg + k0g) >= kg,
            k=kg,
            method=method,
            iterations=int(iterations[g]),
        )
    return out


def _meta_result(cols: dict[str, Any], j: int, yf: FloatArray, vf: FloatArray) -> MetaResult:
    """Return the ``MetaResult`` of row ``j`` of a batch result (the filled model)."""
    ints = ("k", "q_df", "iterations", "k_used", "k_total")
    values: dict[str, Any] = {}
    for name in MetaResult.__dataclass_fields__:
        if name in ("yi", "vi", "weights", "omitted"):
            continue
        value = cols[name][j]
        if name in ints:
            value = int(value)
        elif name == "converged":
            value = bool(value)
        elif name in ("method", "test"):
            value = str(value)
        else:
            value = float(value)
        values[name] = value
    tau2 = values["tau2"]
    return MetaResult(**values, omitted=(), yi=yf, vi=vf, weights=1.0 / (vf + tau2))
