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

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

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
#: Points of the log-spaced grid on which ML/REML look for other local maxima
#: (the single fit's ``tau2._GRID_POINTS``).
_GRID_POINTS = 160
#: The score is evaluated for every column at every ``_GRID_STRIDES[0]``-th grid
#: point; inside a cell whose bounds leave a sign change possible, at the next
#: stride, and so on down to 1 (as tau2.py's ``_GRID_STRIDES``).
_GRID_STRIDES = (32, 16, 8, 4, 2, 1)
#: Relative margin by which a cell's score bound must exclude 0 (rounding noise).
_CERTIFY_RTOL = 1e-9
#: A score within this fraction of its terms' size is zero (``tau2._SCORE_RTOL``).
_SCORE_RTOL = 1e-10
#: ML/REML finish the last this-many unfinished meta-analyses one by one in
#: plain floats (cheaper than numpy calls on tiny arrays).
_SCALAR_TAIL = 2
#: Fisher scoring steps before a still-running column is finished by bracketing
#: the root of the score (the single fit's ``tau2._SCORING_STEPS``).
_SCORING_STEPS = 50


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
    return sw, rsum(w * y) / sw


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
    return rsum(w * r * r)


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
    q = rsum(w * r * r)
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
    q = rsum(w * r * r)
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
    """Three reusable ``(k, n)`` work arrays for the iterative estimators.

    Iterations reuse them (``out=``) instead of allocating fresh temporaries:
    large fresh arrays are new memory maps that page-fault on first touch, which
    made each iteration ~5x slower than its arithmetic.
    """

    def __init__(self, k: int, n: int) -> None:
        self.a = np.empty((k, n))
        self.b = np.empty((k, n))
        self.c = np.empty((k, n))

    def views(self, m: int) -> tuple[FloatArray, FloatArray]:
        return self.a[:, :m], self.b[:, :m]

    def third(self, m: int) -> FloatArray:
        return self.c[:, :m]


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
    np.multiply(w, y, out=b)
    mu = rsum(b) / sw
    np.subtract(y, mu[None, :], out=b)  # residuals
    np.multiply(b, w, out=b)  # P y = w r
    np.multiply(b, w, out=c)
    u = rsum(c)  # Σ w Py
    np.multiply(c, b, out=c)
    p3 = rsum(c) - u * u / sw  # yᵀP³y
    np.multiply(b, b, out=b)
    ypp = rsum(b)  # yᵀPPy = Σ w² r²
    np.multiply(w, w, out=b)
    s2 = rsum(b)
    if not reml:
        score, expected = ypp - sw, s2
    else:
        np.multiply(b, w, out=b)
        s3 = rsum(b)
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
    np.multiply(w, y, out=b)
    mu = rsum(b) / sw
    np.subtract(y, mu[None, :], out=b)  # r
    np.multiply(b, w, out=c)  # w r
    np.multiply(c, b, out=b)  # w r²
    q = rsum(b)
    np.multiply(c, c, out=c)
    ypp = rsum(c)
    if not reml:
        return ypp, sw, q
    np.multiply(w, w, out=b)
    return ypp, sw - rsum(b) / sw, q


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
    np.multiply(w, y, out=b)
    mu = rsum(b) / sw
    np.subtract(y, mu[None, :], out=b)
    np.multiply(b, w, out=b)
    np.multiply(b, b, out=b)
    ypp = rsum(b)
    if not reml:
        return ypp, sw
    np.multiply(w, w, out=b)
    return ypp, sw - rsum(b) / sw


