"""Small-study effects and publication bias: funnel-plot asymmetry and fail-safe N.

Four classic checks of whether the pooled effect leans on small, positive
studies, each computed exactly as R's metafor 3.8 does:

- :func:`rank_test` — Begg and Mazumdar's rank correlation test (``ranktest()``);
- :func:`fail_safe_n` — Rosenthal's, Orwin's and Rosenberg's fail-safe N (``fsn()``).

Arrays in, frozen result objects out; nothing is printed.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any, Final

import numpy as np
from scipy import stats as sps

from watwerkt.errors import StatsInputError
from watwerkt.stats._validation import FloatArray, check_option, effect_inputs

__all__ = [
    "FailSafeNResult",
    "RankTestResult",
    "fail_safe_n",
    "rank_test",
]

#: Fail-safe N approaches, by the names metafor's ``fsn(type=)`` uses.
FSN_APPROACHES: Final[tuple[str, ...]] = ("Rosenthal", "Orwin", "Rosenberg")


def _too_few(function: str, k: int, minimum: int) -> None:
    if k < minimum:
        raise StatsInputError(
            "stats.bias.too_few", argument="yi", function=function, minimum=minimum, got=k
        )


def _fmt_p(p: float) -> str:
    return "<.0001" if p < 1e-4 else f"{p:.4f}"


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

    def summary(self) -> str:
        """Return a metafor-like summary of the test."""
        kind = "exact" if self.exact else "normal approximation"
        return (
            "Rank Correlation Test for Funnel Plot Asymmetry\n\n"
            f"Kendall's tau = {self.statistic:.4f}, p = {_fmt_p(self.pvalue)} ({kind}, "
            f"k = {self.k})"
        )


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

    def summary(self) -> str:
        """Return a metafor-like summary of the fail-safe N."""
        lines = [f"Fail-safe N Calculation Using the {self.approach} Approach", ""]
        if self.approach == "Orwin":
            lines += [
                f"Average Effect Size: {self.mean_effect:.4f}",
                f"Target Effect Size:  {self.target:.4f}",
            ]
        else:
            if self.approach == "Rosenberg":
                lines.append(f"Average Effect Size:        {self.mean_effect:.4f}")
            lines += [
                f"Observed Significance Level: {_fmt_p(self.pvalue)}",
                f"Target Significance Level:   {self.alpha:g}",
            ]
        lines += ["", f"Fail-safe N: {self.n}"]
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
    (:math:`\sum z_i / \sqrt{k}` with :math:`z_i = y_i/\sqrt{v_i}`).

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
