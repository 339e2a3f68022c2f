"""Outlier and influence diagnostics for a (mixed-effects) meta-analysis.

:func:`influence` returns, per study, what R's metafor 3.8 gives with
``influence()``, ``rstandard()``, ``rstudent()`` and ``dfbetas()``:
internally and externally standardized residuals, DFFITS, Cook's distance,
the covariance ratio, τ² and Q without the study, hat values, weights, DFBETAS
and metafor's flag for influential studies.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy import stats as sps

from watwerkt.errors import StatsInputError
from watwerkt.stats._summary import text
from watwerkt.stats._validation import FloatArray, check_level, effect_inputs
from watwerkt.stats.pool import meta_analysis
from watwerkt.stats.regression import meta_regression
from watwerkt.stats.tau2 import FitControl

__all__ = ["InfluenceResult", "influence"]

_FUNCTION: Final = "influence"

#: Fewest studies beyond the number of coefficients (every deletion refit must
#: keep at least one degree of freedom).
_MIN_EXTRA: Final = 2

#: Residuals this close to zero are set to zero, as metafor does.
_TINY: Final = 100 * np.finfo(float).eps

#: Per-study columns of :meth:`InfluenceResult.to_frame`, before the DFBETAS.
COLUMNS: Final[tuple[str, ...]] = (
    "resid",
    "resid_se",
    "rstandard",
    "rstudent_resid",
    "rstudent_se",
    "rstudent",
    "dffits",
    "cook_d",
    "cov_r",
    "tau2_del",
    "qe_del",
    "hat",
    "weight",
    "influential",
)


@dataclass(frozen=True, slots=True)
class _Fit:
    """The pieces of a fitted model the diagnostics need."""

    beta: FloatArray  # (p,)
    vb: FloatArray  # (p, p), including any Knapp-Hartung factor
    tau2: float
    qe: float
    s2w: float  # Knapp-Hartung scale factor (1 for the z-test)


@dataclass(frozen=True, slots=True)
class InfluenceResult:
    r"""Per-study outlier and influence diagnostics (metafor's ``influence()``).

    All per-study arrays have shape (k,) and follow the input order.

    Attributes
    ----------
    resid, resid_se, rstandard : numpy.ndarray
        Marginal residual :math:`y_i - x_i\hat\beta`, its standard error and
        their ratio, the internally standardized residual (``rstandard()``).
    rstudent_resid, rstudent_se, rstudent : numpy.ndarray
        Deleted residual :math:`y_i - x_i\hat\beta_{(-i)}`, its standard error
        and their ratio, the externally standardized residual (``rstudent()``).
    dffits : numpy.ndarray
        Change in the fitted value, in standard errors, when the study is left out.
    cook_d : numpy.ndarray
        Cook's distance: the Mahalanobis distance between the coefficients with
        and without the study.
    cov_r : numpy.ndarray
        Covariance ratio: det(Var β without the study) / det(Var β); below 1
        means the study makes the estimate more precise.
    tau2_del, qe_del : numpy.ndarray
        τ² and the Q-statistic for residual heterogeneity without the study.
    hat : numpy.ndarray
        Diagonal of the hat matrix (leverage).
    weight : numpy.ndarray
        Weight of the study in percent.
    dfbetas : numpy.ndarray, shape (k, p)
        Change of each coefficient, in standard errors, without the study.
    influential : numpy.ndarray of bool
        metafor's rule: |DFFITS| > 3√(p/(k−p)), or the χ²(p) CDF of Cook's
        distance > 0.5, or hat > 3p/k, or any |DFBETAS| > 1.
    terms : tuple of str
        Names of the p coefficients (``"intercept"`` first).
    study : numpy.ndarray of int
        0-based input position of each row (skipping omitted studies).
    k, p : int
        Number of studies used and of coefficients.
    k_used, k_total : int
        Studies used, and given.
    omitted : tuple of int
        Input positions left out because a moderator was missing.
    method, test : str
        τ² estimator and test, as given.
    tau2, qe : float
        τ² and residual Q of the full model.
    """

    resid: FloatArray
    resid_se: FloatArray
    rstandard: FloatArray
    rstudent_resid: FloatArray
    rstudent_se: FloatArray
    rstudent: FloatArray
    dffits: FloatArray
    cook_d: FloatArray
    cov_r: FloatArray
    tau2_del: FloatArray
    qe_del: FloatArray
    hat: FloatArray
    weight: FloatArray
    dfbetas: FloatArray
    influential: npt.NDArray[np.bool_]
    terms: tuple[str, ...]
    study: npt.NDArray[np.int64]
    k: int
    p: int
    k_used: int
    k_total: int
    omitted: tuple[int, ...]
    method: str
    test: str
    tau2: float
    qe: float

    def to_frame(self) -> pd.DataFrame:
        """Return one row per study; DFBETAS as ``dfbetas_<term>`` columns."""
        data: dict[str, Any] = {name: getattr(self, name) for name in COLUMNS}
        for j, term in enumerate(self.terms):
            data[f"dfbetas_{term}"] = self.dfbetas[:, j]
        return pd.DataFrame(data, index=pd.Index(self.study, name="study"))

    def to_dict(self) -> dict[str, Any]:
        """Return the result as a JSON-ready dictionary (arrays as lists)."""
        out: dict[str, Any] = {name: getattr(self, name).tolist() for name in COLUMNS}
        out["dfbetas"] = self.dfbetas.tolist()
        out["terms"] = list(self.terms)
        out["study"] = self.study.tolist()
        out["omitted"] = list(self.omitted)
        for name in ("k", "p", "k_used", "k_total", "method", "test", "tau2", "qe"):
            out[name] = getattr(self, name)
        return out

    def summary(self, lang: str | None = None) -> str:
        """Return a metafor-like table of the diagnostics, influential studies starred.

        The columns are the :meth:`to_frame` field names; a last line (from the
        catalogue, in ``lang``) explains the star.
        """
        frame = self.to_frame()
        shown = frame[
            ["rstudent", "dffits", "cook_d", "cov_r", "tau2_del", "qe_del", "hat", "weight"]
        ]
        body = shown.to_string(float_format=lambda x: f"{x:.4f}")
        lines = body.splitlines()
        out = [lines[0], lines[1]] if len(lines) > 1 else lines
        for line, flag in zip(lines[2:], self.influential, strict=True):
            out.append(f"{line} {'*' if flag else ''}".rstrip())
        if any(self.influential):
            out += ["", text("influence_note", lang)]
        return "\n".join(out)


def influence(
    yi: Any,
    vi: Any,
    method: str = "REML",
    test: str = "z",
    level: float = 0.95,
    *,
    moderators: Any = None,
    control: FitControl | None = None,
) -> InfluenceResult:
    """Compute outlier and influence diagnostics for every study.

    Parameters
    ----------
    yi, vi : array_like, shape (k,)
        Effect sizes and their sampling variances.
    method, test, level, control
        As for :func:`~watwerkt.stats.pool.meta_analysis`.
    moderators : array_like, dict or pandas.DataFrame, optional
        Moderators of a meta-regression, as for
        :func:`~watwerkt.stats.regression.meta_regression`; without them, the
        random-effects (or fixed-effect) model without moderators. Studies
        with a missing moderator are left out (with meta_regression's warning)
        and listed in ``omitted``.

    Returns
    -------
    InfluenceResult
        Per-study diagnostics and the influential-study flags.

    Raises
    ------
    StatsInputError
        Bad arrays or options, or fewer than p + 2 studies (p coefficients).

    Notes
    -----
    Every deletion diagnostic comes from a full refit without the study, τ²
    re-estimated, as in metafor (Viechtbauer & Cheung, 2010): a study can be an
    outlier (large studentized residual) without being influential, and
    influential (large Cook's distance, DFFITS) without being an outlier. The
    ``influential`` flag is a screening rule, not a verdict: look at the study.

    References
    ----------
    Viechtbauer, W., & Cheung, M. W.-L. (2010). Outlier and influence
    diagnostics for meta-analysis. *Research Synthesis Methods, 1*(2), 112-125.

    Examples
    --------
    >>> res = influence([0.1, 0.3, 0.35, 0.6, 1.8], [0.01, 0.02, 0.04, 0.08, 0.1],
    ...                 method="DL")
    >>> res.rstudent.round(2).tolist()
    [-1.03, -0.54, -0.46, 0.08, 4.55]
    >>> res.influential.tolist()
    [True, False, False, False, True]
    """
    y, v = effect_inputs(yi, vi, _FUNCTION)
    level = check_level(level, _FUNCTION)
    k_total = len(y)
    mods = None if moderators is None else _as_frame(moderators, k_total)
    omitted: tuple[int, ...] = ()
    if mods is not None:
        first = meta_regression(y, v, mods, method, test, level, control=control)
        if first.omitted:  # missing moderators: diagnose the studies the model uses
            omitted = tuple(int(i) for i in first.omitted)
            used = np.ones(k_total, dtype=bool)
            used[list(omitted)] = False
            y, v, mods = y[used], v[used], _take(mods, used)
    study = np.delete(np.arange(k_total, dtype=np.int64), list(omitted))
    k = len(y)

    def fit(rows: npt.NDArray[np.bool_]) -> tuple[_Fit, FloatArray, tuple[str, ...]]:
        if mods is None:
            res = meta_analysis(y[rows], v[rows], method, test, level, control=control)
            beta = np.array([res.estimate])
            vb = np.array([[res.se**2]])
            x = np.ones((int(rows.sum()), 1))
            return _make_fit(beta, vb, res.tau2, res.q, x, v[rows]), x, ("intercept",)
        reg = meta_regression(
            y[rows], v[rows], _take(mods, rows), method, test, level, control=control
        )
        coefs = reg.coefficients
        beta = coefs["estimate"].to_numpy(dtype=float)
        vb = np.asarray(reg.vcov, dtype=float)
        x = np.asarray(reg.X, dtype=float)
        terms = tuple(str(t) for t in coefs.index)
        return _make_fit(beta, vb, reg.tau2, reg.qe, x, v[rows]), x, terms

    full, x, terms = fit(np.ones(k, dtype=bool))
    p = x.shape[1]
    if k < p + _MIN_EXTRA:
        raise StatsInputError(
            "stats.bias.too_few",
            argument="yi",
            function=_FUNCTION,
            minimum=p + _MIN_EXTRA,
            got=k,
        )

    # Full model: hat matrix, weights, internally standardized residuals.
    w = 1.0 / (v + full.tau2)
    xtwx_inv = np.linalg.inv(x.T @ (x * w[:, None]))
    hat_matrix = x @ xtwx_inv @ (x * w[:, None]).T
    hat = np.diag(hat_matrix).copy()
    hat[hat > 1 - 10 * np.finfo(float).eps] = 1.0
    weight = 100 * w / w.sum()
    resid = y - x @ full.beta
    resid[np.abs(resid) < _TINY] = 0.0
    i_minus_h = np.eye(k) - hat_matrix
    resid_se = np.sqrt(np.einsum("ij,j,ij->i", i_minus_h, v + full.tau2, i_minus_h))

    # Deletion diagnostics, one refit per study.
    keys = ("tau2_del", "qe_del", "s2w_del", "delpred", "vdelpred", "cook_d", "cov_r")
    out = {key: np.full(k, np.nan) for key in keys}
    dfb = np.full((k, p), np.nan)
    vb_full_inv = np.linalg.inv(full.vb)
    det_full = np.linalg.det(full.vb)
    keep = ~np.eye(k, dtype=bool)
    for i in range(k):
        dele = fit(keep[i])[0]
        xi = x[i]
        out["tau2_del"][i] = dele.tau2
        out["qe_del"][i] = dele.qe
        out["s2w_del"][i] = dele.s2w
        out["delpred"][i] = xi @ dele.beta
        out["vdelpred"][i] = xi @ dele.vb @ xi
        diff = full.beta - dele.beta
        vb_del = np.linalg.inv(x.T @ (x / (v + dele.tau2)[:, None]))
        dfb[i] = diff / np.sqrt(dele.s2w * np.diag(vb_del))
        out["cook_d"][i] = diff @ vb_full_inv @ diff
        out["cov_r"][i] = np.linalg.det(dele.vb) / det_full

    tau2_del, s2w_del = out["tau2_del"], out["s2w_del"]
    dffits = (x @ full.beta - out["delpred"]) / np.sqrt(s2w_del * hat * (tau2_del + v))
    rstudent_resid = y - out["delpred"]
    rstudent_resid[np.abs(rstudent_resid) < _TINY] = 0.0
    rstudent_se = np.sqrt(v * s2w_del + out["vdelpred"] + tau2_del * s2w_del)
    influential = (
        (np.abs(dffits) > 3 * np.sqrt(p / (k - p)))
        | (sps.chi2.cdf(out["cook_d"], df=p) > 0.5)
        | (hat > 3 * p / k)
        | np.any(np.abs(dfb) > 1, axis=1)
    )
    return InfluenceResult(
        resid=resid,
        resid_se=resid_se,
        rstandard=resid / resid_se,
        rstudent_resid=rstudent_resid,
        rstudent_se=rstudent_se,
        rstudent=rstudent_resid / rstudent_se,
        dffits=dffits,
        cook_d=out["cook_d"],
        cov_r=out["cov_r"],
        tau2_del=tau2_del,
        qe_del=out["qe_del"],
        hat=hat,
        weight=weight,
        dfbetas=dfb,
        influential=influential,
        terms=terms,
        study=study,
        k=k,
        p=p,
        k_used=k,
        k_total=k_total,
        omitted=omitted,
        method=method,
        test=test,
        tau2=full.tau2,
        qe=full.qe,
    )


def _make_fit(
    beta: FloatArray, vb: FloatArray, tau2: float, qe: float, x: FloatArray, v: FloatArray
) -> _Fit:
    """Bundle a fit; the Knapp-Hartung factor is read off its covariance matrix."""
    unscaled = np.linalg.inv(x.T @ (x / (v + tau2)[:, None]))
    s2w = float(vb[0, 0] / unscaled[0, 0])
    return _Fit(beta=beta, vb=vb, tau2=float(tau2), qe=float(qe), s2w=s2w)


def _take(mods: pd.DataFrame | FloatArray, rows: npt.NDArray[np.bool_]) -> Any:
    if isinstance(mods, pd.DataFrame):
        return mods.loc[rows].reset_index(drop=True)
    return mods[rows]


def _as_frame(moderators: Any, k: int) -> pd.DataFrame | FloatArray:
    """Return the moderators in a form whose rows can be selected by a mask."""
    if isinstance(moderators, pd.DataFrame):
        return moderators.reset_index(drop=True)
    if isinstance(moderators, dict):
        return pd.DataFrame(moderators)
    arr = np.asarray(moderators, dtype=float)
    if arr.ndim == 1:
        arr = arr.reshape(-1, 1)
    if arr.shape[0] != k:
        raise StatsInputError(
            "stats.length_mismatch",
            argument="moderators",
            function=_FUNCTION,
            got=arr.shape[0],
            other="yi",
            expected=k,
        )
    return arr
