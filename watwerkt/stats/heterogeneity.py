"""Heterogeneity: Cochran's Q (QE), I², H² and their Q-profile confidence intervals.

Private helper of :mod:`watwerkt.stats` (the numbers live on
:class:`~watwerkt.stats.pool.MetaResult` and
:class:`~watwerkt.stats.regression.MetaRegressionResult`). Definitions follow
metafor 3.8's ``rma.uni()`` and ``confint.rma.uni()``: I² and H² use the
"typical" within-study variance ``s² = (k − p) / tr(P)`` with ``P`` from the
common-effect weights, and the τ² interval inverts the generalised Q
statistic (Viechtbauer, 2007).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import optimize
from scipy import stats as sps

from watwerkt.stats._linalg import weighted_fit
from watwerkt.stats.tau2 import DEFAULT_CONTROL, FitControl, generalised_q

__all__ = ["QTest", "i2_h2", "q_profile_ci", "q_test"]

FloatArray = npt.NDArray[np.float64]
_EPS = float(np.finfo(float).eps)


@dataclass(frozen=True, slots=True)
class QTest:
    """Test of residual heterogeneity: ``q`` on ``df`` degrees of freedom.

    ``vt`` is the typical within-study variance ``(k − p) / tr(P)`` used by
    I² and H² (0 when ``k ≤ p``).
    """

    q: float
    df: int
    pvalue: float
    vt: float


def q_test(yi: FloatArray, vi: FloatArray, x: FloatArray) -> QTest:
    """Return Cochran's Q (QE with moderators) with the common-effect weights ``1 / vi``.

    Parameters
    ----------
    yi, vi : ndarray, shape (k,)
        Effect sizes and sampling variances.
    x : ndarray, shape (k, p)
        Design matrix.

    Returns
    -------
    QTest

    Notes
    -----
    With ``k ≤ p`` there is nothing left to test; metafor then reports
    ``Q = 0``, ``p = 1`` (and I² = 0, H² = 1), and so do we.

    References
    ----------
    Cochran, W. G. (1954). The combination of estimates from different
    experiments. *Biometrics*, 10, 101-129.

    Examples
    --------
    >>> import numpy as np
    >>> res = q_test(np.array([0.1, 0.5, 0.3]), np.array([0.01, 0.02, 0.01]), np.ones((3, 1)))
    >>> round(res.q, 3), res.df
    (5.6, 2)
    """
    k, p = x.shape
    if k <= p:
        return QTest(0.0, 0, 1.0, 0.0)
    w = 1.0 / vi
    fit = weighted_fit(yi, x, w)
    q = max(0.0, fit.rss)
    b2 = x.T @ (x * (w * w)[:, None])
    tr_p = float(np.sum(w) - np.trace(fit.xtwx_inv @ b2))
    return QTest(q, k - p, float(sps.chi2.sf(q, k - p)), (k - p) / tr_p)


def i2_h2(tau2: float, qt: QTest, common_effect: bool) -> tuple[float, float]:
    """Return I² (percent) and H² as metafor defines them.

    For a common-effect model they come from Q (``I² = max(0, (Q − df)/Q)``,
    ``H² = Q/df``); otherwise from τ² and the typical variance
    (``I² = τ²/(s² + τ²)``, ``H² = τ²/s² + 1``).
    """
    if qt.df == 0:
        return 0.0, 1.0
    if common_effect:
        i2 = max(0.0, 100.0 * (qt.q - qt.df) / qt.q) if qt.q > 0 else 0.0  # R: max(0, -Inf)
        return i2, qt.q / qt.df
    return 100.0 * tau2 / (qt.vt + tau2), tau2 / qt.vt + 1.0


def q_profile_ci(
    yi: FloatArray,
    vi: FloatArray,
    x: FloatArray,
    tau2: float,
    level: float,
    control: FitControl = DEFAULT_CONTROL,
) -> tuple[float, float]:
    """Return the Q-profile confidence interval of τ² (Viechtbauer, 2007).

    Parameters
    ----------
    yi, vi : ndarray, shape (k,)
        Effect sizes and sampling variances (``k > p``).
    x : ndarray, shape (k, p)
        Design matrix.
    tau2 : float
        The estimate (only sets the initial search limit, as in metafor).
    level : float
        Confidence level, e.g. 0.95.
    control : FitControl
        ``tau2_max`` is the initial upper search limit.

    Returns
    -------
    tuple of float
        ``(lower, upper)``; both 0 when even τ² = 0 gives a Q below the lower
        critical value (metafor's "CI is empty/null" case).

    Notes
    -----
    The bounds are the τ² at which the generalised Q statistic equals the
    upper and lower ``(1 − level)/2`` quantiles of χ²(k − p). Q decreases in
    τ², so each bound is a unique root; it is found with Brent's method to
    machine precision. Where metafor stops at its search limit
    ``max(100, 10·τ̂²)``, the limit is doubled until the root is bracketed.

    References
    ----------
    Viechtbauer, W. (2007). Confidence intervals for the amount of
    heterogeneity in meta-analysis. *Statistics in Medicine*, 26, 37-52.

    Examples
    --------
    >>> import numpy as np
    >>> y = np.array([0.1, 0.3, 0.35, -0.2, 0.6])
    >>> v = np.array([0.02, 0.03, 0.025, 0.04, 0.05])
    >>> lb, ub = q_profile_ci(y, v, np.ones((5, 1)), 0.05, 0.95)
    >>> round(lb, 4), round(ub, 4)
    (0.0, 0.697)
    """
    k, p = x.shape
    alpha = 1.0 - level
    crit_u = float(sps.chi2.isf(alpha / 2, k - p))
    crit_l = float(sps.chi2.ppf(alpha / 2, k - p))
    q0 = generalised_q(0.0, yi, vi, x)
    if q0 < crit_l:
        return 0.0, 0.0
    start = max(control.tau2_max, 10.0 * tau2)
    upper = _root_q(yi, vi, x, crit_l, start)
    lower = 0.0 if q0 < crit_u else _root_q(yi, vi, x, crit_u, start)
    return lower, upper


def _root_q(yi: FloatArray, vi: FloatArray, x: FloatArray, target: float, start: float) -> float:
    """Return the τ² at which the generalised Q equals ``target`` (Q(0) ≥ target)."""

    def f(t: float) -> float:
        return generalised_q(t, yi, vi, x) - target

    hi = start
    for _ in range(200):
        if f(hi) <= 0:
            break
        hi *= 2.0
    else:
        return float("nan")
    return float(optimize.brentq(f, 0.0, hi, xtol=1e-300, rtol=4 * _EPS, maxiter=10_000))