def _loglik(reml: bool, y: FloatArray, v: FloatArray, tau2: FloatArray) -> FloatArray:
    """ML or REML log-likelihood per column, as metafor's ``logLik`` (with constants)."""
    k = y.shape[0]
    m = v + tau2[None, :]
    logm = rsum(np.log(m))
    w = weights(m)
    sw, mu = weighted_mean(y, w)
    r = y - mu[None, :]
    rss = rsum(w * r * r)
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
    scratch = _Scratch(k, n)
    pool = _ScratchPool()  # work arrays of the root searches (one per call: thread-safe)
    idx = np.arange(n)
    ya, va, cached = y, v, n
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
        score, info, size = _score_info(reml, ya, va, ta, scratch)
        new = np.maximum(0.0, ta + score / info)  # a step below 0 is cut at the boundary
        iterations[idx] = count
        # a zero score or a step within the threshold: converged
        still = np.abs(score) <= _SCORE_RTOL * size
        still |= np.abs(new - ta) <= threshold * np.maximum(1.0, new)
        tau2[idx[still]] = new[still]
        converged[idx[still]] = True
        go = np.flatnonzero(~still)
        if go.size == idx.size:
            a_new, b_new = _score_parts(reml, ya, va, new, scratch)
        else:
            a_new, b_new = _score_parts(reml, ya[:, go], va[:, go], new[go], pool.get(k, go.size))
        s_new = a_new - b_new
        # landed on the root, up to rounding: converged there
        landed = np.abs(s_new) <= _SCORE_RTOL * (a_new + (a_new - s_new))
        tau2[idx[go[landed]]] = new[go[landed]]
        converged[idx[go[landed]]] = True
        go, s_new = go[~landed], s_new[~landed]
        # a step across the root of the score brackets it: solve there
        over = np.sign(s_new) != np.sign(score[go])
        if over.any():
            cols = go[over]
            lo = np.minimum(ta[cols], new[cols])
            hi = np.maximum(ta[cols], new[cols])
            f_lo = np.where(lo == ta[cols], score[cols], s_new[over])
            yc, vc = ya[:, cols], va[:, cols]

            def f(
                sel: npt.NDArray[np.intp], t: FloatArray, yc: FloatArray = yc, vc: FloatArray = vc
            ) -> FloatArray:
                return _score(reml, yc[:, sel], vc[:, sel], t, pool)

            tau2[idx[cols]] = _bisect(f, lo, hi, f_lo, maxiter)
            converged[idx[cols]] = bracketed[idx[cols]] = True
        go = go[~over]
        tau2[idx[go]] = new[go]
        idx = idx[go]
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
        ll = _loglik(reml, y, v, tau2)
        tau2, ok = _global_check(reml, y, v, tau2, ll, converged, tau2_max, maxiter, pool)
    else:
        ok = converged
    w = weights(v + np.where(np.isfinite(tau2), tau2, 0.0)[None, :])
    se = np.sqrt(2.0 / rsum(w * w)) if not reml else np.sqrt(2.0 / p_traces(w, rsum(w))[1])
    se[~ok] = np.nan
    false = np.zeros(n, dtype=bool)
    return Tau2Block(tau2, se, iterations, ok, false)


class _ScratchPool:
    """One growing pair of work arrays per ``k``, shared by the score evaluations."""

    def __init__(self) -> None:
        self.by_k: dict[int, _Scratch] = {}

    def get(self, k: int, m: int) -> _Scratch:
        have = self.by_k.get(k)
        if have is None or have.a.shape[1] < m:
            have = self.by_k[k] = _Scratch(k, m)
        return have


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
        yc, vc = y[:, cols], v[:, cols]

        def f(sel: npt.NDArray[np.intp], t: FloatArray) -> FloatArray:
            return _score(reml, yc[:, sel], vc[:, sel], t, pool)

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
        hi = t + np.maximum(t, np.median(v[:, up], axis=0))
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
    for rel in (1e-10, 1e-8, 1e-6):
        if not todo.size:
            break
        t = tau2[todo]
        other = np.where(s[todo] > 0, t * (1.0 + rel), t * (1.0 - rel))
        s_other = _score(reml, y[:, todo], v[:, todo], other, pool)
        found = np.sign(s_other) != np.sign(s[todo])
        cols = todo[found]
        if cols.size:
            lo = np.minimum(tau2[cols], other[found])
            hi = np.maximum(tau2[cols], other[found])
            yc, vc = y[:, cols], v[:, cols]

            def f(
                sel: npt.NDArray[np.intp], t: FloatArray, yc: FloatArray = yc, vc: FloatArray = vc
            ) -> FloatArray:
                return _score(reml, yc[:, sel], vc[:, sel], t, pool)

            out[cols] = _bisect(f, lo, hi, _score(reml, yc, vc, lo, pool), maxiter)
        todo = todo[~found]
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
    """:func:`_grid_row` for one row per column."""
    out: FloatArray = lo * np.exp((r - 1) / (_GRID_POINTS - 1) * log_ratio)
    out[r == _GRID_POINTS] = (lo * np.exp(log_ratio))[r == _GRID_POINTS]
    out[r == 0] = 0.0
    return out


