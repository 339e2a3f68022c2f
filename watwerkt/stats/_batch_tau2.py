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


@dataclass(frozen=True, slots=True)
class Tau2Block:
    """τ² for each meta-analysis (column) of a block, with its standard error and solver state."""

    tau2: FloatArray
    se: FloatArray
    iterations: IntArray
    converged: BoolArray
    #: Columns whose ML/REML optimum was replaced by τ² = 0 (metafor's ``ll0check``).
    reset_to_zero: BoolArray
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
    return Tau2Block(tau2, se, _zeros_int(n), np.ones(n, dtype=bool), false, false.copy())


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
    """Two reusable ``(k, n)`` work arrays for the iterative estimators.

    Iterations reuse them (``out=``) instead of allocating fresh temporaries:
    large fresh arrays are new memory maps that page-fault on first touch, which
    made each iteration ~5x slower than its arithmetic.
    """

    def __init__(self, k: int, n: int) -> None:
        self.a = np.empty((k, n))
        self.b = np.empty((k, n))

    def views(self, m: int) -> tuple[FloatArray, FloatArray]:
        return self.a[:, :m], self.b[:, :m]


def _fisher_step(
    method: str, y: FloatArray, v: FloatArray, tau2: FloatArray, scratch: _Scratch
) -> FloatArray:
    """One unscaled Fisher-scoring (ML, REML) or EB step per column."""
    k, m = y.shape
    w, b = scratch.views(m)
    np.add(v, tau2[None, :], out=w)
    np.divide(1.0, w, out=w)
    sw = rsum(w)
    np.multiply(w, y, out=b)
    mu = rsum(b) / sw
    np.subtract(y, mu[None, :], out=b)  # residuals
    np.multiply(b, w, out=b)  # w r
    if method == "EB":
        np.divide(b, w, out=w)  # r again (w is not needed any more)
        np.multiply(b, w, out=b)  # w r²
        eb: FloatArray = (rsum(b) * k / (k - 1) - k) / sw
        return eb
    np.multiply(b, b, out=b)
    ypy = rsum(b)  # Y'PPY = Σ w² r²
    np.multiply(w, w, out=b)
    s2 = rsum(b)
    if method == "ML":
        ml: FloatArray = (ypy - sw) / s2
        return ml
    np.multiply(b, w, out=b)
    s3 = rsum(b)
    tr_p = sw - s2 / sw
    tr_pp = s2 - 2.0 * s3 / sw + (s2 / sw) ** 2
    reml: FloatArray = (ypy - tr_p) / tr_pp
    return reml


def _loglik(method: str, y: FloatArray, v: FloatArray, tau2: FloatArray) -> FloatArray:
    """ML or REML log-likelihood per column at ``tau2`` (metafor's ``ll0check`` form)."""
    k = y.shape[0]
    w = weights(v + tau2[None, :])
    sw, mu = weighted_mean(y, w)
    r = y - mu[None, :]
    rss = rsum(w * r * r)
    logv = rsum(np.log(v + tau2[None, :]))
    ll: FloatArray
    if method == "ML":
        ll = -0.5 * k * np.log(2.0 * np.pi) - 0.5 * logv - 0.5 * rss
    else:
        ll = -0.5 * (k - 1) * np.log(2.0 * np.pi) - 0.5 * logv - 0.5 * np.log(sw) - 0.5 * rss
    return ll


def _halve_below_zero(tau2: FloatArray, adj: FloatArray) -> None:
    """Halve ``adj`` in place until ``tau2 + adj ≥ 0`` (metafor's step halving).

    From τ² = 0 a negative step halves until it underflows to −0, i.e. τ²
    stays 0; that end point is set directly instead of by ~1075 halvings.
    """
    low = np.flatnonzero(tau2 + adj < 0.0)
    if not low.size:
        return
    at_zero = tau2[low] == 0.0
    adj[low[at_zero]] = -0.0
    low = low[~at_zero]
    t, a = tau2[low], adj[low]
    bad = t + a < 0.0
    while bad.any():
        a[bad] /= 2.0
        bad = t + a < 0.0
    adj[low] = a


