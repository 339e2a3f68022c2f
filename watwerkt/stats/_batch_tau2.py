"""Vectorised τ² estimators for many independent meta-analyses of equal size.

Private helper of :mod:`watwerkt.stats.batch`. Every function takes a dense
block ``y``, ``v`` of shape ``(k, n)`` — column ``j`` is one meta-analysis of
``k ≥ 2`` studies — and works on whole arrays: the iterative estimators update
every unfinished column at once and freeze a column as soon as it meets the
stopping rule, so each column follows exactly the path a single fit would.
Studies run down the first axis because sums over it vectorise across the
``n`` meta-analyses (several times faster than row sums of short rows).

The formulas are metafor's ``rma.uni()`` (3.8-1) for an intercept-only model,
with the matrix traces written out for ``X = 1`` (``P = W − w wᵀ/Σw``), e.g.
``tr(P) = Σw − Σw²/Σw`` and ``Σ P∘P = Σw² − 2Σw³/Σw + (Σw²/Σw)²``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import numpy.typing as npt

# The single fit's constants: the batch path must follow exactly the same rules.
from watwerkt.stats.tau2 import (
    _CERTIFY_RTOL,
    _GRID_POINTS,
    _GRID_STRIDES,
    _MAD_CONSTANT,
    _SCORE_RTOL,
    _SCORING_STEPS,
)

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

_EPS = float(np.finfo(float).eps)
#: Newton on Q(τ²) stops when a step changes τ² by at most this, relatively: it
#: converges quadratically, so the root is then exact to a few ulps.
_ROOT_RTOL = 1e-14
#: Iterative kernels compact their working arrays at every finish below this
#: many unfinished meta-analyses (copies are then cheaper than masked work).
_COMPACT_BELOW = 4096
#: ML/REML finish the last this-many unfinished meta-analyses one by one in
#: plain floats (cheaper than numpy calls on tiny arrays).
_SCALAR_TAIL = 2


@dataclass(frozen=True, slots=True)
class Tau2Block:
    """τ² for each meta-analysis (column) of a block, with its standard error and solver state."""

    tau2: FloatArray
    se: FloatArray
    iterations: IntArray
    converged: BoolArray
    #: Columns where the root of the generalised Q lies above ``tau2_max`` (PM only).
    above_max: BoolArray


def rsum(a: FloatArray) -> FloatArray:
    """Return the per-meta-analysis sums (over studies, axis 0) of a block."""
    out: FloatArray = a.sum(axis=0)
    return out


def rdot(a: FloatArray, b: FloatArray) -> FloatArray:
    """Return ``rsum(a * b)`` in one pass, without the product array.

    ``einsum`` adds the products down each column in the same order as
    :func:`rsum` (the same bits), ~25 % faster than a multiply and a sum.
    """
    out: FloatArray = np.einsum("ij,ij->j", a, b)
    return out


def weights(marginal: FloatArray) -> FloatArray:
    """Return ``1 / marginal`` computed in place on a fresh temporary.

    ``1.0 / (v + τ²)`` written inline is ~8x slower: numpy's temporary elision
    then takes a slow path for a scalar numerator.
    """
    out: FloatArray = np.divide(1.0, marginal, out=marginal)
    return out


def weighted_mean(y: FloatArray, w: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Return ``(Σw, Σwy/Σw)`` per column."""
    sw = rsum(w)
    return sw, rdot(w, y) / sw