def _global_check(
    reml: bool,
    y: FloatArray,
    v: FloatArray,
    tau2: FloatArray,
    ll: FloatArray,
    converged: BoolArray,
    tau2_max: float,
    maxiter: int,
    pool: _ScratchPool,
) -> tuple[FloatArray, BoolArray]:
    """Compare each optimum with τ² = 0 and every local maximum on ``tau2``'s grid.

    The score is evaluated only where :func:`tau2._grid_scores`' rule needs it: at
    every ``_GRID_STRIDES[0]``-th grid point, and inside a cell, at ever finer
    strides, only where its bounds cannot exclude a sign change.
    """
    k, n = y.shape
    best_t = np.where(converged, tau2, np.nan)
    best_ll = np.where(converged, ll, -np.inf)
    scale = np.median(v, axis=0)
    found = np.where(converged, tau2, 0.0)
    hi = np.maximum.reduce([tau2_upper(y, tau2_max), 10.0 * found, 10.0 * np.var(y, axis=0), scale])
    lo = 1e-8 * scale
    log_ratio = np.log(hi / lo)
    scratch = _Scratch(k, n)
    rows = _GRID_POINTS + 1
    score = np.empty((rows, n))
    part_a = np.empty((rows, n))
    part_b = np.empty((rows, n))
    coarse = _coarse_rows()
    # the score is negative on [τ², ∞) from the first coarse row where the tail bound holds
    first = np.full(n, len(coarse))
    v_min, v_max = v.min(axis=0), v.max(axis=0)
    for i, r in enumerate(coarse):
        t = _grid_row(r, lo, log_ratio)
        part_a[r], part_b[r], q = _score_parts_q(reml, y, v, t, scratch)
        score[r] = part_a[r] - part_b[r]
        tail = _tail_negative(q, t, v_min, v_max, k, 1 if reml else 0)
        first[tail & (first == len(coarse))] = i
    grid = _Grid(reml, y, v, lo, log_ratio, score, part_a, part_b, scratch)
    for i, (ra, rb) in enumerate(itertools.pairwise(coarse)):
        in_tail = first <= i
        score[ra + 1 : rb, in_tail] = -1.0
        grid.refine(ra, rb, np.flatnonzero(~in_tail), 1)
    cands: list[tuple[npt.NDArray[np.intp], FloatArray]] = []
    zero = np.flatnonzero(score[0] <= 0)
    if zero.size:
        cands.append((zero, np.zeros(zero.size)))
    cols, rows_ = np.nonzero(((score[:-1] > 0) & (score[1:] <= 0)).T)  # by column, grid order
    if cols.size:
        g_lo = _grid_at(rows_, lo[cols], log_ratio[cols])
        g_hi = _grid_at(rows_ + 1, lo[cols], log_ratio[cols])
        # the interval holding a converged optimum yields that optimum again
        holds = converged[cols] & (g_lo <= found[cols]) & (found[cols] <= g_hi)
        cols, rows_, g_lo, g_hi = cols[~holds], rows_[~holds], g_lo[~holds], g_hi[~holds]
    if cols.size:
        yc, vc = y[:, cols], v[:, cols]

        def f(sel: npt.NDArray[np.intp], t: FloatArray) -> FloatArray:
            return _score(reml, yc[:, sel], vc[:, sel], t, pool)

        roots = _bisect(f, g_lo, g_hi, score[rows_, cols], maxiter)
        # the single fit tries a group's candidates in grid order: one round per rank
        first = np.r_[True, cols[1:] != cols[:-1]]
        start_of = np.maximum.accumulate(np.where(first, np.arange(cols.size), 0))
        rank = np.arange(cols.size) - start_of
        for r in range(int(rank.max()) + 1):
            pick = rank == r
            cands.append((cols[pick], roots[pick]))
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


