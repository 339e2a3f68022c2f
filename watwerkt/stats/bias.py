"""Small-study effects and publication bias: funnel-plot asymmetry and fail-safe N.

Four classic checks of whether the pooled effect leans on small, positive
studies, each computed exactly as R's metafor 3.8 does:

- :func:`egger_test` — Egger's regression test and its limit estimate (``regtest()``);
- :func:`trim_and_fill` — Duval and Tweedie's trim-and-fill (``trimfill()``);
- :func:`rank_test` — Begg and Mazumdar's rank correlation test (``ranktest()``);
- :func:`fail_safe_n` — Rosenthal's, Orwin's and Rosenberg's fail-safe N (``fsn()``).

Arrays in, frozen result objects out; nothing is printed.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any, Final

import numpy as np
import numpy.typing as npt
import pandas as pd
from scipy import stats as sps

from watwerkt.errors import ConvergenceError, StatsInputError
from watwerkt.stats._summary import aligned, fmt_p, text
from watwerkt.stats._validation import (
    FloatArray,
    as_float_array,
    check_finite,
    check_level,
    check_option,
    check_same_length,
    effect_inputs,
)
from watwerkt.stats.pool import MetaResult, meta_analysis
from watwerkt.stats.regression import meta_regression
from watwerkt.stats.tau2 import FitControl

__all__ = [
    "EggerTestResult",
    "FailSafeNResult",
    "RankTestResult",
    "TrimFillResult",
    "egger_test",
    "fail_safe_n",
    "rank_test",
    "trim_and_fill",
]

#: Fail-safe N approaches, by the names metafor's ``fsn(type=)`` uses.
FSN_APPROACHES: Final[tuple[str, ...]] = ("Rosenthal", "Orwin", "Rosenberg")


def _too_few(function: str, k: int, minimum: int) -> None:
    if k < minimum:
        raise StatsInputError(
            "stats.bias.too_few", argument="yi", function=function, minimum=minimum, got=k
        )


# --------------------------------------------------------------------- rank test


@dataclass(frozen=True, slots=True)
class RankTestResult:
    """Begg and Mazumdar's rank correlation test for funnel-plot asymmetry.

    Attributes
    ----------
    statistic : float
        Kendall's tau between the standardized effects and their variances.
    pvalue : float
        Two-sided p-value of tau (exact when ``exact`` is true, else normal).
    exact : bool
        Whether the p-value is exact (no ties, and an exact p-value was asked for).
    k : int
        Number of studies.
    """

    statistic: float
    pvalue: float
    exact: bool
    k: int

    def to_dict(self) -> dict[str, Any]:
        """Return the result as a JSON-ready dictionary."""
        return asdict(self)

    def summary(self, lang: str | None = None) -> str:
        """Return a metafor-like summary of the test in ``lang`` ("nl" or "en")."""
        kind = text("exact" if self.exact else "normal_approximation", lang)
        line = text(
            "rank_line",
            lang,
            tau=f"{self.statistic:.4f}",
            p=fmt_p(self.pvalue),
            kind=kind,
            k=self.k,
        )
        return f"{text('rank_head', lang)}\n\n{line}"


def rank_test(yi: Any, vi: Any, *, exact: bool = True) -> RankTestResult:
    r"""Test funnel-plot asymmetry by the rank correlation of effects and variances.

    Parameters
    ----------
    yi, vi : array_like, shape (k,)
        Effect sizes and their sampling variances.
    exact : bool, default True
        Use the exact null distribution of Kendall's tau when there are no ties
        (as metafor's ``ranktest()``, which calls ``cor.test(exact = TRUE)``);
        with ties, or with ``exact=False``, the normal approximation with the tie
        correction is used.

    Returns
    -------
    RankTestResult
        Kendall's tau (``statistic``) and its two-sided p-value.

    Raises
    ------
    StatsInputError
        Fewer than 3 studies, bad arrays, or all standardized effects (or all
        variances) equal, so that tau is undefined.

    Notes
    -----
    Each effect is standardized against the fixed-effect estimate,
    :math:`(y_i - \hat\theta) / \sqrt{v_i - 1/\sum w_j}`, and correlated with
    :math:`v_i`. A correlation means that precision and effect go together, as
    when small negative studies are missing. The test does not depend on a
    τ² estimator, which is why it takes no ``method``. It has low power with
    few studies (Begg & Mazumdar, 1994).

    References
    ----------
    Begg, C. B., & Mazumdar, M. (1994). Operating characteristics of a rank
    correlation test for publication bias. *Biometrics, 50*(4), 1088-1101.

    Examples
    --------
    >>> res = rank_test([0.1, 0.3, 0.35, 0.6, 0.8], [0.01, 0.02, 0.04, 0.08, 0.1])
    >>> round(res.statistic, 3), round(res.pvalue, 4)
    (1.0, 0.0167)
    """
    function = "rank_test"
    y, v = effect_inputs(yi, vi, function)
    k = len(y)
    _too_few(function, k, 3)
    w = 1.0 / v
    theta = float(np.sum(w * y) / np.sum(w))
    vb = 1.0 / float(np.sum(w))
    ystar = (y - theta) / np.sqrt(v - vb)
    if np.unique(ystar).size == 1 or np.unique(v).size == 1:
        raise StatsInputError("stats.bias.constant_ranks", argument="yi", function=function)
    ties = min(np.unique(ystar).size, np.unique(v).size) < k
    use_exact = bool(exact) and not ties
    res = sps.kendalltau(ystar, v, method="exact" if use_exact else "asymptotic")
    return RankTestResult(
        statistic=float(res.statistic), pvalue=float(res.pvalue), exact=use_exact, k=k
    )


# ------------------------------------------------------------------ fail-safe N


@dataclass(frozen=True, slots=True)
class FailSafeNResult:
    """Fail-safe N: how many unpublished null studies would overturn the result.

    Attributes
    ----------
    approach : str
        ``"Rosenthal"``, ``"Orwin"`` or ``"Rosenberg"``.
    n : int
        The fail-safe N.
    alpha : float
        Significance level the N refers to (Rosenthal, Rosenberg).
    pvalue : float
        P-value of the observed studies combined: one-sided Stouffer (Rosenthal),
        two-sided fixed-effect z-test (Rosenberg); NaN for Orwin.
    mean_effect : float
        Mean effect (Orwin: unweighted or inverse-variance weighted; Rosenberg:
        the fixed-effect estimate); NaN for Rosenthal.
    target : float
        Orwin's target effect; NaN otherwise.
    k : int
        Number of studies.
    """

    approach: str
    n: int
    alpha: float
    pvalue: float
    mean_effect: float
    target: float
    k: int

    def to_dict(self) -> dict[str, Any]:
        """Return the result as a JSON-ready dictionary."""
        return asdict(self)

    def summary(self, lang: str | None = None) -> str:
        """Return a metafor-like summary of the fail-safe N in ``lang`` ("nl" or "en")."""
        lines = [text("failsafe_head", lang, approach=self.approach), ""]
        rows: list[tuple[str, str]] = []
        if self.approach == "Orwin":
            rows += [
                (text("average_effect", lang), f"{self.mean_effect:.4f}"),
                (text("target_effect", lang), f"{self.target:.4f}"),
            ]
        else:
            if self.approach == "Rosenberg":
                rows.append((text("average_effect", lang), f"{self.mean_effect:.4f}"))
            rows += [
                (text("observed_alpha", lang), fmt_p(self.pvalue)),
                (text("target_alpha", lang), f"{self.alpha:g}"),
            ]
        lines += [*aligned(rows), "", text("failsafe_n", lang, n=self.n)]
        return "\n".join(lines)


def _round_fsn(value: float) -> int:
    """Round as metafor: up, unless within sqrt(machine epsilon) of a whole number."""
    if abs(value - round(value)) >= math.sqrt(np.finfo(float).eps):
        return math.ceil(value)
    return round(value)


def fail_safe_n(
    yi: Any,
    vi: Any,
    approach: str = "Rosenthal",
    alpha: float = 0.05,
    *,
    target: float | None = None,
    weighted: bool = False,
) -> FailSafeNResult:
    r"""Compute the fail-safe N (file-drawer number) of a set of studies.

    Parameters
    ----------
    yi, vi : array_like, shape (k,)
        Effect sizes and their sampling variances.
    approach : {"Rosenthal", "Orwin", "Rosenberg"}, default "Rosenthal"
        Rosenthal: null studies needed to make Stouffer's combined one-sided
        p-value reach ``alpha``. Orwin: null studies needed to shrink the mean
        effect to ``target``. Rosenberg: null studies needed to make the
        fixed-effect estimate non-significant at ``alpha`` (two-sided).
    alpha : float, default 0.05
        Significance level (Rosenthal, Rosenberg).
    target : float, optional
        Orwin's target effect; default half the mean effect. Must not be 0.
    weighted : bool, default False
        Orwin: use the inverse-variance weighted mean instead of the plain mean.

    Returns
    -------
    FailSafeNResult
        The fail-safe N, rounded up as metafor's ``fsn()`` does.

    Raises
    ------
    StatsInputError
        Bad arrays, an unknown ``approach``, ``alpha`` outside (0, 1), or a zero
        ``target``.

    Notes
    -----
    The fail-safe N is easy to explain ("it would take 598 unpublished null
    studies") but ignores heterogeneity and what is already known about the
    missing studies, so it supplements, never replaces, a funnel-plot test and
    trim-and-fill. Rosenthal's N uses Stouffer's method
    (:math:`\sum z_i / \sqrt{k}` with :math:`z_i = y_i/\sqrt{v_i}`). None of
    the three approaches estimates τ², so there is no ``method`` argument
    (as in metafor's ``fsn()``).

    References
    ----------
    Rosenthal, R. (1979). The file drawer problem and tolerance for null results.
    *Psychological Bulletin, 86*(3), 638-641.
    Orwin, R. G. (1983). A fail-safe N for effect size in meta-analysis.
    *Journal of Educational Statistics, 8*(2), 157-159.
    Rosenberg, M. S. (2005). The file-drawer problem revisited. *Evolution,
    59*(2), 464-468.

    Examples
    --------
    >>> res = fail_safe_n([0.2, 0.3, 0.5, 0.4], [0.01, 0.02, 0.04, 0.02])
    >>> res.n, f"{res.pvalue:.2e}"
    (30, '1.15e-06')
    """
    function = "fail_safe_n"
    y, v = effect_inputs(yi, vi, function)
    approach = check_option(approach, "approach", function, FSN_APPROACHES)
    alpha_ = float(alpha)
    if not 0 < alpha_ < 1:
        raise StatsInputError("stats.bad_level", argument="alpha", function=function, got=alpha)
    k = len(y)
    nan = float("nan")
    if approach == "Rosenthal":
        z_avg = abs(float(np.sum(y / np.sqrt(v)))) / math.sqrt(k)
        pvalue = float(sps.norm.sf(z_avg))
        value = max(0.0, k * (z_avg / float(sps.norm.isf(alpha_))) ** 2 - k)
        return FailSafeNResult(approach, _round_fsn(value), alpha_, pvalue, nan, nan, k)
    if approach == "Orwin":
        mean = float(np.sum(y / v) / np.sum(1 / v)) if weighted else float(np.mean(y))
        goal = mean / 2 if target is None else float(target)
        if goal == 0:
            raise StatsInputError("stats.bias.zero_target", argument="target", function=function)
        if np.sign(goal) != np.sign(mean):
            goal = -goal
        value = max(0.0, k * (mean - goal) / goal)
        return FailSafeNResult(approach, _round_fsn(value), alpha_, nan, mean, goal, k)
    # Rosenberg
    w: FloatArray = 1.0 / v
    sw = float(np.sum(w))
    mean = float(np.sum(w * y)) / sw
    pvalue = float(2 * sps.norm.sf(abs(mean * math.sqrt(sw))))
    wp = (float(np.sum(w * y)) / float(sps.norm.isf(alpha_ / 2))) ** 2 - sw
    value = max(0.0, k * wp / sw)
    return FailSafeNResult(approach, _round_fsn(value), alpha_, pvalue, mean, nan, k)


# ------------------------------------------------------------------ Egger's test

#: Predictors of the regression test, by metafor's ``regtest(predictor=)`` names.
EGGER_PREDICTORS: Final[tuple[str, ...]] = ("sei", "vi", "ni", "ninv", "sqrtni", "sqrtninv")
#: Regression models: mixed-effects meta-regression ("rma") or weighted least squares ("lm").
EGGER_MODELS: Final[tuple[str, ...]] = ("rma", "lm")
#: Predictors whose intercept is the effect of an infinitely precise study.
_LIMIT_PREDICTORS: Final = frozenset({"sei", "vi", "ninv", "sqrtninv"})
#: Tests with a t-distribution on k - p degrees of freedom.
_T_TESTS: Final = frozenset({"knha", "t"})


@dataclass(frozen=True, slots=True)
class EggerTestResult:
    """Egger's regression test for funnel-plot asymmetry (metafor's ``regtest()``).

    Attributes
    ----------
    statistic : float
        Test statistic (z, or t for ``test="knha"`` and ``model="lm"``) of the
        predictor's coefficient.
    pvalue : float
        Two-sided p-value of the statistic.
    df : float
        Degrees of freedom of a t statistic; NaN for z.
    limit_estimate, limit_ci_lower, limit_ci_upper : float
        The intercept, i.e. the estimated effect of a study with infinite
        precision, and its confidence interval; NaN for the predictors ``"ni"``
        and ``"sqrtni"``, whose intercept has no such meaning.
    slope, slope_se : float
        Coefficient of the predictor and its standard error.
    tau2 : float
        Residual τ² of the regression model (NaN for ``model="lm"``).
    model, predictor : str
        As given.
    method : str or None
        τ² estimator (None for ``model="lm"``).
    test : str
        ``"z"``/``"knha"``/… for ``model="rma"``, ``"t"`` for ``model="lm"``.
    level : float
        Confidence level of the limit estimate's interval.
    k : int
        Number of studies.
    """

    statistic: float
    pvalue: float
    df: float
    limit_estimate: float
    limit_ci_lower: float
    limit_ci_upper: float
    slope: float
    slope_se: float
    tau2: float
    model: str
    predictor: str
    method: str | None
    test: str
    level: float
    k: int

    def to_dict(self) -> dict[str, Any]:
        """Return the result as a JSON-ready dictionary."""
        return asdict(self)

    def summary(self, lang: str | None = None) -> str:
        """Return a metafor-like summary of the test in ``lang`` ("nl" or "en")."""
        if self.model == "lm":
            kind = text("regtest_lm", lang)
        else:
            kind = text("regtest_rma", lang, method=self.method)
        stat = "z" if math.isnan(self.df) else f"t({self.df:g})"
        lines = [
            text("regtest_head", lang),
            "",
            *aligned(
                [(text("label_model", lang), kind), (text("label_predictor", lang), self.predictor)]
            ),
            "",
            text(
                "regtest_line",
                lang,
                stat=stat,
                value=f"{self.statistic:.4f}",
                p=fmt_p(self.pvalue),
            ),
        ]
        if not math.isnan(self.limit_estimate):
            lines.append(
                text(
                    "limit_line",
                    lang,
                    predictor=self.predictor,
                    b=f"{self.limit_estimate:.4f}",
                    lower=f"{self.limit_ci_lower:.4f}",
                    upper=f"{self.limit_ci_upper:.4f}",
                )
            )
        return "\n".join(lines)


def egger_test(
    yi: Any,
    vi: Any,
    method: str = "REML",
    test: str = "z",
    level: float = 0.95,
    *,
    predictor: str = "sei",
    model: str = "rma",
    ni: Any = None,
    control: FitControl | None = None,
) -> EggerTestResult:
    r"""Test funnel-plot asymmetry by regressing the effects on their precision.

    Parameters
    ----------
    yi, vi : array_like, shape (k,)
        Effect sizes and their sampling variances.
    method, test, level, control
        As for :func:`~watwerkt.stats.regression.meta_regression` (used when
        ``model="rma"``).
    predictor : {"sei", "vi", "ni", "ninv", "sqrtni", "sqrtninv"}, default "sei"
        The study-size measure regressed on: standard error (Egger's test),
        variance, sample size, its inverse, its square root or the inverse of
        that (the last four need ``ni``).
    model : {"rma", "lm"}, default "rma"
        ``"rma"``: mixed-effects meta-regression with ``method`` (metafor's
        default). ``"lm"``: weighted least squares with weights 1/vi and a
        multiplicative dispersion term (Egger et al.'s original test).
    ni : array_like, shape (k,), optional
        Total sample size of each study, for the sample-size predictors.

    Returns
    -------
    EggerTestResult
        The test of the predictor's coefficient and the limit estimate.

    Raises
    ------
    StatsInputError
        Fewer than 3 studies, bad arrays or options, missing ``ni`` for a
        sample-size predictor, or a predictor that is the same for every study.

    Notes
    -----
    Without small-study effects the effects do not depend on their precision,
    so a non-zero slope signals funnel-plot asymmetry, e.g. from selective
    publication of small positive studies. The intercept (for ``"sei"``,
    ``"vi"``, ``"ninv"`` and ``"sqrtninv"``) estimates the effect of an
    infinitely large study: the "limit estimate" (PET for ``"sei"``, PEESE for
    ``"vi"``). Like every asymmetry test it has little power with few studies
    and cannot tell publication bias from true heterogeneity related to size.

    References
    ----------
    Egger, M., Davey Smith, G., Schneider, M., & Minder, C. (1997). Bias in
    meta-analysis detected by a simple, graphical test. *BMJ, 315*(7109), 629-634.
    Sterne, J. A. C., & Egger, M. (2005). Regression methods to detect
    publication and other bias in meta-analysis. In H. R. Rothstein et al.
    (Eds.), *Publication bias in meta-analysis* (pp. 99-110). Wiley.

    Examples
    --------
    >>> res = egger_test([0.1, 0.3, 0.35, 0.6, 0.8], [0.01, 0.02, 0.04, 0.08, 0.1],
    ...                  method="FE")
    >>> round(res.statistic, 3), round(res.pvalue, 4), round(res.limit_estimate, 3)
    (2.61, 0.009, -0.173)
    """
    function = "egger_test"
    y, v = effect_inputs(yi, vi, function)
    predictor = check_option(predictor, "predictor", function, EGGER_PREDICTORS)
    model = check_option(model, "model", function, EGGER_MODELS)
    level = check_level(level, function)
    k = len(y)
    _too_few(function, k, 3)
    x = _egger_predictor(predictor, v, ni, function)
    if np.ptp(x) == 0:
        raise StatsInputError(
            "stats.bias.constant_predictor",
            argument="predictor",
            function=function,
            predictor=predictor,
        )
    limit = predictor in _LIMIT_PREDICTORS
    nan = float("nan")
    if model == "lm":
        return _egger_lm(y, v, x, predictor, level, limit)
    reg = meta_regression(y, v, pd.DataFrame({predictor: x}), method, test, level, control=control)
    coefs = reg.coefficients
    intercept, slope = coefs.iloc[0], coefs.iloc[1]
    return EggerTestResult(
        statistic=float(slope["statistic"]),
        pvalue=float(slope["pvalue"]),
        df=float(k - 2) if test in _T_TESTS else nan,
        limit_estimate=float(intercept["estimate"]) if limit else nan,
        limit_ci_lower=float(intercept["ci_lower"]) if limit else nan,
        limit_ci_upper=float(intercept["ci_upper"]) if limit else nan,
        slope=float(slope["estimate"]),
        slope_se=float(slope["se"]),
        tau2=float(reg.tau2),
        model=model,
        predictor=predictor,
        method=method,
        test=test,
        level=level,
        k=k,
    )


def _egger_predictor(predictor: str, v: FloatArray, ni: Any, function: str) -> FloatArray:
    if predictor == "sei":
        return np.sqrt(v)
    if predictor == "vi":
        return v
    if ni is None:
        raise StatsInputError(
            "stats.bias.no_sample_sizes", argument="ni", function=function, predictor=predictor
        )
    n = as_float_array(ni, "ni", function)
    check_same_length(function, yi=v, ni=n)
    check_finite(n, "ni", function)
    bad = n <= 0
    if bad.any():
        raise StatsInputError(
            "stats.nonpositive_variance",  # same rule: strictly positive values
            argument="ni",
            function=function,
            positions=tuple(int(i) for i in np.flatnonzero(bad)),
        )
    transforms = {"ni": n, "ninv": 1 / n, "sqrtni": np.sqrt(n), "sqrtninv": 1 / np.sqrt(n)}
    return transforms[predictor]


def _egger_lm(
    y: FloatArray, v: FloatArray, x: FloatArray, predictor: str, level: float, limit: bool
) -> EggerTestResult:
    """Weighted least squares with weights 1/vi, as R's ``lm(yi ~ x, weights = 1/vi)``."""
    from statsmodels.regression.linear_model import WLS  # heavy import, only here

    k = len(y)
    fit = WLS(y, np.column_stack([np.ones(k), x]), weights=1 / v).fit()
    ci = np.asarray(fit.conf_int(alpha=1 - level))
    nan = float("nan")
    return EggerTestResult(
        statistic=float(fit.tvalues[1]),
        pvalue=float(fit.pvalues[1]),
        df=float(fit.df_resid),
        limit_estimate=float(fit.params[0]) if limit else nan,
        limit_ci_lower=float(ci[0, 0]) if limit else nan,
        limit_ci_upper=float(ci[0, 1]) if limit else nan,
        slope=float(fit.params[1]),
        slope_se=float(fit.bse[1]),
        tau2=nan,
        model="lm",
        predictor=predictor,
        method=None,
        test="t",
        level=level,
        k=k,
    )


# ---------------------------------------------------------------- trim and fill

#: Estimators of the number of missing studies (Duval & Tweedie, 2000).
TRIMFILL_ESTIMATORS: Final[tuple[str, ...]] = ("L0", "R0", "Q0")
#: Sides on which studies may be missing.
TRIMFILL_SIDES: Final[tuple[str, ...]] = ("left", "right")


@dataclass(frozen=True, slots=True)
class TrimFillResult:
    """Duval and Tweedie's trim-and-fill (metafor's ``trimfill()``).

    Attributes
    ----------
    k0 : int
        Estimated number of missing studies.
    se_k0 : float
        Standard error of ``k0`` (as metafor computes it for the estimator).
    p_k0 : float
        P-value of the test of k0 = 0 (estimator R0 only; NaN otherwise).
    side : str
        Side of the funnel plot on which studies were imputed.
    estimator : str
        ``"L0"``, ``"R0"`` or ``"Q0"``.
    estimate, se, statistic, pvalue, ci_lower, ci_upper, tau2 : float
        The pooled result of the filled data (observed + imputed studies).
    filled : MetaResult
        The full meta-analysis of the filled data (the original fit when k0 = 0).
    yi, vi : numpy.ndarray, shape (k + k0,)
        Filled data: the observed studies in input order, then the imputed ones.
    fill : numpy.ndarray of bool, shape (k + k0,)
        True for the imputed studies.
    k : int
        Number of observed studies.
    method : str
        τ² estimator, used for every fit.
    iterations : int
        Iterations of the trim-and-fill algorithm.
    """

    k0: int
    se_k0: float
    p_k0: float
    side: str
    estimator: str
    estimate: float
    se: float
    statistic: float
    pvalue: float
    ci_lower: float
    ci_upper: float
    tau2: float
    filled: MetaResult
    yi: FloatArray
    vi: FloatArray
    fill: npt.NDArray[np.bool_]
    k: int
    method: str
    iterations: int

    def to_dict(self) -> dict[str, Any]:
        """Return the result as a JSON-ready dictionary (the filled model nested)."""
        out: dict[str, Any] = {}
        for name in self.__slots__:
            value = getattr(self, name)
            if name == "filled":
                value = value.to_dict()
            elif isinstance(value, np.ndarray):
                value = value.tolist()
            out[name] = value
        return out

    def to_frame(self) -> pd.DataFrame:
        """Return the filled data, one row per study, with the ``fill`` flag."""
        return pd.DataFrame({"yi": self.yi, "vi": self.vi, "fill": self.fill})

    def summary(self, lang: str | None = None) -> str:
        """Return a metafor-like summary of the trim-and-fill analysis in ``lang``."""
        side = text("side_left" if self.side == "left" else "side_right", lang)
        return "\n".join(
            [
                text("trimfill_missing", lang, side=side, k0=self.k0, se=f"{self.se_k0:.4f}"),
                "",
                text("filled_model", lang, method=self.method, k=self.k + self.k0),
                text(
                    "filled_line",
                    lang,
                    estimate=f"{self.estimate:.4f}",
                    se=f"{self.se:.4f}",
                    z=f"{self.statistic:.4f}",
                    p=fmt_p(self.pvalue),
                    lower=f"{self.ci_lower:.4f}",
                    upper=f"{self.ci_upper:.4f}",
                    tau2=f"{self.tau2:.4f}",
                ),
            ]
        )


def trim_and_fill(
    yi: Any,
    vi: Any,
    method: str = "REML",
    level: float = 0.95,
    *,
    side: str | None = None,
    estimator: str = "L0",
    maxiter: int = 100,
    control: FitControl | None = None,
) -> TrimFillResult:
    """Estimate and impute studies missing from one side of the funnel plot.

    Parameters
    ----------
    yi, vi : array_like, shape (k,)
        Effect sizes and their sampling variances.
    method, level, control
        As for :func:`~watwerkt.stats.pool.meta_analysis`; every fit uses them
        (with the z-test, as metafor's ``trimfill()``).
    side : {"left", "right"}, optional
        Side on which studies are missing. Default: chosen as metafor does, from
        the sign of the slope in a meta-regression of yi on √vi (a positive slope
        means small studies lean right, so studies are missing on the left).
    estimator : {"L0", "R0", "Q0"}, default "L0"
        Estimator of the number of missing studies.
    maxiter : int, default 100
        Maximum number of trim-and-fill iterations.

    Returns
    -------
    TrimFillResult
        k0, its standard error, the side, the filled data and the pooled result
        of the filled data.

    Raises
    ------
    StatsInputError
        Fewer than 3 studies, bad arrays or options, or Q0 undefined for the data.
    ConvergenceError
        The number of missing studies did not settle within ``maxiter`` iterations.

    Notes
    -----
    The algorithm repeatedly trims the k0 most extreme studies on the long side,
    re-pools the rest and re-estimates k0 from the signed ranks of the centred
    effects until k0 is stable; it then mirrors the trimmed studies around the
    last estimate and pools the observed and imputed studies. The filled
    estimate is a sensitivity analysis, not a corrected effect: asymmetry can
    have causes other than publication bias.

    References
    ----------
    Duval, S., & Tweedie, R. (2000). Trim and fill: A simple funnel-plot-based
    method of testing and adjusting for publication bias in meta-analysis.
    *Biometrics, 56*(2), 455-463.

    Examples
    --------
    >>> res = trim_and_fill([0.1, 0.3, 0.35, 0.6, 0.8, 0.7],
    ...                     [0.01, 0.02, 0.04, 0.08, 0.1, 0.12], method="FE")
    >>> res.k0, res.side, round(res.estimate, 3)
    (3, 'left', 0.193)
    """
    function = "trim_and_fill"
    y, v = effect_inputs(yi, vi, function)
    level = check_level(level, function)
    estimator = check_option(estimator, "estimator", function, TRIMFILL_ESTIMATORS)
    k = len(y)
    _too_few(function, k, 3)
    if side is None:
        reg = meta_regression(y, v, pd.DataFrame({"sei": np.sqrt(v)}), method, control=control)
        side = "right" if float(reg.coefficients["estimate"].iloc[1]) < 0 else "left"
    else:
        side = check_option(side, "side", function, TRIMFILL_SIDES)

    sign = -1.0 if side == "right" else 1.0
    order = np.argsort(sign * y, kind="stable")
    ys, vs = sign * y[order], v[order]
    k0, k0_prev, iterations = 0, -1, 0
    se_k0 = beta = float("nan")
    while k0 != k0_prev:
        k0_prev = k0
        iterations += 1
        if iterations > maxiter:
            raise ConvergenceError(
                "stats.bias.trimfill_no_convergence", function=function, iterations=maxiter
            )
        beta = meta_analysis(ys[: k - k0], vs[: k - k0], method, control=control).estimate
        k0_raw, se_raw = _missing_studies(ys - beta, estimator, function)
        k0 = max(0, round(k0_raw))
        se_k0 = se_raw if math.isnan(se_raw) else max(0.0, se_raw)

    if k0 > 0:
        imputed = sign * (2 * beta - ys[k - k0 :])
        yi_f = np.concatenate([y, imputed])
        vi_f = np.concatenate([v, vs[k - k0 :]])
    else:
        yi_f, vi_f = y.copy(), v.copy()
    fill = np.arange(k + k0) >= k
    filled = meta_analysis(yi_f, vi_f, method, "z", level, control=control)
    p_k0 = 1 - sum(0.5 ** (m + 2) for m in range(-1, k0)) if estimator == "R0" else float("nan")
    return TrimFillResult(
        k0=k0,
        se_k0=float(se_k0),
        p_k0=float(p_k0),
        side=side,
        estimator=estimator,
        estimate=filled.estimate,
        se=filled.se,
        statistic=filled.statistic,
        pvalue=filled.pvalue,
        ci_lower=filled.ci_lower,
        ci_upper=filled.ci_upper,
        tau2=filled.tau2,
        filled=filled,
        yi=yi_f,
        vi=vi_f,
        fill=fill,
        k=k,
        method=method,
        iterations=iterations,
    )


def _missing_studies(centred: FloatArray, estimator: str, function: str) -> tuple[float, float]:
    """Return (k0, se of k0) from the effects centred on the trimmed estimate."""
    k = len(centred)
    ranks = sps.rankdata(np.abs(centred), method="ordinal")  # R: ties.method = "first"
    signed = np.sign(centred) * ranks
    if estimator == "R0":
        k0 = (k - float(np.max(-signed[signed < 0], initial=0))) - 1
        return k0, math.sqrt(2 * max(0.0, k0) + 2)
    s_r = float(np.sum(signed[signed > 0]))
    if estimator == "L0":
        k0 = (4 * s_r - k * (k + 1)) / (2 * k - 1)
    else:  # Q0
        radicand = 2 * k**2 - 4 * s_r + 0.25
        if radicand < 0:
            raise StatsInputError(
                "stats.bias.q0_undefined", argument="estimator", function=function
            )
        k0 = k - 0.5 - math.sqrt(radicand)
    var_sr = (
        k * (k + 1) * (2 * k + 1)
        + 10 * k0**3
        + 27 * k0**2
        + 17 * k0
        - 18 * k * k0**2
        - 18 * k * k0
        + 6 * k**2 * k0
    ) / 24
    if estimator == "L0":
        return k0, 4 * _sqrt(var_sr) / (2 * k - 1)
    return k0, 2 * _sqrt(var_sr) / _sqrt((k - 0.5) ** 2 - k0 * (2 * k - k0 - 1))


def _sqrt(x: float) -> float:
    """Square root that gives NaN for a negative number, as R's sqrt() does."""
    return math.sqrt(x) if x >= 0 else float("nan")
