"""Meta-regression: :func:`meta_regression` and :class:`MetaRegressionResult`.

A mixed-effects model ``yi = β₀ + β₁ x₁ + … + u + e`` with τ² the residual
heterogeneity, fitted by the same engine as
:func:`~watwerkt.stats.pool.meta_analysis` (metafor 3.8's ``rma.uni()`` with
``mods``). Studies with a missing moderator value are left out with a
warning and listed in ``omitted``.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy import stats as sps

from watwerkt.errors import RowsOmittedWarning, StatsInputError
from watwerkt.messages import message
from watwerkt.stats._linalg import dependent_columns, weighted_fit
from watwerkt.stats._results import coefficient_records
from watwerkt.stats._summary import aligned, fmt_p, pval_clause, text
from watwerkt.stats._validation import (
    as_float_array,
    check_level,
    check_option,
    effect_inputs,
    join_names,
    positions,
)
from watwerkt.stats.heterogeneity import i2_h2, q_test
from watwerkt.stats.pool import TESTS, _plain, check_control, fit_model
from watwerkt.stats.tau2 import METHODS, FitControl, estimate_tau2

__all__ = ["MetaRegressionResult", "meta_regression"]

FloatArray = npt.NDArray[np.float64]

_FUNCTION: Final = "meta_regression"
#: Columns of :attr:`MetaRegressionResult.coefficients`.
COEF_COLUMNS: Final = ("estimate", "se", "statistic", "pvalue", "ci_lower", "ci_upper")
#: Columns of :meth:`MetaRegressionResult.predict`.
PREDICT_COLUMNS: Final = ("estimate", "se", "ci_lower", "ci_upper", "pi_lower", "pi_upper")


@dataclass(frozen=True, slots=True)
class MetaRegressionResult:
    """Result of :func:`meta_regression`.

    ``coefficients`` has one row per term (``"intercept"`` first, then the
    moderators by name) and the columns ``estimate, se, statistic, pvalue,
    ci_lower, ci_upper``. ``qm`` tests all moderators together: a χ²(m)
    statistic with ``test="z"`` (``qm_df = (m, None)``), an F(m, k − p)
    statistic with ``test="knha"`` (``qm_df = (m, k − p)``), as metafor.
    ``qe`` tests residual heterogeneity; ``i2``/``h2`` are residual too.
    ``r2`` is metafor's pseudo-R² in percent: the proportional reduction of τ²
    against the intercept-only model, truncated at 0 (for FE the adjusted R²
    of the weighted regression). ``omitted`` holds the 0-based positions left
    out because a moderator was missing; ``X`` is the design matrix (with the
    intercept column) of the rows used.
    """

    coefficients: pd.DataFrame
    k: int
    p: int
    qm: float
    qm_df: tuple[int, int | None]
    qm_pvalue: float
    qe: float
    qe_df: int
    qe_pvalue: float
    tau2: float
    tau2_se: float
    i2: float
    h2: float
    r2: float
    method: str
    test: str
    level: float
    iterations: int
    converged: bool
    k_used: int
    k_total: int
    omitted: tuple[int, ...]
    vcov: FloatArray = field(repr=False, compare=False)
    yi: FloatArray = field(repr=False, compare=False)
    vi: FloatArray = field(repr=False, compare=False)
    X: FloatArray = field(repr=False, compare=False)
    weights: FloatArray = field(repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """Return the result as JSON-ready plain values (coefficients as a list of rows)."""
        out: dict[str, Any] = {
            "coefficients": coefficient_records(self.coefficients, COEF_COLUMNS)
        }
        for name in _DICT_FIELDS:
            out[name] = _plain(getattr(self, name))
        return out

    def to_frame(self) -> pd.DataFrame:
        """Return the coefficient table (one row per term, the term as a column)."""
        return self.coefficients.reset_index()

    def predict(self, newmods: Any) -> pd.DataFrame:
        """Predict the average effect at new moderator values (metafor's ``predict()``).

        Parameters
        ----------
        newmods : DataFrame, dict, or array_like
            Moderator values without the intercept: a DataFrame/dict with the
            moderator names, or an array with one column per moderator (a 1-D
            array is one row, or one value per row when there is a single
            moderator).

        Returns
        -------
        pandas.DataFrame
            Columns ``estimate, se, ci_lower, ci_upper, pi_lower, pi_upper``;
            the prediction interval adds τ² to the variance of the estimate.
        """
        names = [str(t) for t in self.coefficients.index[1:]]
        xn = _newmods_matrix(newmods, names)
        x_new = np.column_stack([np.ones(len(xn)), xn])
        beta = self.coefficients["estimate"].to_numpy()
        est = x_new @ beta
        var = np.einsum("ij,jk,ik->i", x_new, self.vcov, x_new)
        se = np.sqrt(np.where(var < 0, np.nan, var))
        crit = _crit(self.test, self.level, self.k - self.p)
        half_pi = crit * np.sqrt(se * se + self.tau2)
        return pd.DataFrame(
            {
                "estimate": est,
                "se": se,
                "ci_lower": est - crit * se,
                "ci_upper": est + crit * se,
                "pi_lower": est - half_pi,
                "pi_upper": est + half_pi,
            }
        )

    def summary(self, lang: str | None = None) -> str:
        """Return a readable, metafor-like text summary in ``lang`` ("nl" or "en").

        Labels come from the message catalogue (default: the process language);
        numbers keep metafor's layout and a decimal point in both languages.
        """
        model = "model_fixed" if self.method == "FE" else "model_me"
        lines = [text(model, lang, k=self.k, method=self.method), ""]
        rows: list[tuple[str, str]] = []
        if self.method != "FE":
            rows.append((text("tau2_residual", lang), f"{self.tau2:.4f}"))
            rows.append((text("i2_residual", lang), f"{self.i2:.2f}%"))
            rows.append((text("h2_residual", lang), f"{self.h2:.2f}"))
        if np.isfinite(self.r2):
            rows.append((text("r2", lang), f"{self.r2:.2f}%"))
        if rows:
            lines += aligned(rows)
        lines += [
            "",
            text("residual_test", lang),
            f"QE(df = {self.qe_df}) = {self.qe:.4f}, p-val {pval_clause(self.qe_pvalue)}",
            "",
            text("moderators_test", lang),
        ]
        m, df2 = self.qm_df
        if df2 is None:
            lines.append(f"QM(df = {m}) = {self.qm:.4f}, p-val {pval_clause(self.qm_pvalue)}")
        else:
            lines.append(
                f"F(df1 = {m}, df2 = {df2}) = {self.qm:.4f}, p-val {pval_clause(self.qm_pvalue)}"
            )
        lines += ["", text("model_results", lang), ""]
        stat = "zval" if self.test == "z" else "tval"
        width = max(len(str(t)) for t in self.coefficients.index)
        est = text("col_estimate", lang)
        cols = f"{est:>9} {'se':>8} {stat:>8} {'pval':>8} {'ci.lb':>8} {'ci.ub':>8}"
        lines.append(f"{'':{width}} {cols}")
        for term, row in self.coefficients.iterrows():
            lines.append(
                f"{term!s:{width}} {row['estimate']:9.4f} {row['se']:8.4f} {row['statistic']:8.4f} "
                f"{fmt_p(row['pvalue']):>8} {row['ci_lower']:8.4f} {row['ci_upper']:8.4f}"
            )
        if self.omitted:
            lines.append("")
            lines.append(
                text(
                    "omitted_moderator", lang, count=len(self.omitted), total=self.k_total,
                    rows=", ".join(str(i) for i in self.omitted),
                )
            )
        if not self.converged:
            lines.append(text("not_converged", lang))
        return "\n".join(lines)


_DICT_FIELDS: Final = tuple(
    f
    for f in MetaRegressionResult.__dataclass_fields__
    if f not in ("coefficients", "vcov", "yi", "vi", "X", "weights")
)


def _crit(test: str, level: float, df: int) -> float:
    if test == "knha":
        return float(sps.t.isf((1.0 - level) / 2.0, df))
    return float(sps.norm.isf((1.0 - level) / 2.0))


def meta_regression(
    yi: Any,
    vi: Any,
    moderators: Any,
    method: str = "REML",
    test: str = "z",
    level: float = 0.95,
    *,
    control: FitControl | None = None,
) -> MetaRegressionResult:
    """Fit a (mixed-effects) meta-regression of effect sizes on moderators.

    Parameters
    ----------
    yi, vi : array_like, shape (k,)
        Effect sizes and their sampling variances (all > 0).
    moderators : DataFrame, dict of arrays, or array_like of shape (k,) or (k, m)
        Numeric moderators, one column each; the intercept is added. Columns
        of a DataFrame/dict keep their names, array columns are named
        ``x1, x2, …``. Rows with a missing value are left out (with a warning).
    method : {"FE", "DL", "HE", "HS", "SJ", "ML", "REML", "EB", "PM"}
        Estimator of the residual τ² (metafor's names and definitions).
    test : {"z", "knha"}
        Normal/χ² tests, or Knapp–Hartung t(k − p) and F(m, k − p) tests.
    level : float
        Confidence level (0.95, or metafor's 95).
    control : FitControl, optional
        Solver settings of the iterative estimators.

    Returns
    -------
    MetaRegressionResult

    Raises
    ------
    StatsInputError
        For a non-numeric moderator (naming the column), moderators with the
        wrong number of rows, linearly dependent moderators (naming the
        columns involved), too few studies for the number of coefficients,
        or any of the problems :func:`~watwerkt.stats.pool.meta_analysis`
        rejects.

    Warns
    -----
    UserWarning
        Listing the studies left out because a moderator is missing.
    ConvergenceWarning
        When an iterative estimator finds no solution.

    Notes
    -----
    Coefficients are weighted least squares estimates with weights
    ``1/(vi + τ²)``; τ² is estimated from the residuals of the same design
    matrix, so moderators "explain" heterogeneity (reported as R²). Parity
    with metafor 3.8's ``rma(yi, vi, mods = ~ …)`` is tested on dat.bcg,
    dat.raudenbush1985 and dat.bangertdrowns2004.

    References
    ----------
    Thompson, S. G., & Higgins, J. P. T. (2002). How should meta-regression
    analyses be undertaken and interpreted? *Statistics in Medicine*, 21,
    1559-1573. Raudenbush, S. W. (2009). Analyzing effect sizes: random-effects
    models. In *The Handbook of Research Synthesis and Meta-Analysis* (2nd
    ed., pp. 295-315).

    Examples
    --------
    >>> import pandas as pd
    >>> yi = [0.1, 0.3, 0.35, -0.2, 0.6, 0.45]
    >>> vi = [0.02, 0.03, 0.025, 0.04, 0.05, 0.03]
    >>> mods = pd.DataFrame({"dose": [1, 2, 3, 0, 4, 3]})
    >>> res = meta_regression(yi, vi, mods)
    >>> res.coefficients["estimate"].round(3).tolist()
    [-0.12, 0.181]
    >>> round(res.tau2, 4), round(res.r2, 1)
    (0.0, 100.0)
    """
    y_all, v_all = effect_inputs(yi, vi, _FUNCTION)
    method = check_option(method, "method", _FUNCTION, METHODS)
    test = check_option(test, "test", _FUNCTION, TESTS)
    lvl = check_level(level, _FUNCTION)
    con = check_control(control, _FUNCTION)
    names, mods = _moderator_matrix(moderators, len(y_all))
    missing: npt.NDArray[np.bool_] = np.asarray(np.isnan(mods).any(axis=1), dtype=bool)
    omitted = positions(missing)
    if omitted:
        warnings.warn(
            RowsOmittedWarning(
                message(
                    "stats.moderators_missing_rows",
                    function=_FUNCTION,
                    count=len(omitted),
                    positions=", ".join(str(i) for i in omitted),
                ),
                omitted,
            ),
            stacklevel=2,
        )
    keep = ~missing
    y, v = y_all[keep], v_all[keep]
    x = np.column_stack([np.ones(len(y)), mods[keep]])
    k, p = x.shape
    terms = ["intercept", *names]
    minimum = p if method == "FE" else p + 1
    if k < minimum:
        raise StatsInputError(
            "stats.too_few",
            argument="moderators",
            function=_FUNCTION,
            minimum=minimum,
            got=k,
            purpose=f"{p} coefficients" if k else "moderators",
        )
    dependent = dependent_columns(x)
    if dependent:
        raise StatsInputError(
            "stats.singular_moderators",
            argument="moderators",
            function=_FUNCTION,
            columns=join_names(terms[j] for j in dependent),
        )
    fit = fit_model(y, v, x, method, test, lvl, control=con, function=_FUNCTION)
    t2 = fit.tau2
    coefficients = pd.DataFrame(
        {
            "estimate": fit.beta,
            "se": fit.se,
            "statistic": fit.statistic,
            "pvalue": fit.pvalue,
            "ci_lower": fit.ci_lower,
            "ci_upper": fit.ci_upper,
        },
        index=pd.Index(terms, name="term"),
    )
    qm, qm_df, qm_p = _moderator_test(fit.beta, fit.vcov, fit.test, k, p)
    qt = q_test(y, v, x)
    i2, h2 = i2_h2(t2.tau2, qt, method == "FE")
    return MetaRegressionResult(
        coefficients=coefficients,
        k=k,
        p=p,
        qm=qm,
        qm_df=qm_df,
        qm_pvalue=qm_p,
        qe=qt.q,
        qe_df=qt.df,
        qe_pvalue=qt.pvalue,
        tau2=t2.tau2,
        tau2_se=t2.tau2_se,
        i2=i2,
        h2=h2,
        r2=_pseudo_r2(y, v, x, method, t2.tau2, con),
        method=method,
        test=fit.test,
        level=lvl,
        iterations=t2.iterations,
        converged=t2.converged,
        k_used=k,
        k_total=len(y_all),
        omitted=omitted,
        vcov=fit.vcov,
        yi=y,
        vi=v,
        X=x,
        weights=fit.weights,
    )


def _moderator_test(
    beta: FloatArray, vcov: FloatArray, test: str, k: int, p: int
) -> tuple[float, tuple[int, int | None], float]:
    """Return metafor's omnibus test of all coefficients but the intercept.

    A singular covariance block (Knapp-Hartung on a model that fits the data
    exactly, so the residual variance and every standard error are 0) gives NaN,
    as metafor's QM is NA there, instead of a linear-algebra crash.
    """
    m = p - 1
    b = beta[1:]
    try:
        qm = float(b @ np.linalg.solve(vcov[1:, 1:], b))
    except np.linalg.LinAlgError:
        return float("nan"), (m, k - p if test == "knha" else None), float("nan")
    if test == "knha":
        f = qm / m
        return f, (m, k - p), float(sps.f.sf(f, m, k - p))
    return qm, (m, None), float(sps.chi2.sf(qm, m))


def _pseudo_r2(
    y: FloatArray, v: FloatArray, x: FloatArray, method: str, tau2: float, con: FitControl
) -> float:
    """Return metafor's R² (percent, truncated at 0)."""
    k, p = x.shape
    if method == "FE":
        if np.var(y) == 0:
            return 0.0
        w = 1.0 / v
        rss = weighted_fit(y, x, w).rss
        tss = weighted_fit(y, x[:, :1], w).rss
        adj = 1.0 - (rss / tss) * (k - 1) / (k - p)
        return float(max(0.0, 100.0 * adj))
    # The intercept-only model is fitted with the same estimator; if it has no
    # trustworthy τ² (it warns itself, naming the method), R² is NaN, never a guess.
    base = estimate_tau2(y, v, x[:, :1], method, con, function=_FUNCTION)
    if not base.converged or not np.isfinite(base.tau2):
        return float("nan")
    if base.tau2 == 0:
        return 0.0
    return max(0.0, 100.0 * (base.tau2 - tau2) / base.tau2)


def _moderator_matrix(moderators: Any, k: int) -> tuple[list[str], FloatArray]:
    """Return moderator names and a ``(k, m)`` float matrix (NaN = missing)."""
    if isinstance(moderators, pd.Series):
        moderators = moderators.to_frame(name=str(moderators.name or "x1"))
    if isinstance(moderators, Mapping):
        moderators = pd.DataFrame({str(n): _column(c, str(n)) for n, c in moderators.items()})
    if isinstance(moderators, pd.DataFrame):
        names = [str(c) for c in moderators.columns]
        cols = [_numeric_column(moderators.iloc[:, j], names[j]) for j in range(len(names))]
        mat = np.column_stack(cols) if cols else np.empty((len(moderators), 0))
    else:
        try:
            arr = np.asarray(moderators)
        except (TypeError, ValueError):
            arr = np.asarray(moderators, dtype=object)
        if arr.ndim == 1:
            arr = arr.reshape(-1, 1)
        if arr.ndim != 2:
            raise StatsInputError(
                "stats.pool.bad_moderators",
                argument="moderators",
                function=_FUNCTION,
                got=f"shape {arr.shape}",
            )
        names = [f"x{j + 1}" for j in range(arr.shape[1])]
        mat = np.column_stack(
            [_numeric_column(pd.Series(arr[:, j]), names[j]) for j in range(arr.shape[1])]
        )
    if mat.shape[1] == 0:
        raise StatsInputError(
            "stats.pool.bad_moderators", argument="moderators", function=_FUNCTION, got="no columns"
        )
    if mat.shape[0] != k:
        raise StatsInputError(
            "stats.pool.moderator_rows",
            argument="moderators",
            function=_FUNCTION,
            got=mat.shape[0],
            expected=k,
        )
    inf = np.isinf(mat)
    if inf.any():
        j = int(np.flatnonzero(inf.any(axis=0))[0])
        raise StatsInputError(
            "stats.nan", argument=names[j], positions=positions(inf[:, j]), function=_FUNCTION
        )
    return names, mat


def _column(values: Any, name: str) -> Any:
    arr = np.asarray(values)
    if arr.ndim != 1:
        raise StatsInputError("stats.not_1d", argument=name, function=_FUNCTION, shape=arr.shape)
    return arr


def _numeric_column(col: pd.Series, name: str) -> FloatArray:
    """Return ``col`` as floats; reject text, categories and other non-numbers by name."""
    if pd.api.types.is_bool_dtype(col) or pd.api.types.is_numeric_dtype(col):
        return np.asarray(col.to_numpy(dtype=np.float64, na_value=np.nan), dtype=np.float64)
    if col.dtype == object:
        converted = pd.to_numeric(col, errors="coerce")
        bad = converted.isna() & ~col.isna()
        if not bad.any():
            return np.asarray(
                converted.to_numpy(dtype=np.float64, na_value=np.nan), dtype=np.float64
            )
    raise StatsInputError(
        "stats.pool.non_numeric_moderator",
        argument="moderators",
        function=_FUNCTION,
        column=name,
        dtype=str(col.dtype),
    )


def _newmods_matrix(newmods: Any, names: list[str]) -> FloatArray:
    """Return new moderator values as a ``(n, m)`` matrix in the order of ``names``."""
    m = len(names)
    if isinstance(newmods, Mapping):
        newmods = pd.DataFrame({str(n): np.atleast_1d(c) for n, c in newmods.items()})
    if isinstance(newmods, pd.DataFrame):
        newmods = newmods.rename(columns=str)
        cols = list(newmods.columns)
        if sorted(cols) != sorted(names):
            raise StatsInputError(
                "stats.pool.newmods_columns",
                argument="newmods",
                function="predict",
                expected=m,
                columns=join_names(names),
                got=join_names(cols),
            )
        return np.column_stack([as_float_array(newmods[n].to_numpy(), n, "predict") for n in names])
    arr = np.asarray(newmods, dtype=np.float64)
    if arr.ndim == 0:
        arr = arr.reshape(1, 1)
    elif arr.ndim == 1:
        arr = arr.reshape(-1, 1) if m == 1 else arr.reshape(1, -1)
    if arr.ndim != 2 or arr.shape[1] != m:
        raise StatsInputError(
            "stats.pool.newmods_columns",
            argument="newmods",
            function="predict",
            expected=m,
            columns=join_names(names),
            got=arr.shape[-1] if arr.ndim else 0,
        )
    return arr
