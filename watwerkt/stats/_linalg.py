"""Weighted least squares pieces shared by the τ² estimators and the fits.

Private helper of :mod:`watwerkt.stats`. Everything works for a general
design matrix ``X`` (``k × p``, intercept-only is ``p = 1``) and a diagonal
weight matrix ``W = diag(w)``, so :func:`~watwerkt.stats.pool.meta_analysis`
and :func:`~watwerkt.stats.regression.meta_regression` share one
implementation. ``P = W − W X (Xᵀ W X)⁻¹ Xᵀ W`` is the residual-maker of the
weighted fit; ``yᵀ P y`` is the (generalised) Q statistic.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class WeightedFit:
    """Weighted least squares fit of ``y`` on ``X`` with weights ``w``.

    ``beta`` are the coefficients, ``xtwx_inv`` is ``(Xᵀ W X)⁻¹`` (the model
    covariance of ``beta`` when ``w`` are inverse variances), ``resid`` the
    residuals ``y − X beta`` and ``rss`` the weighted residual sum of squares
    ``Σ w resid² = yᵀ P y``.
    """

    beta: FloatArray
    xtwx_inv: FloatArray
    resid: FloatArray
    rss: float


def weighted_fit(y: FloatArray, x: FloatArray, w: FloatArray) -> WeightedFit:
    """Return the weighted least squares fit of ``y`` on ``x`` with weights ``w``."""
    if x.shape[1] == 1:  # the common case, without matrix inversion
        xc = x[:, 0]
        sxx = float(np.dot(w * xc, xc))
        b = float(np.dot(w * xc, y)) / sxx
        r = y - b * xc
        return WeightedFit(np.array([b]), np.array([[1.0 / sxx]]), r, float(np.dot(w * r, r)))
    xw = x * w[:, None]
    xtwx = x.T @ xw
    inv = np.linalg.inv(xtwx)
    inv = (inv + inv.T) / 2.0
    beta = inv @ (xw.T @ y)
    resid = y - x @ beta
    return WeightedFit(beta, inv, resid, float(np.sum(w * resid * resid)))


def p_matrix(x: FloatArray, w: FloatArray) -> FloatArray:
    """Return ``P = W − W X (Xᵀ W X)⁻¹ Xᵀ W`` (``k × k``)."""
    xw = x * w[:, None]
    inv = np.linalg.inv(x.T @ xw)
    p: FloatArray = np.diag(w) - xw @ inv @ xw.T
    return p


def hat_p_unweighted(x: FloatArray) -> FloatArray:
    """Return ``I − X (Xᵀ X)⁻¹ Xᵀ`` (the ordinary least squares residual-maker)."""
    k = x.shape[0]
    q, _ = np.linalg.qr(x)
    p: FloatArray = np.eye(k) - q @ q.T
    return p


def logdet_xtwx(x: FloatArray, w: FloatArray) -> float:
    """Return ``log det(Xᵀ W X)``."""
    sign, logdet = np.linalg.slogdet(x.T @ (x * w[:, None]))
    return float(logdet) if sign > 0 else float("-inf")


def dependent_columns(x: FloatArray, rtol: float = 1e-10) -> tuple[int, ...]:
    """Return the columns of ``x`` involved in a linear dependency (empty if full rank).

    Columns are scaled to unit length first, so the test does not depend on
    the units of a moderator; a singular value below ``rtol`` times the
    largest counts as zero, and every column with a non-negligible loading on
    such a null direction is reported.
    """
    norms = np.linalg.norm(x, axis=0)
    if np.any(norms == 0):
        return tuple(int(j) for j in np.flatnonzero(norms == 0))
    _, s, vt = np.linalg.svd(x / norms, full_matrices=True)
    p = x.shape[1]
    s_full = np.zeros(p)
    s_full[: len(s)] = s
    null = vt[s_full <= rtol * s_full.max()]
    if len(null) == 0:
        return ()
    loading = np.abs(null).max(axis=0)
    return tuple(int(j) for j in np.flatnonzero(loading > 1e-8))