def _coarse_rows() -> list[int]:
    """Grid rows evaluated for every column: 0, then every ``_GRID_STRIDES[0]``-th, and the last."""
    return [0, *range(1, _GRID_POINTS, _GRID_STRIDES[0]), _GRID_POINTS]


class _Grid:
    """The global-check grid of a block, filled in where a sign change remains possible."""

    def __init__(
        self,
        reml: bool,
        y: FloatArray,
        v: FloatArray,
        lo: FloatArray,
        log_ratio: FloatArray,
        score: FloatArray,
        part_a: FloatArray,
        part_b: FloatArray,
        scratch: _Scratch,
    ) -> None:
        self.reml, self.y, self.v, self.lo, self.log_ratio = reml, y, v, lo, log_ratio
        self.score, self.a, self.b, self.scratch = score, part_a, part_b, scratch

    def refine(self, ra: int, rb: int, cols: npt.NDArray[np.intp], level: int) -> None:
        """Fill rows ``ra+1 … rb−1`` of ``cols`` (the scores at ``ra`` and ``rb`` are known).

        As ``tau2._refine``: a cell whose bounds exclude 0 is filled with the
        score's sign; otherwise the rows at the next stride are evaluated and
        each sub-cell is refined in turn.
        """
        if rb == ra + 1:
            return
        a_lo, b_lo, a_hi, b_hi = (
            self.a[ra, cols],
            self.b[ra, cols],
            self.a[rb, cols],
            self.b[rb, cols],
        )
        # S = A − B with A, B non-increasing: A(b) − B(a) ≤ S ≤ A(a) − B(b) on the cell
        margin = _CERTIFY_RTOL * (np.abs(a_lo) + np.abs(b_lo))
        neg = a_lo - b_hi < -margin
        pos = a_hi - b_lo > margin
        self.score[ra + 1 : rb, cols[neg]] = -1.0
        self.score[ra + 1 : rb, cols[pos]] = 1.0
        open_ = cols[~(neg | pos)]
        if not open_.size:
            return
        stride = _GRID_STRIDES[level]
        inner = list(range(ra + stride, rb, stride))
        yo, vo, lo_o, lr_o = (
            self.y[:, open_],
            self.v[:, open_],
            self.lo[open_],
            self.log_ratio[open_],
        )
        for r in inner:
            t = _grid_row(r, lo_o, lr_o)
            self.a[r, open_], self.b[r, open_] = _score_parts(self.reml, yo, vo, t, self.scratch)
            self.score[r, open_] = self.a[r, open_] - self.b[r, open_]
        for pa, pb in itertools.pairwise([ra, *inner, rb]):
            self.refine(pa, pb, open_, level + 1)


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


def tau2_upper(y: FloatArray, tau2_max: float) -> FloatArray:
    """Upper end of the τ² search per column: ``max(tau2_max, 10 · MAD(y)²)`` (metafor)."""
    med = np.median(y, axis=0)
    mad = 1.4826 * np.median(np.abs(y - med[None, :]), axis=0)
    return np.maximum(tau2_max, 10.0 * mad**2)


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
        start = np.maximum(tau2[solve], 1e-8 * np.median(vs, axis=0))
        hi = bracket_up(ys, vs, ts, start)
        out[solve] = _root_from_zero(ys, vs, ts, hi, maxiter)
    ok = np.isfinite(out)
    w = weights(v + np.where(ok, out, 0.0)[None, :])
    se = np.sqrt(2.0 * k**2 / (k - 1)) / rsum(w)
    se[~ok] = np.nan
    false = np.zeros(n, dtype=bool)
    return Tau2Block(out, se, iterations, ok, false)