def fisher_scoring(
    method: str,
    y: FloatArray,
    v: FloatArray,
    *,
    threshold: float,
    maxiter: int,
    stepadj: float,
    ll0_tol: float,
    ll0check: bool,
) -> Tau2Block:
    """ML, REML or EB by Fisher scoring from the truncated HE estimate.

    Each column stops when ``|τ²_new − τ²_old| ≤ threshold``; a step that would
    cross zero is halved until it does not (metafor's rule); a column still
    running after ``maxiter`` iterations is flagged not converged. For ML and
    REML, a converged τ² > ``threshold`` whose log-likelihood falls below that
    of τ² = 0 by more than ``ll0_tol`` is reset to zero.
    """
    n = y.shape[1]
    tau2 = np.maximum(0.0, he_raw(y, v)[0])
    iterations = _zeros_int(n)
    converged = np.ones(n, dtype=bool)
    # Working copies of the unfinished columns. While many columns run they are
    # masked (``live``); small or mostly finished sets are compacted instead,
    # which keeps the per-iteration Python overhead low in a long tail.
    idx, ya, va, ta = np.arange(n), y, v, tau2.copy()
    live: BoolArray | None = None  # None: every working column still runs
    scratch = _Scratch(*y.shape)
    count = 0
    while idx.size:
        count += 1
        adj = _fisher_step(method, ya, va, ta, scratch)
        adj *= stepadj
        adj[np.isnan(adj)] = 0.0
        _halve_below_zero(ta, adj)
        new = ta + adj
        running = np.abs(ta - new) > threshold
        if live is not None:
            running &= live
            new = np.where(live, new, ta)
        ta = new
        if count > maxiter:  # metafor: not converged, even if this step was small
            stuck = idx if live is None else idx[live]
            tau2[stuck] = ta if live is None else ta[live]
            iterations[stuck] = count
            converged[stuck] = False
            break
        if running.all():
            continue
        finished = ~running if live is None else live & ~running
        tau2[idx[finished]] = ta[finished]
        iterations[idx[finished]] = count
        n_running = int(np.count_nonzero(running))
        if idx.size <= _COMPACT_BELOW or n_running < 0.6 * idx.size:
            idx, ya, va, ta = idx[running], ya[:, running], va[:, running], ta[running]
            live = None
        else:
            live = running
    reset = np.zeros(n, dtype=bool)
    if ll0check and method in ("ML", "REML"):
        cand = np.flatnonzero(converged & (tau2 > threshold))
        if cand.size:
            yc, vc = y[:, cand], v[:, cand]
            ll0 = _loglik(method, yc, vc, np.zeros(cand.size))
            ll = _loglik(method, yc, vc, tau2[cand])
            hit = cand[ll0 - ll > ll0_tol]
            tau2[hit] = 0.0
            reset[hit] = True
    tau2 = np.maximum(0.0, tau2)
    w = weights(v + tau2[None, :])
    sw = rsum(w)
    if method == "ML":
        se = np.sqrt(2.0 / rsum(w * w))
    elif method == "REML":
        se = np.sqrt(2.0 / p_traces(w, sw)[1])
    else:
        k = y.shape[0]
        se = np.sqrt(2.0 * k**2 / (k - 1) / sw**2)
    return Tau2Block(tau2, se, iterations, converged, reset, np.zeros(n, dtype=bool))


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


def pm(y: FloatArray, v: FloatArray, *, tau2_max: float, maxiter: int) -> Tau2Block:
    """Paule–Mandel: the τ² at which the generalised Q equals ``k − 1``.

    Searched on ``[0, max(tau2_max, 10·MAD(y)²)]``; zero when ``Q(0) < k − 1``;
    columns whose root lies above that are flagged in ``above_max`` (metafor stops
    with "tau2.max too low") and get NaN.
    """
    k, n = y.shape
    target = np.full(n, float(k - 1))
    upper = tau2_upper(y, tau2_max)
    q0 = generalised_q(y, v, np.zeros(n))
    qmax = generalised_q(y, v, upper)
    tau2 = np.zeros(n)
    iterations = _zeros_int(n)
    converged = np.ones(n, dtype=bool)
    above = qmax > target
    solve = np.flatnonzero(~(q0 < target) & ~above)
    if solve.size:
        root, its, conv = q_root(
            y[:, solve],
            v[:, solve],
            target[solve],
            np.zeros(solve.size),
            upper[solve],
            maxiter=maxiter,
        )
        tau2[solve] = root
        iterations[solve] = its
        converged[solve] = conv
    tau2[above] = np.nan
    converged[above] = False
    w = weights(v + tau2[None, :])
    se = np.sqrt(2.0 * k**2 / (k - 1) / rsum(w) ** 2)
    return Tau2Block(tau2, se, iterations, converged, np.zeros(n, dtype=bool), above)