def p_traces(w: FloatArray, sw: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Return ``tr(P)`` and ``Σ P∘P`` of ``P = W − w wᵀ/Σw`` per column."""
    w2 = w * w
    s2 = rsum(w2)
    tr_p = sw - s2 / sw
    pp = s2 - 2.0 * rsum(w2 * w) / sw + (s2 / sw) ** 2
    return tr_p, pp


def generalised_q(y: FloatArray, v: FloatArray, tau2: FloatArray) -> FloatArray:
    """Return ``Q(τ²) = Σ wᵢ (yᵢ − μ̂)²`` with ``wᵢ = 1/(vᵢ + τ²)`` per column."""
    w = weights(v + tau2[None, :])
    mu = weighted_mean(y, w)[1]
    r = y - mu[None, :]
    return rdot(np.multiply(w, r, out=w), r)  # Σ (w r) r


def _zeros_int(n: int) -> IntArray:
    return np.zeros(n, dtype=np.int64)


def _closed(tau2: FloatArray, se: FloatArray) -> Tau2Block:
    n = len(tau2)
    false = np.zeros(n, dtype=bool)
    return Tau2Block(tau2, se, _zeros_int(n), np.ones(n, dtype=bool), false)


def dl(y: FloatArray, v: FloatArray) -> Tau2Block:
    """DerSimonian–Laird: ``(Q − (k−1)) / tr(P)``, truncated at zero."""
    k = y.shape[0]
    w = 1.0 / v
    sw, mu = weighted_mean(y, w)
    r = y - mu[None, :]
    q = rdot(w * r, r)
    tr_p, pp = p_traces(w, sw)
    tau2 = np.maximum(0.0, (q - (k - 1)) / tr_p)
    se = np.sqrt((2.0 * (k - 1) + 4.0 * tau2 * tr_p + 2.0 * tau2**2 * pp) / tr_p**2)
    return _closed(tau2, se)


def hs(y: FloatArray, v: FloatArray) -> Tau2Block:
    """Hunter–Schmidt: ``(Q − k) / Σw``, truncated at zero."""
    k = y.shape[0]
    w = 1.0 / v
    sw, mu = weighted_mean(y, w)
    r = y - mu[None, :]
    q = rdot(w * r, r)
    tr_p, pp = p_traces(w, sw)
    tau2 = np.maximum(0.0, (q - k) / sw)
    se = np.sqrt((2.0 * (k - 1) + 4.0 * tau2 * tr_p + 2.0 * tau2**2 * pp) / sw**2)
    return _closed(tau2, se)


def he_raw(y: FloatArray, v: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Hedges (HE) moment estimate before truncation, and ``tr(PV)``."""
    k = y.shape[0]
    ybar = rsum(y) / k
    r = y - ybar[None, :]
    rss = rsum(r * r)
    tr_pv = rsum(v) * (1.0 - 1.0 / k)
    return (rss - tr_pv) / (k - 1), tr_pv


def he(y: FloatArray, v: FloatArray) -> Tau2Block:
    """Hedges (HE, unweighted method of moments), truncated at zero."""
    k = y.shape[0]
    raw, tr_pv = he_raw(y, v)
    tau2 = np.maximum(0.0, raw)
    # Σ (PV)∘(PV)ᵀ for P = I − J/k: Σv²(1 − 2/k) + (Σv)²/k².
    pvpv = rsum(v * v) * (1.0 - 2.0 / k) + (rsum(v) / k) ** 2
    se = np.sqrt((2.0 * pvpv + 4.0 * tau2 * tr_pv + 2.0 * tau2**2 * (k - 1)) / (k - 1) ** 2)
    return _closed(tau2, se)


def sj(y: FloatArray, v: FloatArray) -> Tau2Block:
    """Sidik–Jonkman: one rescaling step from the unweighted variance of ``y``."""
    k = y.shape[0]
    ybar = rsum(y) / k
    d = y - ybar[None, :]
    tau2_0 = rsum(d * d) / k
    w = weights(v + tau2_0[None, :])
    sw, mu = weighted_mean(y, w)
    r = y - mu[None, :]
    rss = rsum(w * r * r)
    tau2 = np.maximum(0.0, tau2_0 * rss / (k - 1))
    w2 = w * w
    s2 = rsum(w2)
    s2v = rsum(w2 * v)
    pp = s2 - 2.0 * rsum(w2 * w) / sw + (s2 / sw) ** 2
    ppv = s2v - 2.0 * rsum(w2 * w * v) / sw + s2 * s2v / sw**2
    pvpv = rsum(w2 * v * v) - 2.0 * rsum(w2 * w * v * v) / sw + (s2v / sw) ** 2
    se = np.sqrt(tau2_0**2 / (k - 1) ** 2 * (2.0 * pvpv + 4.0 * tau2 * ppv + 2.0 * tau2**2 * pp))
    return _closed(tau2, se)


class _Scratch:
    """Three reusable work arrays of shape ``(k, m)``, ``m ≤ n``, for the iterative estimators.

    Iterations reuse them (``out=``) instead of allocating fresh temporaries:
    large fresh arrays are new memory maps that page-fault on first touch, which
    made each iteration ~5x slower than its arithmetic. The views are
    contiguous prefixes of flat buffers, which a :class:`_ScratchPool` shares
    between every ``k``.
    """

    def __init__(self, k: int, n: int, flat: tuple[FloatArray, ...] | None = None) -> None:
        self.k = k
        self.flat = flat if flat is not None else _ScratchPool(k * n).flat

    def views(self, m: int) -> tuple[FloatArray, FloatArray]:
        size, a, b = self.k * m, self.flat[0], self.flat[1]
        return a[:size].reshape(self.k, m), b[:size].reshape(self.k, m)

    def third(self, m: int) -> FloatArray:
        return self.flat[2][: self.k * m].reshape(self.k, m)


def _score_info(
    reml: bool, y: FloatArray, v: FloatArray, tau2: FloatArray, scratch: _Scratch
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Score, Newton information and size of τ²'s score per column (as ``tau2._score_info``).

    The observed information ``2·yᵀP³y − tr(PP)`` (ML: ``− Σw²``) where it is
    positive, else the expected one, ``tr(PP)`` (ML: ``Σw²``); with ``X = 1``,
    ``yᵀP³y = Σ w (Py)² − (Σ w Py)²/Σw``.
    """
    m = y.shape[1]
    w, b = scratch.views(m)
    c = scratch.third(m)
    np.add(v, tau2[None, :], out=w)
    np.divide(1.0, w, out=w)
    sw = rsum(w)
    mu = rdot(w, y) / sw
    np.subtract(y, mu[None, :], out=b)  # residuals
    np.multiply(b, w, out=b)  # P y = w r
    np.multiply(b, w, out=c)
    u = rsum(c)  # Σ w Py
    p3 = rdot(c, b) - u * u / sw  # yᵀP³y
    ypp = rdot(b, b)  # yᵀPPy = Σ w² r²
    np.multiply(w, w, out=b)
    s2 = rsum(b)
    if not reml:
        score, expected = ypp - sw, s2
    else:
        s3 = rdot(b, w)
        tr_p = sw - s2 / sw
        expected = s2 - 2.0 * s3 / sw + (s2 / sw) ** 2
        score = ypp - tr_p
    observed = 2.0 * p3 - expected
    info: FloatArray = np.where(observed > 0, observed, expected)
    return score, info, ypp + (ypp - score)


def _score_only(
    reml: bool, y: FloatArray, v: FloatArray, tau2: FloatArray, scratch: _Scratch
) -> FloatArray:
    """Return the score of :func:`_score_info` alone."""
    a, b = _score_parts(reml, y, v, tau2, scratch)
    out: FloatArray = a - b
    return out


def _score_parts_q(
    reml: bool, y: FloatArray, v: FloatArray, tau2: FloatArray, scratch: _Scratch
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Return :func:`_score_parts` and the generalised ``Q = Σ w r²`` per column."""
    m = y.shape[1]
    w, b = scratch.views(m)
    c = scratch.third(m)
    np.add(v, tau2[None, :], out=w)
    np.divide(1.0, w, out=w)
    sw = rsum(w)
    mu = rdot(w, y) / sw
    np.subtract(y, mu[None, :], out=b)  # r
    np.multiply(b, w, out=c)  # w r
    q = rdot(c, b)  # Σ w r²
    ypp = rdot(c, c)
    if not reml:
        return ypp, sw, q
    return ypp, sw - rdot(w, w) / sw, q


def _score_parts(
    reml: bool, y: FloatArray, v: FloatArray, tau2: FloatArray, scratch: _Scratch
) -> tuple[FloatArray, FloatArray]:
    """Return ``(yᵀPPy, tr P)`` (REML) or ``(yᵀPPy, Σw)`` (ML): the score is their difference.

    Both parts are non-increasing in τ² (see :func:`_global_check`).
    """
    w, b = scratch.views(y.shape[1])
    np.add(v, tau2[None, :], out=w)
    np.divide(1.0, w, out=w)
    sw = rsum(w)
    mu = rdot(w, y) / sw
    np.subtract(y, mu[None, :], out=b)
    np.multiply(b, w, out=b)
    ypp = rdot(b, b)
    if not reml:
        return ypp, sw
    return ypp, sw - rdot(w, w) / sw


def _score_slopes(
    reml: bool, y: FloatArray, v: FloatArray, tau2: FloatArray, scratch: _Scratch
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Return the score parts ``A``, ``B`` of :func:`_score_parts` and their slopes' sizes.

    ``E = yᵀP³y`` and ``D = tr PP`` (ML: ``Σw²``): ``A' = −2E``, ``B' = −D``,
    so the score's derivative is ``D − 2E``.
    """
    m = y.shape[1]
    w, b = scratch.views(m)
    c = scratch.third(m)
    np.add(v, tau2[None, :], out=w)
    np.divide(1.0, w, out=w)
    sw = rsum(w)
    mu = rdot(w, y) / sw
    np.subtract(y, mu[None, :], out=b)
    np.multiply(b, w, out=b)  # P y = w r
    np.multiply(b, w, out=c)
    u = rsum(c)  # Σ w Py
    e = rdot(c, b) - u * u / sw  # yᵀP³y
    ypp = rdot(b, b)
    np.multiply(w, w, out=b)
    s2 = rsum(b)
    if not reml:
        return ypp, sw, e, s2
    s3 = rdot(b, w)
    return ypp, sw - s2 / sw, e, s2 - 2.0 * s3 / sw + (s2 / sw) ** 2


def _loglik(reml: bool, y: FloatArray, v: FloatArray, tau2: FloatArray) -> FloatArray:
    """ML or REML log-likelihood per column, as metafor's ``logLik`` (with constants)."""
    k = y.shape[0]
    m = v + tau2[None, :]
    logm = rsum(np.log(m))
    w = weights(m)
    sw, mu = weighted_mean(y, w)
    r = y - mu[None, :]
    rss = rdot(np.multiply(w, r, out=w), r)  # Σ (w r) r
    ll: FloatArray
    if not reml:
        ll = -0.5 * (k * np.log(2 * np.pi) + logm + rss)
    else:
        ll = -0.5 * ((k - 1) * np.log(2 * np.pi) + logm + rss) + 0.5 * np.log(k) - 0.5 * np.log(sw)
    return ll


def _halve_below_zero(tau2: FloatArray, adj: FloatArray) -> None:
    """Halve ``adj`` in place until ``tau2 + adj ≥ 0``; no step down from τ² = 0."""
    low = np.flatnonzero(tau2 + adj < 0.0)
    if not low.size:
        return
    at_zero = tau2[low] <= 0.0
    adj[low[at_zero]] = 0.0
    low = low[~at_zero]
    t, a = tau2[low], adj[low]
    bad = t + a < 0.0
    while bad.any():
        a[bad] /= 2.0
        bad = t + a < 0.0
    adj[low] = a


def likelihood(
    method: str,
    y: FloatArray,
    v: FloatArray,
    *,
    threshold: float,
    maxiter: int,
    global_check: bool,
    tau2_max: float,
) -> Tau2Block:
    """ML or REML: safeguarded Newton/Fisher scoring, then a global check of the likelihood.

    Mirrors :func:`watwerkt.stats.tau2._likelihood` column by column: start at
    the truncated HE estimate; a step ``score/information`` (Newton where the
    likelihood is locally concave, else Fisher scoring) is cut at τ² = 0; a
    score zero up to rounding (before or after the step) or a step of at most
    ``threshold·max(1, τ²)`` has converged; a step across the root of the
    score brackets it and the root is solved for; a column still running after
    ``_SCORING_STEPS`` steps is finished by bracketing. A converged τ² > 0
    not found by bracketing is polished to the root of the score; with
    ``global_check`` every other local maximum on the same log-spaced grid
    (and τ² = 0) competes, and the highest log-likelihood wins.
    """
    reml = method == "REML"
    k, n = y.shape
    tau2 = np.maximum(0.0, he_raw(y, v)[0])
    iterations = _zeros_int(n)
    converged = np.zeros(n, dtype=bool)
    bracketed = np.zeros(n, dtype=bool)
    pool = _ScratchPool(k * n)  # work arrays (one pool per call: thread-safe)
    scratch = pool.get(k, n)
    idx = np.arange(n)
    ya, va, cached = y, v, n
    carried: tuple[FloatArray, FloatArray, FloatArray] | None = None
    brackets: list[tuple[npt.NDArray[np.intp], FloatArray, FloatArray, FloatArray]] = []
    limit = min(maxiter, _SCORING_STEPS)
    for count in range(1, limit + 1):
        if not idx.size:
            break
        if idx.size <= _SCALAR_TAIL:  # a few slow columns left: plain floats are faster
            for j in idx:
                out = _likelihood_tail(
                    reml, y[:, j], v[:, j], float(tau2[j]), count, limit, threshold, pool
                )
                tau2[j], iterations[j], converged[j], bracketed[j] = out
            break
        if idx.size != cached:  # copy the unfinished columns only when the set shrank
            ya, va, cached = (y, v, n) if idx.size == n else (y[:, idx], v[:, idx], idx.size)
        ta = tau2[idx]
        if carried is None:
            score, info, size = _score_info(reml, ya, va, ta, scratch)
        else:  # evaluated at the end of the last step
            score, info, size = carried
        new = np.maximum(0.0, ta + score / info)  # a step below 0 is cut at the boundary
        iterations[idx] = count
        # a zero score or a step within the threshold: converged
        still = np.abs(score) <= _SCORE_RTOL * size
        still |= np.abs(new - ta) <= threshold * np.maximum(1.0, new)
        tau2[idx[still]] = new[still]
        converged[idx[still]] = True
        go = np.flatnonzero(~still)
        if go.size == idx.size:
            yg, vg = ya, va
        else:
            yg, vg = ya[:, go], va[:, go]
        # the score, information and size at the new point (the next step's, if it goes on)
        s_new, i_new, z_new = _score_info(reml, yg, vg, new[go], pool.get(k, go.size))
        # landed on the root, up to rounding: converged there
        landed = np.abs(s_new) <= _SCORE_RTOL * z_new
        tau2[idx[go[landed]]] = new[go[landed]]
        converged[idx[go[landed]]] = True
        pos = np.flatnonzero(~landed)  # positions in go still running
        # a step across the root of the score brackets it: solve there
        over = np.sign(s_new[pos]) != np.sign(score[go[pos]])
        if over.any():
            cols = go[pos[over]]
            lo = np.minimum(ta[cols], new[cols])
            hi = np.maximum(ta[cols], new[cols])
            f_lo = np.where(lo == ta[cols], score[cols], s_new[pos[over]])
            brackets.append((idx[cols], lo, hi, f_lo))  # solved together after the loop
            converged[idx[cols]] = bracketed[idx[cols]] = True
            pos = pos[~over]
        go = go[pos]
        tau2[idx[go]] = new[go]
        idx = idx[go]
        carried = s_new[pos], i_new[pos], z_new[pos]
        if pos.size == yg.shape[1]:
            ya, va = yg, vg
        else:
            ya, va = yg[:, pos], vg[:, pos]
        cached = idx.size
    if brackets:  # each column's root search is its own: one call for all steps' brackets
        cols, lo, hi, f_lo = (np.concatenate(part) for part in zip(*brackets, strict=True))
        tau2[cols] = _bisect(_ScoreOn(reml, y[:, cols], v[:, cols], pool), lo, hi, f_lo, maxiter)
    stuck = np.flatnonzero(~converged)
    if stuck.size and limit < maxiter:  # scoring creeps: finish by bracketing (as tau2.py)
        ys, vs = y[:, stuck], v[:, stuck]
        tau2[stuck], ok_s = _finish_by_bracketing(reml, ys, vs, tau2[stuck], maxiter, pool)
        converged[stuck] = bracketed[stuck] = ok_s
    # creeping towards a maximum on the boundary: it is the boundary (as tau2.py)
    near = np.flatnonzero(converged & (tau2 > 0) & (tau2 <= threshold))
    if near.size:
        snap = near[_score(reml, y[:, near], v[:, near], np.zeros(near.size), pool) <= 0]
        tau2[snap] = 0.0
    polish = np.flatnonzero(converged & (tau2 > 0) & ~bracketed)
    if polish.size:
        tau2[polish] = _polish_score(reml, y[:, polish], v[:, polish], tau2[polish], maxiter, pool)
    if global_check:
        tau2, ok = _global_check(reml, y, v, tau2, converged, tau2_max, maxiter, pool)
    else:
        ok = converged
    w = weights(v + np.where(np.isfinite(tau2), tau2, 0.0)[None, :])
    se = np.sqrt(2.0 / rsum(w * w)) if not reml else np.sqrt(2.0 / p_traces(w, rsum(w))[1])
    se[~ok] = np.nan
    false = np.zeros(n, dtype=bool)
    return Tau2Block(tau2, se, iterations, ok, false)


class _ScratchPool:
    """One growing set of flat work buffers, shared by the score evaluations of every ``k``.

    ``size`` (cells) preallocates it: growing later means fresh memory, which
    page-faults on first touch.
    """

    def __init__(self, size: int = 0) -> None:
        self.flat = (np.empty(size), np.empty(size), np.empty(size))

    def get(self, k: int, m: int) -> _Scratch:
        if self.flat[0].size < k * m:
            self.flat = (np.empty(k * m), np.empty(k * m), np.empty(k * m))
        return _Scratch(k, m, self.flat)


def _score_info_1(
    reml: bool, y: list[float], v: list[float], t: float
) -> tuple[float, float, float]:
    """:func:`_score_info` for one meta-analysis, in plain floats."""
    w = [1.0 / (vi + t) for vi in v]
    sw = sum(w)
    mu = sum(wi * yi for wi, yi in zip(w, y, strict=True)) / sw
    pr = [wi * (yi - mu) for wi, yi in zip(w, y, strict=True)]
    u = sum(wi * pi for wi, pi in zip(w, pr, strict=True))
    p3 = sum(wi * pi * pi for wi, pi in zip(w, pr, strict=True)) - u * u / sw
    ypp = sum(pi * pi for pi in pr)
    s2 = sum(wi * wi for wi in w)
    if not reml:
        score, expected = ypp - sw, s2
    else:
        s3 = sum(wi * wi * wi for wi in w)
        score, expected = ypp - (sw - s2 / sw), s2 - 2.0 * s3 / sw + (s2 / sw) ** 2
    observed = 2.0 * p3 - expected
    return score, observed if observed > 0 else expected, ypp + (ypp - score)


def _likelihood_tail(
    reml: bool,
    y_col: FloatArray,
    v_col: FloatArray,
    t: float,
    first: int,
    limit: int,
    threshold: float,
    pool: _ScratchPool,
) -> tuple[float, int, bool, bool]:
    """Continue :func:`likelihood`'s iteration for one column from step ``first``.

    The same rules, in plain Python floats: for a handful of slow columns
    numpy's per-call overhead would dominate. Returns ``(τ², iterations,
    converged, bracketed)``.
    """
    y, v = [float(x) for x in y_col], [float(x) for x in v_col]
    yc, vc = y_col[:, None], v_col[:, None]

    def f(sel: npt.NDArray[np.intp], tt: FloatArray) -> FloatArray:
        return _score(reml, yc[:, sel], vc[:, sel], tt, pool)

    for count in range(first, limit + 1):
        score, info, size = _score_info_1(reml, y, v, t)
        new = max(0.0, t + score / info)
        if abs(score) <= _SCORE_RTOL * size or abs(new - t) <= threshold * max(1.0, new):
            return new, count, True, False
        s_new, _, size_new = _score_info_1(reml, y, v, new)
        if abs(s_new) <= _SCORE_RTOL * size_new:
            return new, count, True, False
        if math.copysign(1.0, s_new) != math.copysign(1.0, score):
            lo, hi = min(t, new), max(t, new)
            f_lo = score if lo == t else s_new
            root = float(_bisect(f, np.array([lo]), np.array([hi]), np.array([f_lo]), limit)[0])
            return root, count, True, True
        t = new
    return t, limit, False, False


def _score(
    reml: bool, y: FloatArray, v: FloatArray, tau2: FloatArray, pool: _ScratchPool
) -> FloatArray:
    k, m = y.shape
    return _score_only(reml, y, v, tau2, pool.get(k, m))


class _ScoreOn:
    """The score on columns ``sel`` of a block, as :func:`_bisect` calls it.

    ``_bisect`` asks for ever fewer columns (sorted subsets of the last
    request): the last gathered columns are kept and reused when asked for
    again, and a subset is gathered from them, not from the whole block.
    """

    def __init__(self, reml: bool, y: FloatArray, v: FloatArray, pool: _ScratchPool) -> None:
        self.reml, self.y, self.v, self.pool = reml, y, v, pool
        self.sel: npt.NDArray[np.intp] | None = None  # columns of the block in self.ys
        self.ys, self.vs = y, v

    def __call__(self, sel: npt.NDArray[np.intp], t: FloatArray) -> FloatArray:
        last = self.sel
        n = self.y.shape[1]
        if last is None and sel.size == n and np.array_equal(sel, np.arange(n)):
            pass  # the whole block
        elif last is not None and np.array_equal(sel, last):
            pass  # the same columns again
        else:
            pos = None
            if last is not None and sel.size < last.size:
                pos = np.searchsorted(last, sel)
                if not (pos < last.size).all() or not np.array_equal(last[pos], sel):
                    pos = None
            src_y, src_v = (self.ys, self.vs) if pos is not None else (self.y, self.v)
            take = pos if pos is not None else sel
            self.ys, self.vs, self.sel = src_y[:, take], src_v[:, take], sel
        return _score(self.reml, self.ys, self.vs, t, self.pool)


def _bisect(
    f: Callable[[npt.NDArray[np.intp], FloatArray], FloatArray],
    lo: FloatArray,
    hi: FloatArray,
    f_lo: FloatArray,
    maxiter: int,
) -> FloatArray:
    """Root of ``f`` per column in ``[lo, hi]`` (a sign change) to machine precision.

    The Illinois variant of regula falsi, about as fast as Brent's method on
    these smooth scores (a handful of evaluations instead of ~55 bisections):
    each column keeps a bracket; a secant point outside it falls back to the
    midpoint; a column stops at a zero or when its bracket spans a few ulps.
    """
    a, b = lo.astype(float, copy=True), hi.astype(float, copy=True)
    fa = f_lo.astype(float, copy=True)
    fb = f(np.arange(b.size), b)
    root = np.where(fa == 0, a, b)
    cols = np.flatnonzero((fa != 0) & (fb != 0))
    kept = np.zeros(b.size, dtype=bool)  # the a end survived the last step (Illinois)
    for _ in range(max(maxiter, 2200)):
        if not cols.size:
            break
        ac, bc, fac, fbc = a[cols], b[cols], fa[cols], fb[cols]
        with np.errstate(divide="ignore", invalid="ignore"):
            c = (ac * fbc - bc * fac) / (fbc - fac)
        lo_c, hi_c = np.minimum(ac, bc), np.maximum(ac, bc)
        bad = ~((c > lo_c) & (c < hi_c))
        c[bad] = 0.5 * (ac[bad] + bc[bad])
        fc = f(cols, c)
        flip = np.sign(fc) != np.sign(fbc)
        a[cols[flip]], fa[cols[flip]] = bc[flip], fbc[flip]
        stay = cols[~flip & kept[cols]]
        fa[stay] /= 2.0
        kept[cols] = ~flip
        b[cols], fb[cols] = c, fc
        root[cols] = c
        width = np.abs(b[cols] - a[cols])
        done = (fc == 0) | (width <= 4.0 * _EPS * np.abs(c)) | (c <= lo_c) | (c >= hi_c)
        cols = cols[~done]
    return root


def _finish_by_bracketing(
    reml: bool, y: FloatArray, v: FloatArray, tau2: FloatArray, maxiter: int, pool: _ScratchPool
) -> tuple[FloatArray, BoolArray]:
    """Return the local maximum uphill of each τ² and success (``tau2._finish_by_bracketing``).

    A positive score: the distance above τ² (first ``max(τ², median(v))``) is
    doubled until the score is ≤ 0, then the root in between is solved for. A
    negative score: the root in ``[0, τ²]`` if the score at 0 is positive, else 0.
    """
    n = tau2.size
    out = tau2.copy()
    ok = np.zeros(n, dtype=bool)
    s = _score(reml, y, v, tau2, pool)
    ok[s == 0] = True

    def solve(cols: npt.NDArray[np.intp], lo: FloatArray, hi: FloatArray, f_lo: FloatArray) -> None:
        f = _ScoreOn(reml, y[:, cols], v[:, cols], pool)
        out[cols] = _bisect(f, lo, hi, f_lo, maxiter)
        ok[cols] = True

    down = np.flatnonzero(s < 0)
    if down.size:
        s0 = _score(reml, y[:, down], v[:, down], np.zeros(down.size), pool)
        at0 = s0 <= 0
        out[down[at0]] = 0.0
        ok[down[at0]] = True
        if not at0.all():
            inner = down[~at0]
            solve(inner, np.zeros(inner.size), tau2[inner], s0[~at0])
    up = np.flatnonzero(s > 0)
    if up.size:
        t = tau2[up]
        hi = t + np.maximum(t, median0(v[:, up]))
        todo = np.arange(up.size)
        found = np.zeros(up.size, dtype=bool)
        for _ in range(200):
            if not todo.size:
                break
            s_hi = _score(reml, y[:, up[todo]], v[:, up[todo]], hi[todo], pool)
            found[todo[s_hi <= 0]] = True
            todo = todo[~(s_hi <= 0)]
            hi[todo] = t[todo] + 2.0 * (hi[todo] - t[todo])
        if found.any():
            solve(up[found], t[found], hi[found], s[up][found])
    return out, ok


def _polish_score(
    reml: bool, y: FloatArray, v: FloatArray, tau2: FloatArray, maxiter: int, pool: _ScratchPool
) -> FloatArray:
    """Root of the score next to each τ² (as ``tau2._polish``; τ² itself if none near)."""
    out = tau2.copy()
    s = _score(reml, y, v, tau2, pool)
    todo = np.flatnonzero(s != 0)
    brackets: list[tuple[npt.NDArray[np.intp], FloatArray, FloatArray, FloatArray]] = []
    for rel in (1e-10, 1e-8, 1e-6):
        if not todo.size:
            break
        t, s_t = tau2[todo], s[todo]
        other = np.where(s_t > 0, t * (1.0 + rel), t * (1.0 - rel))
        s_other = _score(reml, y[:, todo], v[:, todo], other, pool)
        found = np.sign(s_other) != np.sign(s_t)
        if found.any():
            t_f, o_f = t[found], other[found]
            lo, hi = np.minimum(t_f, o_f), np.maximum(t_f, o_f)
            f_lo = np.where(lo == t_f, s_t[found], s_other[found])  # the score at lo, known
            brackets.append((todo[found], lo, hi, f_lo))
        todo = todo[~found]
    if brackets:  # one root search for the brackets of every width
        cols, lo, hi, f_lo = (np.concatenate(part) for part in zip(*brackets, strict=True))
        out[cols] = _bisect(_ScoreOn(reml, y[:, cols], v[:, cols], pool), lo, hi, f_lo, maxiter)
    return out


def _tail_negative(
    q: FloatArray, taus: FloatArray, v_min: FloatArray, v_max: FloatArray, k: int, p: int
) -> BoolArray:
    """Where the score is certainly negative on all of ``[τ², ∞)`` (``tau2._tail_negative``)."""
    c = q + p
    margin = 1.0 - _CERTIFY_RTOL
    out: BoolArray = (c < k * margin) & (c * (v_max + taus) < k * (v_min + taus) * margin)
    return out


def _grid_row(r: int, lo: FloatArray, log_ratio: FloatArray) -> FloatArray:
    """Row ``r`` of the global-check grid per column (as ``tau2._grid``): 0, then log-spaced."""
    if r == 0:
        return np.zeros(lo.size)
    if r == _GRID_POINTS:
        return lo * np.exp(log_ratio)
    out: FloatArray = lo * np.exp((r - 1) / (_GRID_POINTS - 1) * log_ratio)
    return out


def _grid_at(r: npt.NDArray[np.intp], lo: FloatArray, log_ratio: FloatArray) -> FloatArray:
    """:func:`_grid_row` for one row per column (arrays of any shape that broadcast)."""
    out: FloatArray = lo * np.exp((r - 1) / (_GRID_POINTS - 1) * log_ratio)
    out = np.where(r == _GRID_POINTS, lo * np.exp(log_ratio), out)
    return np.where(r == 0, 0.0, out)


def _global_check(
    reml: bool,
    y: FloatArray,
    v: FloatArray,
    tau2: FloatArray,
    converged: BoolArray,
    tau2_max: float,
    maxiter: int,
    pool: _ScratchPool,
) -> tuple[FloatArray, BoolArray]:
    """Compare each optimum with τ² = 0 and every local maximum on ``tau2``'s grid.

    The score is evaluated only where :func:`tau2._grid_scores`' rule needs it: at
    every ``_GRID_STRIDES[0]``-th grid point, and inside a cell, at ever finer
    strides, only where its bounds cannot exclude a sign change
    (:meth:`_GridCheck.sign_changes`). The log-likelihood of the optimum is
    computed only for columns with a candidate; τ² = 0 is no candidate where
    it is the converged optimum itself (it cannot beat its own value).
    """
    best_t = np.where(converged, tau2, np.nan)
    scale = median0(v)
    found = np.where(converged, tau2, 0.0)
    hi = np.maximum.reduce([tau2_upper(y, tau2_max), 10.0 * found, 10.0 * np.var(y, axis=0), scale])
    lo = 1e-8 * scale
    log_ratio = np.log(hi / lo)
    grid = _GridCheck(reml, y, v, lo, log_ratio, pool)
    score0, (cols, rows_, s_lo) = grid.sign_changes(found, converged)
    cands: list[tuple[npt.NDArray[np.intp], FloatArray]] = []
    zero = np.flatnonzero((score0 <= 0) & ~(converged & (tau2 == 0)))
    if zero.size:
        cands.append((zero, np.zeros(zero.size)))
    if cols.size:
        g_lo = _grid_at(rows_, lo[cols], log_ratio[cols])
        g_hi = _grid_at(rows_ + 1, lo[cols], log_ratio[cols])
        # the interval holding a converged optimum yields that optimum again
        keep = ~(converged[cols] & (g_lo <= found[cols]) & (found[cols] <= g_hi))
        cols, rows_, s_lo, g_lo, g_hi = cols[keep], rows_[keep], s_lo[keep], g_lo[keep], g_hi[keep]
    if cols.size:
        roots = _bisect(_ScoreOn(reml, y[:, cols], v[:, cols], pool), g_lo, g_hi, s_lo, maxiter)
        # the single fit tries a group's candidates in grid order: one round per rank
        first = np.r_[True, cols[1:] != cols[:-1]]
        start_of = np.maximum.accumulate(np.where(first, np.arange(cols.size), 0))
        rank = np.arange(cols.size) - start_of
        for r in range(int(rank.max()) + 1):
            pick = rank == r
            cands.append((cols[pick], roots[pick]))
    best_ll = np.full(tau2.size, -np.inf)  # only where a candidate competes
    has = np.zeros(tau2.size, dtype=bool)
    for cand_cols, _ in cands:
        has[cand_cols] = True
    need = np.flatnonzero(has & converged)
    if need.size:
        best_ll[need] = _loglik(reml, y[:, need], v[:, need], tau2[need])
    for cand_cols, cand in cands:
        cand_ll = _loglik(reml, y[:, cand_cols], v[:, cand_cols], cand)
        # As the single fit: with no converged optimum (best −inf) the margin is NaN
        # and no candidate can win, so the column stays not converged.
        with np.errstate(invalid="ignore"):
            better = cand_ll > best_ll[cand_cols] + 1e-12 * (1.0 + np.abs(best_ll[cand_cols]))
        best_t[cand_cols[better]] = cand[better]
        best_ll[cand_cols[better]] = cand_ll[better]
    ok = np.isfinite(best_t)
    return np.where(ok, best_t, tau2), ok


#: Grid rows evaluated for every column: 0, then every ``_GRID_STRIDES[0]``-th, and the last.
_COARSE_ROWS: Final = np.array([0, *range(1, _GRID_POINTS, _GRID_STRIDES[0]), _GRID_POINTS])
#: Offsets (in grid rows) from a found optimum at which the band where the score
#: provably decreases is tested (:meth:`_GridCheck._band`).
_BAND_STEPS: Final = np.array([1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48])

Rows = npt.NDArray[np.intp]


class _GridCheck:
    """The global-check grid of a block, evaluated only where a sign change remains possible.

    All open cells of all columns are refined together, one stride at a time
    (no recursion): a cell carries its ends' τ² and score parts, so neither a
    ``(rows, columns)`` grid nor per-cell column copies are needed; each stride
    gathers the columns of its open cells once.
    """

    def __init__(
        self,
        reml: bool,
        y: FloatArray,
        v: FloatArray,
        lo: FloatArray,
        log_ratio: FloatArray,
        pool: _ScratchPool,
    ) -> None:
        self.reml, self.y, self.v, self.lo, self.log_ratio, self.pool = (
            reml, y, v, lo, log_ratio, pool,
        )  # fmt: skip
        self.v_min, self.v_max = v.min(axis=0), v.max(axis=0)

    def taus(self, rows: Rows, cols: Rows) -> FloatArray:
        """Return grid row ``rows[i]`` of column ``cols[i]`` (as :func:`_grid_row`)."""
        return _grid_at(rows, self.lo[cols], self.log_ratio[cols])

    def sign_changes(
        self, found: FloatArray, converged: BoolArray
    ) -> tuple[FloatArray, tuple[Rows, Rows, FloatArray]]:
        """Return the score at τ² = 0 and every ``+ → −`` sign change on the full grid.

        The changes come as ``(columns, rows, scores at those rows)``, ordered by
        column, then row: a change between rows ``r`` and ``r + 1``; the change
        at a converged optimum ``found`` may be left out (it is that optimum).
        As ``tau2._grid_scores``: the coarse rows are evaluated for every
        column; from the first coarse row where the tail bound holds the score
        is negative; around each optimum, the band of :meth:`_band` has no other
        change; a cell whose bounds (:meth:`_Cells.uncertain`) exclude 0 keeps
        the sign of its ends; any other cell is split at the next stride, down
        to single grid steps.
        """
        reml, y, v = self.reml, self.y, self.v
        k, n = y.shape
        nc = _COARSE_ROWS.size
        part_a, part_b, taus = np.empty((nc, n)), np.empty((nc, n)), np.empty((nc, n))
        first = np.full(n, nc)  # first coarse row of the certain-negative tail
        scratch = self.pool.get(k, n)
        for i, r in enumerate(_COARSE_ROWS):
            taus[i] = _grid_row(int(r), self.lo, self.log_ratio)
            part_a[i], part_b[i], q = _score_parts_q(reml, y, v, taus[i], scratch)
            tail = _tail_negative(q, taus[i], self.v_min, self.v_max, k, 1 if reml else 0)
            first[tail & (first == nc)] = i
        score = part_a - part_b
        changes: list[tuple[Rows, Rows, FloatArray]] = []
        # a tail cell is negative inside: a positive score at its lower end is a change
        # (the first cell, rows 0 and 1, is a single step: its ends decide)
        wide = (np.diff(_COARSE_ROWS) > 1)[:, None]
        tail = (np.arange(nc - 1)[:, None] >= first[None, :]) & wide
        cell_i, col = np.nonzero(tail)
        pos = score[cell_i, col] > 0
        changes.append((col[pos], _COARSE_ROWS[cell_i[pos]], score[cell_i[pos], col[pos]]))
        cell_i, col = np.nonzero(~tail)
        coarse = _Cells(
            col,
            _COARSE_ROWS[cell_i],
            _COARSE_ROWS[cell_i + 1],
            taus[cell_i, col],
            taus[cell_i + 1, col],
            part_a[cell_i, col],
            part_b[cell_i, col],
            part_a[cell_i + 1, col],
            part_b[cell_i + 1, col],
        )
        cells = self._cut_band(coarse, self._band(found, converged, score[0]))
        for stride in _GRID_STRIDES[1:]:
            changes.append(cells.take_steps())
            cells = cells.uncertain(self.v_min, self.v_max)
            if not cells.col.size:
                break
            cells = self._split(cells, stride)
        changes.append(cells.take_steps())
        col = np.concatenate([c for c, _, _ in changes])
        row = np.concatenate([r for _, r, _ in changes])
        s_lo = np.concatenate([s for _, _, s in changes])
        order = np.lexsort((row, col))
        return score[0], (col[order], row[order], s_lo[order])

    def _band(self, found: FloatArray, converged: BoolArray, score0: FloatArray) -> _Cells:
        """Return per column a band of grid rows ``[L, R]`` on which the score decreases.

        For a converged optimum ``t`` (a root of the score, or τ² = 0 with a
        score ≤ 0 there) with ``S'(t) = −2E + D < 0`` (``E = yᵀP³y``, ``D =
        tr PP``, ML: ``Σw²``): the eigenvalues of ``P`` (of ``W``) other than 0
        lie in ``[1/(v_max + τ²), 1/(v_min + τ²)]``, so ``ln E`` falls with a
        slope in ``[−3/(v_min+τ²), −3/(v_max+τ²)]`` and ``ln D`` with one in
        ``[−2/(v_min+τ²), −2/(v_max+τ²)]``. Above ``t`` this gives
        ``S'(τ²) ≤ −2E·((v_min+t)/(v_min+τ²))³ + D·((v_max+t)/(v_max+τ²))²``,
        below ``t`` the same with ``v_min`` and ``v_max`` swapped; where that
        bound is negative the score falls strictly, so the band's only sign
        change is the one at ``t`` (none when ``t = 0``). The bound's sign is
        tested at the grid rows ``_BAND_STEPS`` away on each side (it is negative on an
        interval around ``t``). Returns single cells ``[L, R]`` with the score
        parts at both ends, for the columns that have a band.
        """
        cand = converged & ((found > 0) | (score0 <= 0))
        cols = np.flatnonzero(cand)
        empty = _Cells.empty()
        if not cols.size:
            return empty
        y, v, t = self.y[:, cols], self.v[:, cols], found[cols]
        a, b, e, d = _score_slopes(self.reml, y, v, t, self.pool.get(y.shape[0], cols.size))
        # an interior optimum is a root of the score, up to rounding
        ok = (t == 0) | (np.abs(a - b) <= _SCORE_RTOL * (a + b))
        ok &= 2.0 * e > d * (1.0 + _CERTIFY_RTOL)
        sub = np.flatnonzero(ok)  # columns of y, v still in play
        cols, t, e, d = cols[sub], t[sub], e[sub], d[sub]
        if not cols.size:
            return empty
        lo, lr = self.lo[cols], self.log_ratio[cols]
        # the grid step [r, r + 1] holding t
        with np.errstate(divide="ignore"):
            pos = 1.0 + (_GRID_POINTS - 1) * np.log(t / lo) / lr
        r = np.clip(np.floor(np.nan_to_num(pos, neginf=0.0)), 0, _GRID_POINTS - 1).astype(np.intp)
        r -= (r > 0) & (_grid_at(r, lo, lr) > t)
        r += (r < _GRID_POINTS - 1) & (_grid_at(r + 1, lo, lr) < t)
        vmn, vmx = self.v_min[cols], self.v_max[cols]
        e2, d2 = 2.0 * e, d * (1.0 + _CERTIFY_RTOL)
        n_up = self._reach(r, True, (t, lo, lr, vmn, vmx, e2, d2))
        n_down = self._reach(r, False, (t, lo, lr, vmn, vmx, e2, d2))
        ok = (n_up > 0) & (n_down > 0)
        cols = cols[ok]
        if not cols.size:
            return empty
        rb = np.minimum(r[ok] + n_up[ok], _GRID_POINTS)
        ra = np.maximum(r[ok] - n_down[ok] + 1, 0)
        ta, tb = self.taus(ra, cols), self.taus(rb, cols)
        if cols.size < y.shape[1]:
            sub = sub[ok]
            y, v = y[:, sub], v[:, sub]
        scratch = self.pool.get(y.shape[0], cols.size)
        a_lo, b_lo = _score_parts(self.reml, y, v, ta, scratch)
        a_hi, b_hi = _score_parts(self.reml, y, v, tb, scratch)
        return _Cells(cols, ra, rb, ta, tb, a_lo, b_lo, a_hi, b_hi)

    @staticmethod
    def _reach(r: Rows, up: bool, parts: tuple[FloatArray, ...]) -> IntArray:
        """Return per column the farthest ``_BAND_STEPS`` offset from ``r`` with a falling bound.

        ``parts`` are per column ``(t, lo, log_ratio, v_min, v_max, 2E,
        D·(1 + rtol))``; 0 if the bound of :meth:`_band` is not negative at the
        first offset. That bound is negative on an interval around ``t``: above
        ``t`` it is negative while ``(v_min+τ²)³/(v_max+τ²)²`` (increasing) is
        below a constant, below ``t`` while ``(v_max+τ²)³/(v_min+τ²)²``
        (falling, then rising) is. So the offsets where it is negative are a
        prefix of ``_BAND_STEPS``, found by bisection (4 tests instead of 11).
        """
        t, lo, lr, vmn, vmx, e2, d2 = parts
        ok = np.full(r.size, -1)  # index into _BAND_STEPS known negative (-1: none)
        bad = np.full(r.size, _BAND_STEPS.size)  # index known not to be tested negative
        while True:
            open_ = np.flatnonzero(bad - ok > 1)
            if not open_.size:
                break
            mid = (ok[open_] + bad[open_]) // 2
            rl, step = r[open_], _BAND_STEPS[mid]
            rows = np.minimum(rl + step, _GRID_POINTS) if up else np.maximum(rl + 1 - step, 0)
            tau = _grid_at(rows, lo[open_], lr[open_])
            vn, vx, tc = vmn[open_], vmx[open_], t[open_]
            a_n, a_x = (vn + tc) / (vn + tau), (vx + tc) / (vx + tau)
            if up:
                falls = e2[open_] * (a_n * a_n * a_n) > d2[open_] * (a_x * a_x)
            else:
                falls = e2[open_] * (a_x * a_x * a_x) > d2[open_] * (a_n * a_n)
            ok[open_] = np.where(falls, mid, ok[open_])
            bad[open_] = np.where(falls, bad[open_], mid)
        out: IntArray = np.where(ok >= 0, _BAND_STEPS[np.maximum(ok, 0)], 0)
        return out

    def _cut_band(self, cells: _Cells, band: _Cells) -> _Cells:
        """Return ``cells`` without the parts inside each column's band (one cell per column)."""
        if not band.col.size:
            return cells
        n = self.y.shape[1]
        at = np.full(n, -1)
        at[band.col] = np.arange(band.col.size)
        j = at[cells.col]
        has = j >= 0
        j = np.where(has, j, 0)
        cut = has & (cells.ra < band.rb[j]) & (cells.rb > band.ra[j])
        left = cut & (cells.ra < band.ra[j])
        right = cut & (cells.rb > band.rb[j])
        keep = cells.select(np.flatnonzero(~cut))
        lf, rt = np.flatnonzero(left), np.flatnonzero(right)
        jl, jr = j[lf], j[rt]
        left_cells = _Cells(
            cells.col[lf], cells.ra[lf], band.ra[jl], cells.ta[lf], band.ta[jl],
            cells.a_lo[lf], cells.b_lo[lf], band.a_lo[jl], band.b_lo[jl],
        )  # fmt: skip
        right_cells = _Cells(
            cells.col[rt], band.rb[jr], cells.rb[rt], band.tb[jr], cells.tb[rt],
            band.a_hi[jr], band.b_hi[jr], cells.a_hi[rt], cells.b_hi[rt],
        )  # fmt: skip
        return _Cells.concat(keep, left_cells, right_cells)

    def _split(self, cells: _Cells, stride: int) -> _Cells:
        """Split each cell wider than ``stride`` at ``ra + stride``, evaluating the score there."""
        split = np.flatnonzero(cells.ra + stride < cells.rb)
        if not split.size:
            return cells
        col = cells.col[split]
        mid = cells.ra[split] + stride
        t = self.lo[col] * np.exp((mid - 1) / (_GRID_POINTS - 1) * self.log_ratio[col])
        k, m = self.y.shape[0], col.size
        y, v = np.take(self.y, col, axis=1), np.take(self.v, col, axis=1)
        a_mid, b_mid = _score_parts(self.reml, y, v, t, self.pool.get(k, m))
        keep = np.ones(cells.col.size, dtype=bool)
        keep[split] = False
        s = cells.select(split)
        return _Cells.concat(
            cells.select(np.flatnonzero(keep)),
            _Cells(col, s.ra, mid, s.ta, t, s.a_lo, s.b_lo, a_mid, b_mid),
            _Cells(col, mid, s.rb, t, s.tb, a_mid, b_mid, s.a_hi, s.b_hi),
        )


@dataclass(frozen=True, slots=True)
class _Cells:
    """Cells ``[ra, rb]`` of the grid (τ² ``ta``, ``tb``) in columns ``col``; A, B at both ends."""

    col: Rows
    ra: Rows
    rb: Rows
    ta: FloatArray
    tb: FloatArray
    a_lo: FloatArray
    b_lo: FloatArray
    a_hi: FloatArray
    b_hi: FloatArray

    @staticmethod
    def empty() -> _Cells:
        i, f = np.empty(0, dtype=np.intp), np.empty(0)
        return _Cells(i, i, i, f, f, f, f, f, f)

    @staticmethod
    def concat(*parts: _Cells) -> _Cells:
        return _Cells(
            *(np.concatenate(fields) for fields in zip(*(_fields(p) for p in parts), strict=True))
        )

    def select(self, idx: Rows) -> _Cells:
        return _Cells(*(field[idx] for field in _fields(self)))

    def take_steps(self) -> tuple[Rows, Rows, FloatArray]:
        """Return the sign changes of the single-step cells ``(col, ra, score at ra)``."""
        s_lo = self.a_lo - self.b_lo
        change = (self.rb - self.ra == 1) & (s_lo > 0) & (self.a_hi - self.b_hi <= 0)
        return self.col[change], self.ra[change], s_lo[change]

    def uncertain(self, v_min: FloatArray, v_max: FloatArray) -> _Cells:
        """Return the cells wider than one step whose bounds leave a sign change possible.

        ``A = yᵀPPy`` and ``B`` (``tr P``, ML: ``Σw``) do not increase, and as
        in :meth:`_GridCheck._band`, ``ln A`` falls with a slope in
        ``[−2/(v_min+τ²), −2/(v_max+τ²)]`` and ``ln B`` with one in
        ``[−1/(v_min+τ²), −1/(v_max+τ²)]``. On ``[a, b]`` hence
        ``(v+τ²)·S(τ²) ≤ A(a)(v+a)²/(v+τ²) − B(b)(v+b)`` with ``v = v_max``, at
        most ``A(a)(v_max+a) − B(b)(v_max+b)``, and likewise three more bounds;
        the plain ``A(b) − B(a) ≤ S ≤ A(a) − B(b)`` is the weakest of them.
        """
        margin = _CERTIFY_RTOL * (np.abs(self.a_lo) + np.abs(self.b_lo))
        vmn, vmx = v_min[self.col], v_max[self.col]
        keep = 1.0 - _CERTIFY_RTOL
        xa, xb = vmx + self.ta, vmx + self.tb
        na, nb = vmn + self.ta, vmn + self.tb
        neg = self.a_lo - self.b_hi < -margin
        neg |= self.a_lo * xa < self.b_hi * xb * keep
        neg |= self.a_hi * nb * nb < self.b_lo * na * na * keep
        pos = self.a_hi - self.b_lo > margin
        pos |= self.a_hi * xb * keep > self.b_lo * xa
        pos |= self.a_lo * na * na * keep > self.b_hi * nb * nb
        return self.select(np.flatnonzero((self.rb - self.ra > 1) & ~(neg | pos)))


def _fields(cells: _Cells) -> tuple[npt.NDArray[Any], ...]:
    return (
        cells.col, cells.ra, cells.rb, cells.ta, cells.tb,
        cells.a_lo, cells.b_lo, cells.a_hi, cells.b_hi,
    )  # fmt: skip


def q_root(
    y: FloatArray,
    v: FloatArray,
    target: FloatArray,
    lower: FloatArray,
    upper: FloatArray,
    *,
    maxiter: int,
) -> tuple[FloatArray, IntArray, BoolArray]:
    """Solve ``Q(τ²) = target`` per column on ``[lower, upper]`` to machine precision.

    ``Q`` decreases in τ²; the caller guarantees ``Q(lower) ≥ target ≥
    Q(upper)``. Newton steps (``dQ/dτ² = −Σ w² r²``) inside a shrinking
    bracket, with bisection whenever a step leaves it; a column stops when a step
    changes τ² by at most ``_ROOT_RTOL`` relatively or by less than the rounding
    noise of Q allows to resolve.
    """
    n = y.shape[1]
    t = lower.astype(float, copy=True)
    lo = lower.astype(float, copy=True)
    hi = upper.astype(float, copy=True)
    iterations = _zeros_int(n)
    converged = np.zeros(n, dtype=bool)
    scratch = _Scratch(*y.shape)
    # Working copies of the unfinished columns, compacted when many have finished.
    idx, ya, va, tg = np.arange(n), y, v, target
    live = np.ones(n, dtype=bool)
    for count in range(1, maxiter + 1):
        if not idx.size:
            break
        w, b = scratch.views(idx.size)
        ta = t[idx]
        np.add(va, ta[None, :], out=w)
        np.divide(1.0, w, out=w)
        sw = rsum(w)
        np.multiply(w, ya, out=b)
        mu = rsum(b) / sw
        np.subtract(ya, mu[None, :], out=b)  # r
        np.multiply(b, w, out=w)  # w r
        np.multiply(b, w, out=b)  # w r²
        f = rsum(b) - tg
        np.multiply(w, w, out=w)
        df = -rsum(w)
        above = f > 0.0
        lo_a = np.where(above, ta, lo[idx])
        hi_a = np.where(above, hi[idx], ta)
        with np.errstate(divide="ignore", invalid="ignore"):
            new = ta - f / df
        outside = ~((new >= lo_a) & (new <= hi_a))
        new[outside] = 0.5 * (lo_a[outside] + hi_a[outside])
        # Q itself is only known to ~eps·Q, i.e. τ² to ~eps·Q/|dQ/dτ²|.
        noise = 16.0 * _EPS * (np.abs(tg) + np.abs(f)) / np.abs(df)
        done = (f == 0.0) | (np.abs(new - ta) <= _ROOT_RTOL * np.abs(new) + noise)
        upd = idx[live]
        lo[upd], hi[upd], t[upd] = lo_a[live], hi_a[live], new[live]
        iterations[upd] = count
        converged[idx[live & done]] = True
        live &= ~done
        if live.sum() < 0.6 * live.size:
            idx, ya, va, tg = idx[live], ya[:, live], va[:, live], tg[live]
            live = np.ones(idx.size, dtype=bool)
    return t, iterations, converged


def median0(a: FloatArray) -> FloatArray:
    """Return the median of each column, exactly as ``np.median(a, axis=0)``.

    A sort of the short columns is ~4x faster than ``np.median``'s partition
    along the first axis; finite input only (no NaN handling).
    """
    k = a.shape[0]
    s = np.sort(a, axis=0)
    out: FloatArray = s[k // 2].copy() if k % 2 else (s[k // 2 - 1] + s[k // 2]) / 2
    return out


def tau2_upper(y: FloatArray, tau2_max: float) -> FloatArray:
    """Upper end of the τ² search per column: ``max(tau2_max, 10 · MAD(y)²)`` (metafor).

    ``MAD ≤ 1.4826 · (max y − min y)``: where even that bound (with a margin for
    rounding) gives ``10 · MAD² < tau2_max``, the result is ``tau2_max`` without
    the two medians (sorts).
    """
    span = y.max(axis=0) - y.min(axis=0)
    out = np.full(y.shape[1], float(tau2_max))
    need = np.flatnonzero(~(10.0 * (_MAD_CONSTANT * 1.001 * span) ** 2 < tau2_max))
    if need.size:
        ys = y if need.size == y.shape[1] else y[:, need]
        med = median0(ys)
        mad = _MAD_CONSTANT * median0(np.abs(ys - med[None, :]))
        out[need] = np.maximum(tau2_max, 10.0 * mad**2)
    return out


def bracket_up(y: FloatArray, v: FloatArray, target: FloatArray, hi: FloatArray) -> FloatArray:
    """Double ``hi`` until ``Q(hi) ≤ target`` per column (NaN after 200 doublings)."""
    hi = hi.copy()
    todo = np.arange(hi.size)
    for _ in range(200):
        above = generalised_q(y[:, todo], v[:, todo], hi[todo]) > target[todo]
        todo = todo[above]
        if not todo.size:
            return hi
        hi[todo] *= 2.0
    hi[todo] = np.nan
    return hi


def _root_from_zero(
    y: FloatArray, v: FloatArray, target: FloatArray, hi: FloatArray, maxiter: int
) -> FloatArray:
    """τ² with ``Q(τ²) = target`` in ``[0, hi]`` per column (NaN where ``hi`` is NaN)."""
    out = np.full(hi.size, np.nan)
    ok = np.flatnonzero(np.isfinite(hi))
    if ok.size:
        out[ok] = q_root(
            y[:, ok], v[:, ok], target[ok], np.zeros(ok.size), hi[ok], maxiter=maxiter
        )[0]
    return out


def pm(y: FloatArray, v: FloatArray, *, tau2_max: float, maxiter: int) -> Tau2Block:
    """Paule–Mandel: the τ² at which the generalised Q equals ``k − 1``.

    Zero when ``Q(0) < k − 1``; otherwise the root in ``[0, hi]``, with ``hi``
    doubled from ``max(tau2_max, 10·MAD(y)²)`` until it brackets the root (as
    the single fit; NaN and not converged if it never does).
    """
    k, n = y.shape
    target = np.full(n, float(k - 1))
    tau2 = np.zeros(n)
    iterations = _zeros_int(n)
    solve = np.flatnonzero(~(generalised_q(y, v, np.zeros(n)) < target))
    if solve.size:
        ys, vs, ts = y[:, solve], v[:, solve], target[solve]
        hi = bracket_up(ys, vs, ts, tau2_upper(ys, tau2_max))
        tau2[solve] = _root_from_zero(ys, vs, ts, hi, maxiter)
    ok = np.isfinite(tau2)
    w = weights(v + np.where(ok, tau2, 0.0)[None, :])
    se = np.sqrt(2.0 * k**2 / (k - 1)) / rsum(w)
    se[~ok] = np.nan
    return Tau2Block(tau2, se, iterations, ok, ~ok)


def eb(
    y: FloatArray, v: FloatArray, *, threshold: float, maxiter: int, step_halving: bool
) -> Tau2Block:
    """Empirical Bayes: the single fit's scoring (for its iteration count), then the root.

    The estimating equation ``Q(τ²)·k/(k−1) = k`` is monotone, so its root
    (found to machine precision) is the estimate; the scoring iterations with
    step halving on ``|f|`` are mirrored only to report the same ``iterations``.
    """
    k, n = y.shape
    target = np.full(n, float(k - 1))

    def f(yc: FloatArray, vc: FloatArray, t: FloatArray) -> FloatArray:
        out: FloatArray = generalised_q(yc, vc, t) * k / (k - 1) - k
        return out

    tau2 = np.maximum(0.0, he_raw(y, v)[0])
    iterations = _zeros_int(n)
    idx = np.arange(n)
    for count in range(1, maxiter + 1):
        if not idx.size:
            break
        ya, va, ta = y[:, idx], v[:, idx], tau2[idx]
        ft = f(ya, va, ta)
        adj = ft / rsum(weights(va + ta[None, :]))
        _halve_below_zero(ta, adj)
        new = ta + adj
        if step_halving:
            fn = f(ya, va, new)
            worse = np.flatnonzero(~((np.abs(fn) <= np.abs(ft)) | (new == ta)))
            for _ in range(60):
                if not worse.size:
                    break
                adj[worse] /= 2.0
                new[worse] = ta[worse] + adj[worse]
                fw = f(ya[:, worse], va[:, worse], new[worse])
                ok = (np.abs(fw) <= np.abs(ft[worse])) | (new[worse] == ta[worse])
                worse = worse[~ok]
        change = np.abs(new - ta)
        tau2[idx] = new
        iterations[idx] = count
        idx = idx[~(change <= threshold * np.maximum(1.0, new))]
    out = np.zeros(n)
    solve = np.flatnonzero(~(f(y, v, np.zeros(n)) <= 0))
    if solve.size:
        ys, vs, ts = y[:, solve], v[:, solve], target[solve]
        start = np.maximum(tau2[solve], 1e-8 * median0(vs))
        hi = bracket_up(ys, vs, ts, start)
        out[solve] = _root_from_zero(ys, vs, ts, hi, maxiter)
    ok = np.isfinite(out)
    w = weights(v + np.where(ok, out, 0.0)[None, :])
    se = np.sqrt(2.0 * k**2 / (k - 1)) / rsum(w)
    se[~ok] = np.nan
    false = np.zeros(n, dtype=bool)
    return Tau2Block(out, se, iterations, ok, false)
