"""The between-study variance τ²: nine estimators for a general design matrix.

One implementation serves :func:`~watwerkt.stats.pool.meta_analysis`
(intercept only, ``p = 1``) and :func:`~watwerkt.stats.regression.meta_regression`
(``p`` coefficients). The definitions are those of metafor's ``rma.uni()``
(3.8-1): DerSimonian–Laird (DL), Hedges (HE), Hunter–Schmidt (HS),
Sidik–Jonkman (SJ, started at metafor's ``mean((y − ȳ)²)``), maximum and
restricted maximum likelihood (ML, REML), empirical Bayes (EB) and
Paule–Mandel (PM); ``"FE"`` fixes τ² = 0.

The iterative estimators are more careful than metafor's plain Fisher
scoring: EB halves a step until it improves its objective; ML/REML take
Newton steps where the likelihood is locally concave, solve for the root of
the score in the bracket an overshooting step gives, cut a step below 0 at
the boundary, and finish a creeping iteration by bracketing; a converged
value is polished with a bracketing root finder; and ML/REML compare the
optimum found with every other local maximum of the likelihood on a grid and
with the boundary τ² = 0, so neither an oscillating or creeping iteration nor
a stop at a worse local maximum goes unnoticed. Where no solution is found, a
:class:`~watwerkt.errors.ConvergenceWarning` names the method and the
iterations and ``converged`` is False.

:func:`estimate_tau2` and :class:`Tau2Fit` are private to the package but
importable by the other modules of :mod:`watwerkt.stats`.
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt
from scipy import optimize

from watwerkt.errors import ConvergenceError, ConvergenceWarning, StatsInputError
from watwerkt.messages import message
from watwerkt.stats._linalg import hat_p_unweighted, logdet_xtwx, p_matrix, weighted_fit

__all__ = ["METHODS", "FitControl", "Tau2Fit", "estimate_tau2", "generalised_q", "tau2_upper"]

FloatArray = npt.NDArray[np.float64]

#: τ² estimators, by their metafor names.
METHODS: Final[tuple[str, ...]] = ("FE", "DL", "HE", "HS", "SJ", "ML", "REML", "EB", "PM")

#: R's consistency constant of ``mad()`` (not the exact 1/Φ⁻¹(3/4)).
_MAD_CONSTANT: Final = 1.4826
#: Points of the log-spaced grid on which ML/REML look for other local maxima.
_GRID_POINTS: Final = 160
#: ML/REML: Fisher scoring steps before a still-running iteration is finished by
#: bracketing the root of the score (a flat likelihood makes scoring creep).
_SCORING_STEPS: Final = 50
#: The global check evaluates the score at every ``_GRID_STRIDES[0]``-th grid
#: point, and inside a cell where bounds leave a sign change possible at the
#: next stride, down to every point.
_GRID_STRIDES: Final = (32, 16, 8, 4, 2, 1)
#: Relative margin by which a cell's score bound must exclude 0 (rounding noise).
_CERTIFY_RTOL: Final = 1e-9
#: ML/REML: a score within this fraction of its terms' size is zero (rounding
#: noise would decide its sign); the root is then polished.
_SCORE_RTOL: Final = 1e-10
_EPS: Final = float(np.finfo(float).eps)


@dataclass(frozen=True, slots=True)
class FitControl:
    """Settings of the iterative τ² estimators and root finders.

    Attributes
    ----------
    threshold : float
        Scoring stops when a step changes τ² by at most
        ``threshold * max(1, τ²)`` (metafor's ``threshold``, made relative).
    maxiter : int
        Maximum number of scoring steps (ML/REML: after 50 steps a still
        running iteration is finished by bracketing, if ``maxiter`` allows).
    step_halving : bool
        EB: halve a Fisher scoring step until it improves ``|Q − (k − p)|``.
        ML/REML need no halving: a step across the root of the
        score is replaced by the root, solved in the bracket it gives, and
        any other step moves uphill towards the same maximum.
    tau2_max : float
        Upper end of the search interval of PM and the Q-profile intervals,
        widened to ``10·mad(yi)²`` as metafor does (and further, by doubling,
        when a root lies beyond it).
    global_check : bool
        ML/REML: compare the optimum with all local maxima on a grid and with
        τ² = 0, and keep the best.
    """

    threshold: float = 1e-12
    maxiter: int = 1000
    step_halving: bool = True
    tau2_max: float = 100.0
    global_check: bool = True


DEFAULT_CONTROL: Final = FitControl()


@dataclass(frozen=True, slots=True)
class Tau2Fit:
    """Estimated τ² with its standard error and the state of the solver.

    ``tau2_se`` is NaN where metafor gives none (FE, k = 1). ``iterations``
    counts Fisher scoring steps (ML, REML, EB) or root-finder iterations
    (PM); it is 0 for the closed-form estimators. ``fixed`` is True when τ²
    was given by the caller.
    """

    tau2: float
    tau2_se: float
    iterations: int
    converged: bool
    method: str
    fixed: bool = False


def tau2_upper(yi: FloatArray, control: FitControl = DEFAULT_CONTROL) -> float:
    """Return metafor's search limit ``max(tau2_max, 10·mad(yi)²)``."""
    med = float(np.median(yi))
    mad = _MAD_CONSTANT * float(np.median(np.abs(yi - med)))
    return max(control.tau2_max, 10.0 * mad * mad)


def generalised_q(tau2: float, yi: FloatArray, vi: FloatArray, x: FloatArray) -> float:
    """Return the generalised Q statistic ``yᵀ P y`` with weights ``1 / (vi + tau2)``."""
    return weighted_fit(yi, x, 1.0 / (vi + tau2)).rss


def estimate_tau2(
    yi: FloatArray,
    vi: FloatArray,
    x: FloatArray,
    method: str,
    control: FitControl | None = None,
    *,
    tau2: float | None = None,
    function: str = "estimate_tau2",
) -> Tau2Fit:
    """Estimate τ² of a random-effects (meta-regression) model.

    Parameters
    ----------
    yi, vi : ndarray, shape (k,)
        Effect sizes and their (positive) sampling variances, already validated.
    x : ndarray, shape (k, p)
        Design matrix of full column rank (with the intercept column).
    method : str
        One of :data:`METHODS`.
    control : FitControl, optional
        Solver settings.
    tau2 : float, optional
        Fix τ² at this value (metafor's ``tau2=``); the standard error is then
        the method's formula evaluated at it.
    function : str
        Name of the public function, used in warnings.

    Returns
    -------
    Tau2Fit

    Notes
    -----
    With ``k = 1`` τ² is 0 (or the fixed value) and has no standard error,
    as in metafor. Closed-form estimators are truncated at 0.

    References
    ----------
    Viechtbauer, W. (2005). Bias and efficiency of meta-analytic variance
    estimators in the random-effects model. *Journal of Educational and
    Behavioral Statistics*, 30(3), 261-293.

    Examples
    --------
    >>> import numpy as np
    >>> y = np.array([0.1, 0.3, 0.35, -0.2, 0.6])
    >>> v = np.array([0.02, 0.03, 0.025, 0.04, 0.05])
    >>> fit = estimate_tau2(y, v, np.ones((5, 1)), "REML")
    >>> round(fit.tau2, 4), fit.converged
    (0.0384, True)
    """
    con = DEFAULT_CONTROL if control is None else control
    k = x.shape[0]
    if method == "FE":
        return Tau2Fit(0.0, float("nan"), 0, True, method)
    if tau2 is not None:
        if not np.isfinite(tau2) or tau2 < 0:
            raise StatsInputError(
                "stats.pool.bad_tau2", argument="tau2", function=function, got=tau2
            )
        se = (
            float("nan")
            if k == 1
            else _standard_error(method, yi, vi, np.linalg.qr(x)[0], float(tau2))
        )
        return Tau2Fit(float(tau2), se, 0, True, method, fixed=True)
    if k == 1:
        return Tau2Fit(0.0, float("nan"), 0, True, method)
    # Every estimator depends on X only through its column space: an orthonormal
    # basis keeps the algebra well conditioned (e.g. a moderator "year" ≈ 2000).
    x = np.linalg.qr(x)[0]
    if method in ("DL", "HE", "HS", "SJ"):
        value = max(0.0, _closed_form(method, yi, vi, x))
        return Tau2Fit(value, _standard_error(method, yi, vi, x, value), 0, True, method)
    if method == "PM":
        value, iterations, ok = _q_root(yi, vi, x, con)
    elif method == "EB":
        value, iterations, ok = _eb(yi, vi, x, con)
    else:
        value, iterations, ok = _likelihood(method == "REML", yi, vi, x, con)
    if not ok:
        warnings.warn(
            message(
                "stats.pool.no_convergence",
                function=function,
                method=method,
                iterations=iterations,
            ),
            ConvergenceWarning,
            stacklevel=3,
        )
        return Tau2Fit(value, float("nan"), iterations, False, method)
    return Tau2Fit(value, _standard_error(method, yi, vi, x, value), iterations, True, method)


# ----------------------------------------------------------------- closed forms


def _closed_form(method: str, y: FloatArray, v: FloatArray, x: FloatArray) -> float:
    k, p = x.shape
    if method == "HE":
        ph = hat_p_unweighted(x)
        rss = float(y @ ph @ y)
        return float((rss - float(np.sum(np.diag(ph) * v))) / (k - p))
    if method == "SJ":
        t0 = _sj_start(y)
        return float(t0 * weighted_fit(y, x, 1.0 / (v + t0)).rss / (k - p))
    w = 1.0 / v
    fit = weighted_fit(y, x, w)
    if method == "HS":
        return float((fit.rss - k) / float(np.sum(w)))
    tr_p = _trace_p(x, w, fit.xtwx_inv)
    return float((fit.rss - (k - p)) / tr_p)  # DL


def _sj_start(y: FloatArray) -> float:
    """Return metafor's SJ start: the variance of ``yi`` with divisor ``k``."""
    return float(np.mean((y - np.mean(y)) ** 2))


def _trace_p(x: FloatArray, w: FloatArray, inv: FloatArray) -> float:
    """Return ``tr(P) = Σw − tr((XᵀWX)⁻¹ XᵀW²X)``."""
    b2 = x.T @ (x * (w * w)[:, None])
    return float(np.sum(w) - np.trace(inv @ b2))


def _trace_pp(x: FloatArray, w: FloatArray, inv: FloatArray) -> float:
    """Return ``tr(PP) = Σw² − 2 tr(M B₃) + tr((M B₂)²)`` with ``M = (XᵀWX)⁻¹``."""
    b2 = x.T @ (x * (w * w)[:, None])
    b3 = x.T @ (x * (w * w * w)[:, None])
    mb2 = inv @ b2
    return float(np.sum(w * w) - 2.0 * np.trace(inv @ b3) + np.trace(mb2 @ mb2))


def _standard_error(method: str, y: FloatArray, v: FloatArray, x: FloatArray, t: float) -> float:
    """Return metafor's standard error of τ² for ``method`` at ``τ² = t``."""
    k, p = x.shape
    if method in ("DL", "HS"):
        w = 1.0 / v
        pm = p_matrix(x, w)
        pp = float(np.sum(pm * pm))
        tr_p = float(np.trace(pm))
        core = 2.0 * (k - p) + 4.0 * t * tr_p + 2.0 * t * t * pp
        denom = tr_p if method == "DL" else float(np.sum(w))
        return float(np.sqrt(core) / denom)
    if method == "HE":
        ph = hat_p_unweighted(x)
        pv2 = float(np.sum(ph * ph * np.outer(v, v)))
        tr_pv = float(np.sum(np.diag(ph) * v))
        return float(np.sqrt(2.0 * pv2 + 4.0 * t * tr_pv + 2.0 * t * t * (k - p)) / (k - p))
    if method == "SJ":
        t0 = _sj_start(y)
        pm = p_matrix(x, 1.0 / (v + t0))
        sq = pm * pm
        core = (
            2.0 * float(np.sum(sq * np.outer(v, v)))
            + 4.0 * t * float(np.sum(sq * v[None, :]))
            + 2.0 * t * t * float(np.sum(sq))
        )
        return float(t0 / (k - p) * np.sqrt(core))
    w = 1.0 / (v + t)
    if method == "ML":
        return float(np.sqrt(2.0 / np.sum(w * w)))
    if method == "REML":
        inv = weighted_fit(y, x, w).xtwx_inv
        return float(np.sqrt(2.0 / _trace_pp(x, w, inv)))
    # EB, PM
    return float(np.sqrt(2.0 * k * k / (k - p)) / np.sum(w))


# ------------------------------------------------------------- root finding


def _keep_nonnegative(t: float, adj: float) -> float:
    """Halve a step until ``t + adj ≥ 0`` (metafor's rule); no step down from 0."""
    if t <= 0 and adj < 0:
        return 0.0
    while t + adj < 0:
        adj /= 2.0
    return adj


def _bracket_up(f: Callable[[float], float], hi: float) -> float | None:
    """Double ``hi`` until ``f(hi) ≤ 0`` (for a decreasing ``f``); None if never."""
    for _ in range(200):
        if f(hi) <= 0:
            return hi
        hi *= 2.0
    return None


def _root(f: Callable[[float], float], lo: float, hi: float, maxiter: int) -> tuple[float, int]:
    """Return the root of ``f`` in ``[lo, hi]`` to machine precision and the iterations."""
    # never fewer iterations than a bisection to machine precision needs (as the batch)
    root, res = optimize.brentq(
        f, lo, hi, xtol=1e-300, rtol=4 * _EPS, maxiter=max(maxiter, 2200), full_output=True,
        disp=False,
    )  # fmt: skip
    if not res.converged:  # cannot happen for a bracketed root with this budget; never hide it
        raise ConvergenceError("stats.root_not_converged", iterations=int(res.iterations))
    return float(root), int(res.iterations)


def _q_root(
    y: FloatArray, v: FloatArray, x: FloatArray, con: FitControl
) -> tuple[float, int, bool]:
    """Paule–Mandel: the τ² at which the generalised Q equals ``k − p``."""
    k, p = x.shape

    def f(t: float) -> float:
        return float(generalised_q(t, y, v, x) - (k - p))

    if f(0.0) < 0:
        return 0.0, 0, True
    hi = _bracket_up(f, tau2_upper(y, con))
    if hi is None:
        return float("nan"), 0, False
    root, iterations = _root(f, 0.0, hi, con.maxiter)
    return root, iterations, True


def _eb(y: FloatArray, v: FloatArray, x: FloatArray, con: FitControl) -> tuple[float, int, bool]:
    """Empirical Bayes (Morris): metafor's scoring on ``Q·k/(k−p) = k``, then a polished root."""
    k, p = x.shape

    def f(t: float) -> float:
        return float(generalised_q(t, y, v, x) * k / (k - p) - k)

    t = max(0.0, _closed_form("HE", y, v, x))
    iterations = 0
    for iterations in range(1, con.maxiter + 1):  # noqa: B007 - the count is reported
        ft = f(t)
        adj = ft / float(np.sum(1.0 / (v + t)))
        adj = _keep_nonnegative(t, adj)
        new = t + adj
        if con.step_halving:
            for _ in range(60):
                if abs(f(new)) <= abs(ft) or new == t:
                    break
                adj /= 2.0
                new = t + adj
        change = abs(new - t)
        t = new
        if change <= con.threshold * max(1.0, t):
            break
    # the estimating equation is monotone in τ²: its root is unique
    if f(0.0) <= 0:
        return 0.0, iterations, True
    hi = _bracket_up(f, max(t, 1e-8 * float(np.median(v))))
    if hi is None:
        return float("nan"), iterations, False
    root, _ = _root(f, 0.0, hi, con.maxiter)
    return root, iterations, True


# ---------------------------------------------------------------- likelihood


def _loglik(reml: bool, y: FloatArray, v: FloatArray, x: FloatArray, t: float) -> float:
    """Return the (restricted) log-likelihood at ``τ² = t``, as metafor's ``logLik``."""
    k, p = x.shape
    w = 1.0 / (v + t)
    rss = weighted_fit(y, x, w).rss
    if not reml:
        return float(-0.5 * (k * np.log(2 * np.pi) + np.sum(np.log(v + t)) + rss))
    ones = np.ones(k)
    return float(
        -0.5 * ((k - p) * np.log(2 * np.pi) + np.sum(np.log(v + t)) + rss)
        + 0.5 * logdet_xtwx(x, ones)
        - 0.5 * logdet_xtwx(x, w)
    )


def _score_info(
    reml: bool, y: FloatArray, v: FloatArray, x: FloatArray, t: float
) -> tuple[float, float, float]:
    """Return the score of τ², the information of a Newton step (both without the ½), and a size.

    The size ``yᵀPPy + tr P`` (ML: ``+ tr W``) is the sum of the magnitudes of
    the score's two terms: a score below ``_SCORE_RTOL`` times it is zero up
    to rounding.

    The observed information ``−S' = 2·yᵀP³y − tr(PP)`` (ML: ``− tr(W²)``) where
    it is positive (the likelihood is locally concave), else the expected
    information ``tr(PP)`` (ML: ``tr(W²)``) of Fisher scoring; either way the
    step ``score/information`` points uphill.
    """
    w = 1.0 / (v + t)
    fit = weighted_fit(y, x, w)
    pr = w * fit.resid  # P y
    ypp = float(pr @ pr)
    wp = w * pr
    xwp = x.T @ wp
    p3 = float(pr @ wp - xwp @ fit.xtwx_inv @ xwp)  # yᵀP³y
    if not reml:
        score, expected = ypp - float(np.sum(w)), float(np.sum(w * w))
    else:
        score = ypp - _trace_p(x, w, fit.xtwx_inv)
        expected = _trace_pp(x, w, fit.xtwx_inv)
    observed = 2.0 * p3 - expected
    return score, observed if observed > 0 else expected, ypp + (ypp - score)


def _score_parts_grid(
    reml: bool, y: FloatArray, v: FloatArray, x: FloatArray, taus: FloatArray
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Return ``(yᵀPPy, tr P, Q)`` (REML) or ``(yᵀPPy, tr W, Q)`` (ML) at every τ² of ``taus``.

    The score (without the ½) is the first minus the second; both are
    non-increasing in τ² (see :func:`_local_maxima`).
    """
    w = 1.0 / (v[None, :] + taus[:, None])  # (G, k)
    xtwx = np.einsum("gk,ki,kj->gij", w, x, x)
    inv = np.linalg.inv(xtwx)
    xtwy = np.einsum("gk,ki,k->gi", w, x, y)
    beta = np.einsum("gij,gj->gi", inv, xtwy)
    resid = y[None, :] - beta @ x.T
    pr = w * resid
    ypp: FloatArray = np.sum(pr * pr, axis=1)
    q: FloatArray = np.sum(pr * resid, axis=1)  # Q = Σ w e²
    trace: FloatArray = np.sum(w, axis=1)
    if reml:
        b2 = np.einsum("gk,ki,kj->gij", w * w, x, x)
        trace = trace - np.einsum("gij,gji->g", inv, b2)
    return ypp, trace, q


def _likelihood(
    reml: bool, y: FloatArray, v: FloatArray, x: FloatArray, con: FitControl
) -> tuple[float, int, bool]:
    """ML/REML: safeguarded Newton/Fisher scoring, then a global check of the likelihood.

    The iteration starts where metafor starts (the HE estimate) and takes
    Newton steps where the likelihood is locally concave, Fisher scoring steps
    elsewhere (:func:`_score_info`), so every step points uphill. A step that
    crosses the root of the score (an overshoot, the cause of metafor's
    oscillations) gives a bracket, and Brent's method then finds the root in
    it; a step that keeps the sign of the score moves towards the same
    maximum, so no likelihood needs evaluating. A step below 0 is cut at 0
    (metafor halves it instead, which creeps towards a maximum on the
    boundary): the score there is ≤ 0 (the boundary is a maximum) or positive
    (it brackets a root). Where the likelihood is so
    flat that scoring still runs after ``_SCORING_STEPS`` steps (it creeps
    towards a nearly vanishing score), the iteration is finished by bracketing
    the root of the score uphill (:func:`_finish_by_bracketing`), provided
    ``maxiter`` allows more steps.
    """

    def score_at(s: float) -> float:
        return _score_info(reml, y, v, x, s)[0]

    t = max(0.0, _closed_form("HE", y, v, x))  # metafor's start
    converged = bracketed = False
    iterations = 0
    limit = min(con.maxiter, _SCORING_STEPS)
    for iterations in range(1, limit + 1):  # noqa: B007 - the count is reported
        score, info, size = _score_info(reml, y, v, x, t)
        new = max(0.0, t + score / info)  # a step below 0 is cut at the boundary
        if abs(score) <= _SCORE_RTOL * size or abs(new - t) <= con.threshold * max(1.0, new):
            t = new  # a step this small has converged (the root is polished below)
            converged = True
            break
        s_new, _, size_new = _score_info(reml, y, v, x, new)
        if abs(s_new) <= _SCORE_RTOL * size_new:  # landed on the root, up to rounding
            t = new
            converged = True
            break
        if np.sign(s_new) != np.sign(score):
            lo, hi = sorted((t, new))
            t = _root(score_at, lo, hi, con.maxiter)[0]
            converged = bracketed = True
            break
        t = new
    if not converged and limit < con.maxiter:
        t, converged = _finish_by_bracketing(score_at, t, float(np.median(v)), con.maxiter)
        bracketed = converged
    if converged and 0 < t <= con.threshold and score_at(0.0) <= 0:
        t = 0.0  # creeping towards a maximum on the boundary: it is the boundary
    elif converged and t > 0 and not bracketed:
        t = _polish(score_at, t, con)
    if not con.global_check:
        return t, iterations, converged
    best_t, best_ll = (t, _loglik(reml, y, v, x, t)) if converged else (float("nan"), -np.inf)
    for cand in _local_maxima(reml, y, v, x, con, t if converged else 0.0, score_at):
        cand_ll = _loglik(reml, y, v, x, cand)
        if cand_ll > best_ll + 1e-12 * (1.0 + abs(best_ll)):
            best_t, best_ll = cand, cand_ll
    if not np.isfinite(best_t):
        return t, iterations, False
    return best_t, iterations, True


def _finish_by_bracketing(
    score_at: Callable[[float], float], t: float, scale: float, maxiter: int
) -> tuple[float, bool]:
    """Return the local maximum that Fisher scoring creeps towards from ``t``, and success.

    Uphill in the direction of the score: with a positive score, the distance
    above ``t`` (first ``max(t, scale)``) is doubled until the score is ≤ 0 and
    the root in between is solved for; with a negative score, the root in
    ``[0, t]`` if the score at 0 is positive, else the boundary τ² = 0 (a
    maximum on ``[0, ∞)`` there). Either way a sign change ``+ → −`` of the
    score, i.e. a (local) maximum, is returned.
    """
    s = score_at(t)
    if s == 0:
        return t, True
    if s < 0:
        s0 = score_at(0.0)
        if s0 <= 0:
            return 0.0, True
        return _root(score_at, 0.0, t, maxiter)[0], True
    hi = t + max(t, scale)
    for _ in range(200):
        if score_at(hi) <= 0:
            return _root(score_at, t, hi, maxiter)[0], True
        hi = t + 2.0 * (hi - t)
    return t, False


def _polish(score_at: Callable[[float], float], t: float, con: FitControl) -> float:
    """Return the root of the score next to ``t`` to machine precision (``t`` if none)."""
    s = score_at(t)
    if s == 0:
        return t
    for rel in (1e-10, 1e-8, 1e-6):
        other = t * (1.0 + rel) if s > 0 else t * (1.0 - rel)
        if np.sign(score_at(other)) != np.sign(s):
            lo, hi = sorted((t, other))
            return _root(score_at, lo, hi, con.maxiter)[0]
    return t


def _grid(scale: float, hi: float) -> FloatArray:
    """Return the global-check grid: 0, then ``_GRID_POINTS`` log-spaced points up to ``hi``."""
    lo = 1e-8 * scale
    log_ratio = float(np.log(hi / lo))
    taus = np.empty(_GRID_POINTS + 1)
    taus[0] = 0.0
    for r in range(1, _GRID_POINTS):
        taus[r] = lo * np.exp((r - 1) / (_GRID_POINTS - 1) * log_ratio)
    taus[_GRID_POINTS] = lo * np.exp(log_ratio)
    return taus


def _grid_scores(
    reml: bool, y: FloatArray, v: FloatArray, x: FloatArray, taus: FloatArray
) -> FloatArray:
    """Return the score on ``taus`` where its sign matters, else a value of its sign.

    The score is evaluated at grid rows 0, 1, 1 + ``_GRID_STRIDES[0]``, … and
    the last; inside a cell ``[a, b]`` only where ``A(b) − B(a) ≤ 0 ≤ A(a) −
    B(b)`` leaves a sign change possible (``S = A − B``, both non-increasing),
    at the next stride of ``_GRID_STRIDES``, down to every row; elsewhere the
    cell is filled with ±1, the score's certain sign.
    """
    n = taus.size
    part_a, part_b, score = np.empty(n), np.empty(n), np.empty(n)

    def evaluate(rows: list[int]) -> FloatArray:
        idx = np.array(rows)
        part_a[idx], part_b[idx], q = _score_parts_grid(reml, y, v, x, taus[idx])
        score[idx] = part_a[idx] - part_b[idx]
        return q

    def refine(ra: int, rb: int, level: int) -> None:
        if rb == ra + 1:
            return
        margin = _CERTIFY_RTOL * (abs(part_a[ra]) + abs(part_b[ra]))
        if part_a[ra] - part_b[rb] < -margin:
            score[ra + 1 : rb] = -1.0
        elif part_a[rb] - part_b[ra] > margin:
            score[ra + 1 : rb] = 1.0
        else:
            stride = _GRID_STRIDES[level]
            inner = list(range(ra + stride, rb, stride))
            evaluate(inner)
            for pa, pb in itertools.pairwise([ra, *inner, rb]):
                refine(pa, pb, level + 1)

    coarse = [0, *range(1, _GRID_POINTS, _GRID_STRIDES[0]), _GRID_POINTS]
    q = evaluate(coarse)
    # the score is negative on [τ², ∞) from the first coarse row where the tail bound holds
    k, p = x.shape
    tail = _tail_negative(q, taus[coarse], float(np.min(v)), float(np.max(v)), k, p if reml else 0)
    first = int(np.argmax(tail)) if tail.any() else len(coarse)
    for i, (ra, rb) in enumerate(itertools.pairwise(coarse)):
        if i >= first:
            score[ra + 1 : rb] = -1.0
        else:
            refine(ra, rb, 1)
    return score


def _tail_negative(
    q: FloatArray, taus: FloatArray, v_min: float | FloatArray, v_max: float | FloatArray,
    k: int, p: int,
) -> npt.NDArray[np.bool_]:  # fmt: skip
    """Return where the score is certainly negative on all of ``[τ², ∞)``.

    For ``t ≥ τ²``: ``yᵀPPy ≤ w_max·Q(t) ≤ Q(τ²)/(v_min + t)`` and ``tr P ≥
    tr W − p·w_max ≥ k/(v_max + t) − p/(v_min + t)`` (ML: ``p = 0``), so
    ``S(t) ≤ [c·(v_max + t) − k·(v_min + t)] / ((v_min + t)(v_max + t))`` with
    ``c = Q(τ²) + p``; the numerator decreases in ``t`` when ``c < k``, so it
    is negative for all ``t ≥ τ²`` once it is at ``τ²``.
    """
    c = q + p
    margin = 1.0 - _CERTIFY_RTOL
    out: npt.NDArray[np.bool_] = (c < k * margin) & (
        c * (v_max + taus) < k * (v_min + taus) * margin
    )
    return out


def _local_maxima(
    reml: bool,
    y: FloatArray,
    v: FloatArray,
    x: FloatArray,
    con: FitControl,
    found: float,
    score_at: Callable[[float], float],
) -> list[float]:
    """Return τ² = 0 (if the score is ≤ 0 there) and every interior local maximum on a grid.

    A local maximum shows as a sign change ``+ → −`` of the score between two
    neighbouring grid points; each is solved for by Brent's method.

    Notes
    -----
    The score (without the ½) is ``S(τ²) = A − B`` with ``A = yᵀPPy`` and
    ``B = tr P`` (REML) or ``tr W`` (ML). Both are non-increasing in τ²:
    ``dA/dτ² = −2·yᵀP³y ≤ 0`` because ``P`` is positive semi-definite, and
    ``d tr P/dτ² = −tr(PP) ≤ 0``, ``d tr W/dτ² = −tr(W²) < 0``. Hence on a cell
    ``[a, b]``, ``A(b) − B(a) ≤ S ≤ A(a) − B(b)``: when that interval excludes
    0 the score keeps one sign on the whole cell and no grid pair inside it can
    show a sign change. :func:`_grid_scores` therefore evaluates the score on a
    coarse sub-grid and refines (halving the stride) only cells where a sign
    change remains possible; the candidates found are exactly those of the full
    161-point grid (the margin ``_CERTIFY_RTOL`` keeps rounding from deciding),
    at about a sixth of the evaluations. The batch
    (:func:`watwerkt.stats._batch_tau2._global_check`) applies the same rule.
    """
    scale = float(np.median(v))
    hi = max(tau2_upper(y, con), 10.0 * found, 10.0 * float(np.var(y)), scale)
    taus = _grid(scale, hi)
    score = _grid_scores(reml, y, v, x, taus)
    out: list[float] = []
    if score[0] <= 0:
        out.append(0.0)
    for i in np.flatnonzero((score[:-1] > 0) & (score[1:] <= 0)):
        out.append(_root(score_at, float(taus[i]), float(taus[i + 1]), con.maxiter)[0])
    return out
