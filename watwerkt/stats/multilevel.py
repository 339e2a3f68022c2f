"""Three-level (multilevel) meta-analysis of dependent effect sizes.

Effect sizes nested in studies (and studies in, say, districts) get one random
intercept per grouping, as metafor's ``rma.mv(yi, vi, random = ~ 1 | study/es_id)``.
The fit works on the block structure of the marginal covariance (see
:mod:`watwerkt.stats._multilevel_core`), so thousands of effect sizes fit in
well under a second.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy import stats

from watwerkt.errors import ConvergenceWarning, RowsOmittedWarning, StatsInputError
from watwerkt.messages import message
from watwerkt.stats._multilevel_core import (
    FitResult,
    NestedStructure,
    build_structure,
    fit_components,
    nest_codes,
)
from watwerkt.stats._results import coefficient_records
from watwerkt.stats._summary import text
from watwerkt.stats._validation import (
    FloatArray,
    check_level,
    check_option,
    effect_inputs,
    positions,
)

__all__ = ["LikelihoodRatioTest", "MultilevelResult", "multilevel_meta_analysis"]

_FUNCTION = "multilevel_meta_analysis"
METHODS = ("REML", "ML")
TESTS = ("z", "t")
COEF_COLUMNS = ("estimate", "se", "statistic", "pvalue", "ci_lower", "ci_upper")


@dataclass(frozen=True, slots=True)
class LikelihoodRatioTest:
    """Likelihood-ratio test of one variance component against zero.

    As metafor's ``anova(full, reduced)``: ``statistic = 2 (ll_full - ll_reduced)``
    referred to a chi-square with ``df`` degrees of freedom (no boundary mixture).
    """

    component: int
    statistic: float
    df: int
    pvalue: float
    loglik_full: float
    loglik_reduced: float

    def to_dict(self) -> dict[str, Any]:
        """Return the test as JSON-ready plain values."""
        return {
            "component": self.component,
            "statistic": self.statistic,
            "df": self.df,
            "pvalue": self.pvalue,
            "loglik_full": self.loglik_full,
            "loglik_reduced": self.loglik_reduced,
        }


@dataclass(frozen=True, slots=True)
class MultilevelResult:
    """A fitted multilevel random-effects model (metafor's ``rma.mv``).

    ``estimate`` … ``ci_upper`` describe the first coefficient (the pooled
    effect when there are no moderators, the intercept otherwise); the
    ``coefficients`` frame holds every term. ``sigma2`` has one variance per
    grouping, outermost first. ``pi_lower``/``pi_upper`` are NaN when there are
    moderators. ``qm``/``qm_df``/``qm_pvalue`` is metafor's omnibus Wald test:
    of the moderators, or of the intercept when there are none; chi-square
    with ``qm_df = (m, nan)`` for ``test="z"``, F with ``(m, k - p)`` for "t".
    ``i2_levels`` and ``i2_total`` are in percent.
    """

    k: int
    estimate: float
    se: float
    statistic: float
    pvalue: float
    ci_lower: float
    ci_upper: float
    pi_lower: float
    pi_upper: float
    sigma2: tuple[float, ...]
    q: float
    q_df: int
    q_pvalue: float
    qm: float
    qm_df: tuple[float, float]
    qm_pvalue: float
    i2_total: float
    i2_levels: tuple[float, ...]
    coefficients: pd.DataFrame
    vcov: FloatArray
    loglik: float
    deviance: float
    aic: float
    bic: float
    aicc: float
    method: str
    test: str
    level: float
    df: float
    converged: bool
    iterations: int
    k_used: int
    k_total: int
    omitted: tuple[tuple[int, str], ...]
    group_names: tuple[str, ...]
    n_groups: tuple[int, ...]
    yi: FloatArray
    vi: FloatArray
    X: FloatArray
    group_codes: tuple[npt.NDArray[np.intp], ...]

    @property
    def p(self) -> int:
        """Number of coefficients."""
        return int(self.X.shape[1])

    def likelihood_ratio_test(self, drop: int) -> LikelihoodRatioTest:
        """Test variance component ``drop`` (0 = outermost) against zero.

        The reduced model is refitted with ``sigma2[drop]`` fixed at 0 and the
        others estimated by the same method, as metafor's
        ``anova(full, rma.mv(..., sigma2 = c(NA, 0)))``.
        """
        levels = len(self.sigma2)
        if (
            isinstance(drop, bool)
            or not isinstance(drop, int | np.integer)
            or not (0 <= drop < levels)
        ):
            raise StatsInputError(
                "stats.multilevel_bad_drop",
                argument="drop",
                function="likelihood_ratio_test",
                last=levels - 1,
                got=drop,
            )
        structure = build_structure(list(self.group_codes))
        o = structure.order
        fit = fit_components(
            structure, self.yi[o], self.vi[o], self.X[o], self.method == "REML", {int(drop): 0.0}
        )
        _warn_if_not_converged(fit, self.method)
        lrt = max(2.0 * (self.loglik - fit.evaluation.loglik), 0.0)
        return LikelihoodRatioTest(
            component=int(drop),
            statistic=lrt,
            df=1,
            pvalue=float(stats.chi2.sf(lrt, 1)),
            loglik_full=self.loglik,
            loglik_reduced=fit.evaluation.loglik,
        )

    def to_frame(self) -> pd.DataFrame:
        """Return the coefficient table (one row per term)."""
        return self.coefficients.copy()

    def to_dict(self) -> dict[str, Any]:
        """Return every result as JSON-ready plain values (NaN kept)."""
        coefs = coefficient_records(self.coefficients, COEF_COLUMNS)
        return {
            "k": self.k,
            "estimate": self.estimate,
            "se": self.se,
            "statistic": self.statistic,
            "pvalue": self.pvalue,
            "ci_lower": self.ci_lower,
            "ci_upper": self.ci_upper,
            "pi_lower": self.pi_lower,
            "pi_upper": self.pi_upper,
            "sigma2": list(self.sigma2),
            "q": self.q,
            "q_df": self.q_df,
            "q_pvalue": self.q_pvalue,
            "qm": self.qm,
            "qm_df": list(self.qm_df),
            "qm_pvalue": self.qm_pvalue,
            "i2_total": self.i2_total,
            "i2_levels": list(self.i2_levels),
            "coefficients": coefs,
            "loglik": self.loglik,
            "deviance": self.deviance,
            "aic": self.aic,
            "bic": self.bic,
            "aicc": self.aicc,
            "method": self.method,
            "test": self.test,
            "level": self.level,
            "df": self.df,
            "converged": self.converged,
            "iterations": self.iterations,
            "k_used": self.k_used,
            "k_total": self.k_total,
            "omitted": [[i, why] for i, why in self.omitted],
            "group_names": list(self.group_names),
            "n_groups": list(self.n_groups),
        }

    def summary(self, lang: str | None = None) -> str:
        """Return a metafor-like text summary of the fit in ``lang`` ("nl" or "en").

        Labels come from the catalogue; the coefficient table keeps the
        :attr:`coefficients` column names, and numbers a decimal point.
        """
        lines = [
            text("multilevel_head", lang, k=self.k, method=self.method),
            "",
            f"  logLik  deviance  AIC  BIC  AICc: {self.loglik:.4f}  {self.deviance:.4f}  "
            f"{self.aic:.4f}  {self.bic:.4f}  {self.aicc:.4f}",
            "",
            text("variance_components", lang),
            "",
            "            estim    sqrt  nlvls  I2(%)  factor",
        ]
        for i, (s2, n, i2, name) in enumerate(
            zip(self.sigma2, self.n_groups, self.i2_levels, self.group_names, strict=True)
        ):
            lines.append(
                f"sigma^2.{i + 1}  {s2:.4f}  {math.sqrt(s2):.4f}  {n:5d}  {i2:5.1f}  {name}"
            )
        lines += [
            text("total_i2", lang, value=f"{self.i2_total:.1f}"),
            "",
            f"{text('residual_heterogeneity', lang)} Q({self.q_df}) = {self.q:.4f}, "
            f"p = {self.q_pvalue:.4g}",
        ]
        dfs = ", ".join(f"{d:g}" for d in self.qm_df if not math.isnan(d))
        name = "F" if self.test == "t" else "QM"
        what = text("moderators_test" if self.p > 1 else "intercept_test", lang)
        lines.append(f"{what} {name}(df = {dfs}) = {self.qm:.4f}, p = {self.qm_pvalue:.4g}")
        lines += [
            "",
            text("model_results", lang),
            "",
            self.coefficients.to_string(float_format="%.4f"),
        ]
        if not math.isnan(self.pi_lower):
            interval = text(
                "prediction_plain", lang, lower=f"{self.pi_lower:.4f}", upper=f"{self.pi_upper:.4f}"
            )
            lines += ["", interval]
        if self.omitted:
            count = self.k_total - self.k_used
            lines += ["", text("omitted_rows", lang, count=count, total=self.k_total)]
        return "\n".join(lines)


def multilevel_meta_analysis(
    yi: Any,
    vi: Any,
    groups: Sequence[Any] | pd.DataFrame,
    moderators: Any = None,
    method: str = "REML",
    test: str = "z",
    level: float = 0.95,
) -> MultilevelResult:
    """Fit a multilevel random-effects model with nested random intercepts.

    Parameters
    ----------
    yi, vi : array_like, shape (k,)
        Effect sizes and their sampling variances.
    groups : sequence of array_like, each shape (k,), or DataFrame
        Grouping labels from outermost to innermost (a DataFrame's columns in
        that order), as metafor's
        ``random = ~ 1 | study/es_id`` (``[study, es_id]``) or
        ``~ 1 | district/school/es_id``. Inner labels need only be unique
        within their outer group.
    moderators : array_like, shape (k,) or (k, m), or DataFrame, optional
        Numeric moderators; an intercept is added. Rows with a missing
        moderator are left out (with a warning, and listed in ``omitted``).
    method : {"REML", "ML"}
        Restricted or full maximum likelihood.
    test : {"z", "t"}
        Normal or t inference; t uses ``k - p`` degrees of freedom, as rma.mv.
    level : float
        Confidence level for the confidence and prediction intervals.

    Returns
    -------
    MultilevelResult

    Notes
    -----
    Several effect sizes from one study are not independent; the three-level
    model splits the heterogeneity into variance between studies and within
    studies instead of treating dependent effects as independent (or throwing
    all but one away). The I2 per level follows metafor's documentation and
    Cheung (2014), with the typical within-study variance
    ``(k - p) / tr(P)``. Parity with metafor 3.8 ``rma.mv`` is tested on
    dat.konstantopoulos2011, dat.assink2016, dat.bornmann2007 and dat.crede2010.

    References
    ----------
    Konstantopoulos, S. (2011). Fixed effects and variance components
    estimation in three-level meta-analysis. *Research Synthesis Methods*, 2,
    61-76. Cheung, M. W.-L. (2014). Modeling dependent effect sizes with
    three-level meta-analyses. *Psychological Methods*, 19, 211-229.

    Examples
    --------
    >>> yi = [0.1, 0.3, 0.2, 0.6, 0.5, 0.7, -0.1, 0.0]
    >>> vi = [0.02, 0.03, 0.02, 0.04, 0.03, 0.02, 0.05, 0.04]
    >>> study = [1, 1, 2, 2, 3, 3, 4, 4]
    >>> es_id = [1, 2, 1, 2, 1, 2, 1, 2]
    >>> res = multilevel_meta_analysis(yi, vi, [study, es_id])
    >>> round(res.estimate, 3), [round(s, 4) for s in res.sigma2]
    (0.284, [0.0572, 0.0049])
    """
    method = check_option(method, "method", _FUNCTION, METHODS)
    test = check_option(test, "test", _FUNCTION, TESTS)
    level = check_level(level, _FUNCTION)
    y, v = effect_inputs(yi, vi, _FUNCTION)
    k_total = len(y)
    labels, names = _group_labels(groups, k_total)
    x, terms, missing = _design(moderators, k_total)
    omitted: tuple[tuple[int, str], ...] = ()
    if missing.any():
        warnings.warn(
            RowsOmittedWarning(
                message(
                    "stats.moderators_missing_rows",
                    function=_FUNCTION,
                    count=int(missing.sum()),
                    positions=", ".join(str(i) for i in positions(missing)),
                ),
                positions(missing),
            ),
            stacklevel=2,
        )
        omitted = tuple((i, "moderator missing") for i in positions(missing))
        keep = ~missing
        y, v, x = y[keep], v[keep], x[keep]
        labels = [lab[keep] for lab in labels]
    _check_rank(x, terms)
    codes = nest_codes(labels)
    structure = build_structure(codes)
    _check_levels(structure, names, len(y), x.shape[1])
    o = structure.order
    fit = fit_components(structure, y[o], v[o], x[o], method == "REML")
    _warn_if_not_converged(fit, method)
    return _assemble(
        fit, structure, y, v, x, terms, codes, names, method, test, level, k_total, omitted
    )


def _warn_if_not_converged(fit: FitResult, method: str) -> None:
    if not fit.converged:
        warnings.warn(
            message(
                "stats.multilevel_no_convergence",
                function=_FUNCTION,
                method=method,
                iterations=fit.iterations,
                cause=message(fit.cause),
            ),
            ConvergenceWarning,
            stacklevel=3,
        )


def _group_labels(
    groups: Sequence[Any] | pd.DataFrame, k: int
) -> tuple[list[npt.NDArray[np.object_]], tuple[str, ...]]:
    """Validate ``groups``: a list of 1-D label arrays of length k, no missing labels."""
    if isinstance(groups, pd.DataFrame):  # columns outermost first
        groups = [groups[c] for c in groups.columns]
    if (
        isinstance(groups, str | bytes | np.ndarray)
        or not isinstance(groups, Sequence)
        or (len(groups) == 0)
    ):
        if isinstance(groups, np.ndarray) and groups.ndim == 2 and groups.shape[0] > 0:
            groups = list(groups)
        else:
            raise StatsInputError(
                "stats.multilevel_no_groups",
                argument="groups",
                function=_FUNCTION,
                got=type(groups).__name__,
            )
    labels: list[npt.NDArray[np.object_]] = []
    names: list[str] = []
    for i, g in enumerate(groups):
        name = str(getattr(g, "name", None) or f"groups[{i}]")
        arr = np.asarray(g, dtype=object)
        if arr.ndim != 1:
            raise StatsInputError(
                "stats.not_1d", argument=f"groups[{i}]", function=_FUNCTION, shape=arr.shape
            )
        if len(arr) != k:
            raise StatsInputError(
                "stats.length_mismatch",
                argument=f"groups[{i}]",
                function=_FUNCTION,
                got=len(arr),
                other="yi",
                expected=k,
            )
        bad = np.array([_is_missing(x) for x in arr], dtype=bool)
        if bad.any():
            raise StatsInputError(
                "stats.multilevel_missing_label",
                argument=f"groups[{i}]",
                function=_FUNCTION,
                positions=positions(bad),
            )
        labels.append(arr)
        names.append(name)
    return labels, tuple(names)


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return False


def _design(moderators: Any, k: int) -> tuple[FloatArray, tuple[str, ...], npt.NDArray[np.bool_]]:
    """Return the model matrix (intercept first), term names and rows with a missing value."""
    if moderators is None:
        return np.ones((k, 1)), ("intercept",), np.zeros(k, dtype=bool)
    if isinstance(moderators, pd.Series):
        moderators = moderators.to_frame()
    if isinstance(moderators, pd.DataFrame):
        names = tuple(str(c) for c in moderators.columns)
        values = moderators.to_numpy()
    else:
        values = np.asarray(moderators, dtype=object)
        if values.ndim == 1:
            values = values.reshape(-1, 1)
        names = tuple(f"x{j + 1}" for j in range(values.shape[1]))
    if values.ndim != 2:
        raise StatsInputError(
            "stats.not_1d", argument="moderators", function=_FUNCTION, shape=values.shape
        )
    if values.shape[0] != k:
        raise StatsInputError(
            "stats.length_mismatch",
            argument="moderators",
            function=_FUNCTION,
            got=values.shape[0],
            other="yi",
            expected=k,
        )
    try:
        mods = np.asarray(
            [[np.nan if _is_missing(x) else float(x) for x in row] for row in values],
            dtype=np.float64,
        ).reshape(k, -1)
    except (TypeError, ValueError):
        bad = np.array(
            [any(not _is_missing(x) and not _is_float(x) for x in row) for row in values]
        )
        raise StatsInputError(
            "stats.non_numeric",
            argument="moderators",
            function=_FUNCTION,
            positions=positions(bad),
        ) from None
    missing: npt.NDArray[np.bool_] = np.asarray(~np.isfinite(mods).all(axis=1), dtype=bool)
    return np.column_stack([np.ones(k), mods]), ("intercept", *names), missing


def _is_float(value: object) -> bool:
    try:
        float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return True


def _check_rank(x: FloatArray, terms: tuple[str, ...]) -> None:
    """Raise naming the columns that make the model matrix singular."""
    if np.linalg.matrix_rank(x) == x.shape[1]:
        return
    kept: list[int] = []
    for j in range(x.shape[1]):
        if np.linalg.matrix_rank(x[:, [*kept, j]]) > len(kept):
            kept.append(j)
            continue
        # the smallest set of earlier columns that column j depends on
        coef = np.linalg.lstsq(x[:, kept], x[:, j], rcond=None)[0]
        involved = [terms[c] for c, b in zip(kept, coef, strict=True) if abs(b) > 1e-10]
        raise StatsInputError(
            "stats.singular_moderators",
            argument="moderators",
            function=_FUNCTION,
            columns=", ".join(repr(t) for t in [*involved, terms[j]]),
        )


def _check_levels(structure: NestedStructure, names: tuple[str, ...], k: int, p: int) -> None:
    """Raise when a variance component cannot be estimated from the groupings."""
    counts = structure.n_groups
    if counts[0] < 2:
        raise StatsInputError(
            "stats.multilevel_single_cluster", argument=names[0], function=_FUNCTION
        )
    for lev in range(len(counts) - 1):
        if counts[lev] == counts[lev + 1]:
            raise StatsInputError(
                "stats.multilevel_same_level",
                argument=names[lev],
                function=_FUNCTION,
                inner=names[lev + 1],
            )
    if k - p < 1:
        raise StatsInputError(
            "stats.too_few",
            argument="yi",
            function=_FUNCTION,
            minimum=p + 1,
            got=k,
            purpose="yi",
        )


def _assemble(
    fit: FitResult,
    structure: NestedStructure,
    y: FloatArray,
    v: FloatArray,
    x: FloatArray,
    terms: tuple[str, ...],
    codes: list[npt.NDArray[np.intp]],
    names: tuple[str, ...],
    method: str,
    test: str,
    level: float,
    k_total: int,
    omitted: tuple[tuple[int, str], ...],
) -> MultilevelResult:
    """Turn a fit into the public result: inference, Q, I2, fit statistics."""
    k, p = x.shape
    ev = fit.evaluation
    beta = ev.beta
    vb = ev.vb
    se = np.sqrt(np.diag(vb))
    stat = beta / se
    alpha = 1 - level
    df = float(k - p) if test == "t" else math.inf
    if test == "t":
        pval = 2 * stats.t.sf(np.abs(stat), df)
        crit = float(stats.t.isf(alpha / 2, df))
    else:
        pval = 2 * stats.norm.sf(np.abs(stat))
        crit = float(stats.norm.isf(alpha / 2))
    ci_lo, ci_hi = beta - crit * se, beta + crit * se
    coefficients = pd.DataFrame(
        {
            "estimate": beta,
            "se": se,
            "statistic": stat,
            "pvalue": pval,
            "ci_lower": ci_lo,
            "ci_upper": ci_hi,
        },
        index=pd.Index(list(terms), name="term"),
    )
    sigma2 = fit.sigma2
    # residual heterogeneity: fixed-effect (W = 1/vi) weighted residual sum of squares
    w = 1.0 / v
    xw = x * w[:, None]
    xwx_fe = x.T @ xw
    b_fe = np.linalg.solve(xwx_fe, xw.T @ y)
    q = float(np.sum(w * (y - x @ b_fe) ** 2))
    q_df = k - p
    q_p = float(stats.chi2.sf(q, q_df)) if q_df > 0 else math.nan
    # multilevel I2 with the typical within-study variance (k - p) / tr(P)
    tr_p = float(w.sum() - np.trace(np.linalg.solve(xwx_fe, (xw * w[:, None]).T @ x)))
    typical = (k - p) / tr_p
    total = float(sigma2.sum())
    i2_levels = tuple(float(100 * s / (total + typical)) for s in sigma2)
    i2_total = float(100 * total / (total + typical))
    # Wald test as metafor's QM: of the moderators, or of the intercept when there are none
    idx = slice(1, None) if p > 1 else slice(0, 1)
    b = beta[idx]
    m = len(b)
    qm = float(b @ np.linalg.solve(vb[idx, idx], b))
    if test == "t":
        qm /= m
        qm_df = (float(m), float(k - p))
        qm_p = float(stats.f.sf(qm, m, k - p))
    else:
        qm_df = (float(m), math.nan)
        qm_p = float(stats.chi2.sf(qm, m))
    if p > 1:
        pi_lo = pi_hi = math.nan
    else:
        pi_se = math.sqrt(float(se[0]) ** 2 + total)
        pi_lo, pi_hi = float(beta[0] - crit * pi_se), float(beta[0] + crit * pi_se)
    # fit statistics as metafor's fitstats(): parms = p + estimated components
    ll = ev.loglik
    parms = p + len(sigma2)
    n_eff = k - p if method == "REML" else k
    aic = -2 * ll + 2 * parms
    bic = -2 * ll + parms * math.log(n_eff)
    aicc = -2 * ll + 2 * parms * max(n_eff, parms + 2) / (max(n_eff, parms + 2) - parms - 1)
    dev = _deviance(ll, y, v, method)
    return MultilevelResult(
        k=k,
        estimate=float(beta[0]),
        se=float(se[0]),
        statistic=float(stat[0]),
        pvalue=float(pval[0]),
        ci_lower=float(ci_lo[0]),
        ci_upper=float(ci_hi[0]),
        pi_lower=pi_lo,
        pi_upper=pi_hi,
        sigma2=tuple(float(s) for s in sigma2),
        q=q,
        q_df=q_df,
        q_pvalue=q_p,
        qm=qm,
        qm_df=qm_df,
        qm_pvalue=qm_p,
        i2_total=i2_total,
        i2_levels=i2_levels,
        coefficients=coefficients,
        vcov=vb,
        loglik=ll,
        deviance=dev,
        aic=aic,
        bic=bic,
        aicc=aicc,
        method=method,
        test=test,
        level=level,
        df=df,
        converged=fit.converged,
        iterations=fit.iterations,
        k_used=k,
        k_total=k_total,
        omitted=omitted,
        group_names=names,
        n_groups=structure.n_groups,
        yi=y,
        vi=v,
        X=x,
        group_codes=tuple(codes),
    )


def _deviance(ll: float, y: FloatArray, v: FloatArray, method: str) -> float:
    """Deviance as metafor: -2 (ll - ll of the saturated model) for ML, -2 ll for REML."""
    if method == "REML":
        return -2 * ll
    ll_sat = -0.5 * len(y) * math.log(2 * math.pi) - 0.5 * float(np.log(v).sum())
    return -2 * (ll - ll_sat)
