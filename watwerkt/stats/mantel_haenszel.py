"""Mantel–Haenszel and Peto pooling of 2x2 tables, as metafor's ``rma.mh`` and ``rma.peto``.

Both are equal-effects methods that work on the tables themselves rather than
on ``yi``/``vi``, so sparse data (small trials, rare events, zero cells) need
no continuity correction for the pooled estimate. The heterogeneity test uses
the study-level ``yi``/``vi`` (with metafor's correction ``add=1/2,
to="only0", drop00=True``) as metafor does.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import asdict, dataclass
from typing import Any, Final

import numpy as np
import pandas as pd
from scipy import stats

from watwerkt.errors import StatsInputError
from watwerkt.messages import message
from watwerkt.stats._summary import aligned, text
from watwerkt.stats._validation import (
    FloatArray,
    as_float_array,
    check_level,
    check_not_empty,
    check_option,
    check_same_length,
    positions,
)
from watwerkt.stats.effect_sizes import binary
from watwerkt.stats.effect_sizes._common import TO_CHOICES, Options, errstate

__all__ = ["MantelHaenszelResult", "PetoResult", "mantel_haenszel", "peto"]

_MEASURES: Final = ("OR", "RR", "RD")


@dataclass(frozen=True, slots=True)
class MantelHaenszelResult:
    """Result of :func:`mantel_haenszel` (metafor's ``rma.mh``).

    ``estimate``, ``se``, ``ci_lower`` and ``ci_upper`` are on the log scale for
    OR and RR (``*_exp`` give the ratio); for RD they are risk differences and
    the ``*_exp`` fields are NaN. ``k_used`` tables entered the estimate;
    ``omitted`` lists the 0-based positions of tables left out for missing
    cells, ``omitted_q`` those without computable ``yi``/``vi`` (e.g.
    double-zero tables), which only leave the heterogeneity test
    (``q_df = k_q - 1``). ``cmh`` (continuity-corrected unless
    ``correct=False``) and the Tarone test exist for OR only (NaN otherwise).
    """

    measure: str
    level: float
    k_total: int
    k_used: int
    omitted: tuple[int, ...]
    k_q: int
    omitted_q: tuple[int, ...]
    estimate: float
    se: float
    statistic: float
    pvalue: float
    ci_lower: float
    ci_upper: float
    estimate_exp: float
    ci_lower_exp: float
    ci_upper_exp: float
    q: float
    q_df: int
    q_pvalue: float
    i2: float
    h2: float
    cmh: float
    cmh_pvalue: float
    tarone: float
    tarone_df: int
    tarone_pvalue: float

    @property
    def k(self) -> int:
        """Number of tables in the estimate (metafor's ``k``)."""
        return self.k_used

    def to_dict(self) -> dict[str, Any]:
        """Return the fields as JSON-ready Python values (NaN kept)."""
        return _plain({"k": self.k_used, **asdict(self)})

    def to_frame(self) -> pd.DataFrame:
        """Return the pooled estimate as a one-row table."""
        return _frame(self.to_dict())

    def summary(self, lang: str | None = None) -> str:
        """Return a metafor-like printout in ``lang`` ("nl" or "en"; catalogue labels)."""
        lines = _summary_head("Mantel-Haenszel", self.k_used, self.i2, self.h2, self.q,
                              self.q_df, self.q_pvalue, lang)
        lines += _summary_estimate(self.measure, self.level, self.estimate, self.se,
                                   self.statistic, self.pvalue, self.ci_lower, self.ci_upper,
                                   lang)
        if self.measure == "OR":
            missing = text("not_computable", lang)
            cmh = (f"CMH = {self.cmh:.4f}, df = 1, p-val = {self.cmh_pvalue:.4g}"
                   if math.isfinite(self.cmh) else missing)
            tarone = missing
            if math.isfinite(self.tarone):
                tarone = (f"X^2 = {self.tarone:.4f}, df = {self.tarone_df}, "
                          f"p-val = {self.tarone_pvalue:.4g}")
            lines += ["", *aligned([(text("cmh_test", lang), cmh),
                                    (text("tarone_test", lang), tarone)])]
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class PetoResult:
    """Result of :func:`peto` (metafor's ``rma.peto``), log odds ratio scale.

    Fields mean the same as in :class:`MantelHaenszelResult`.
    """

    level: float
    k_total: int
    k_used: int
    omitted: tuple[int, ...]
    k_q: int
    omitted_q: tuple[int, ...]
    estimate: float
    se: float
    statistic: float
    pvalue: float
    ci_lower: float
    ci_upper: float
    estimate_exp: float
    ci_lower_exp: float
    ci_upper_exp: float
    q: float
    q_df: int
    q_pvalue: float
    i2: float
    h2: float

    @property
    def k(self) -> int:
        """Number of tables in the estimate (metafor's ``k``)."""
        return self.k_used

    @property
    def measure(self) -> str:
        """Always ``"PETO"`` (Peto's log odds ratio)."""
        return "PETO"

    def to_dict(self) -> dict[str, Any]:
        """Return the fields as JSON-ready Python values (NaN kept)."""
        return _plain({"measure": "PETO", "k": self.k_used, **asdict(self)})

    def to_frame(self) -> pd.DataFrame:
        """Return the pooled estimate as a one-row table."""
        return _frame(self.to_dict())

    def summary(self, lang: str | None = None) -> str:
        """Return a metafor-like printout in ``lang`` ("nl" or "en"; catalogue labels)."""
        lines = _summary_head("Peto", self.k_used, self.i2, self.h2, self.q, self.q_df,
                              self.q_pvalue, lang)
        lines += _summary_estimate("OR", self.level, self.estimate, self.se, self.statistic,
                                   self.pvalue, self.ci_lower, self.ci_upper, lang)
        return "\n".join(lines)


def _plain(d: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in d.items():
        if isinstance(value, tuple):
            out[key] = [int(v) for v in value]
        elif isinstance(value, bool | int | str):
            out[key] = value
        else:
            out[key] = float(value)
    return out


def _frame(d: dict[str, Any]) -> pd.DataFrame:
    return pd.DataFrame([{k: v for k, v in d.items() if not isinstance(v, list)}])


def _summary_head(name: str, k: int, i2: float, h2: float, q: float, q_df: int,
                  q_pvalue: float, lang: str | None) -> list[str]:
    return [
        text("model_ee", lang, name=name, k=k),
        "",
        *aligned([(text("i2_total", lang), f"{i2:.2f}%"), (text("h2_total", lang), f"{h2:.2f}")]),
        "",
        text("heterogeneity_test", lang),
        f"Q(df = {q_df}) = {q:.4f}, p-val = {q_pvalue:.4g}",
        "",
    ]


def _summary_estimate(measure: str, level: float, est: float, se: float, z: float, p: float,
                      lo: float, hi: float, lang: str | None) -> list[str]:
    pct = f"{100 * level:g}"
    log = measure in ("OR", "RR")
    scale = text("scale_log", lang) if log else measure
    lines = [
        text("results_scale", lang, scale=scale),
        text("estimate_line", lang, estimate=f"{est:.4f}", se=f"{se:.4f}", z=f"{z:.4f}",
             p=f"{p:.4g}", pct=pct, lower=f"{lo:.4f}", upper=f"{hi:.4f}"),
    ]
    if log:
        lines += [
            text("results_scale", lang, scale=text("scale_measure", lang, measure=measure)),
            text("estimate_ci", lang, estimate=f"{math.exp(est):.4f}", pct=pct,
                 lower=f"{math.exp(lo):.4f}", upper=f"{math.exp(hi):.4f}"),
        ]
    return lines


@dataclass(frozen=True, slots=True)
class _Tables:
    ai: FloatArray
    bi: FloatArray
    ci: FloatArray
    di: FloatArray
    yi: FloatArray
    vi: FloatArray
    k_total: int
    omitted: tuple[int, ...]
    omitted_q: tuple[int, ...]


def _tables(function: str, measure: str, ai: Any, bi: Any, ci: Any, di: Any, n1i: Any,
            n2i: Any, add: float, to: str, drop00: bool) -> _Tables:
    given = {"ai": ai, "bi": bi, "ci": ci, "di": di, "n1i": n1i, "n2i": n2i}
    cols = {k: as_float_array(v, k, function) for k, v in given.items() if v is not None}
    for need in (("ai",), ("ci",), ("bi", "n1i"), ("di", "n2i")):
        if not any(n in cols for n in need):
            raise StatsInputError(
                "stats.missing_column", argument=" | ".join(need), function=function,
                measure=measure, required="ai, bi|n1i, ci, di|n2i",
            )
    k = check_same_length(function, **cols)
    check_not_empty(cols["ai"], "ai", function)
    a, b, c, d = binary.table(cols, function)
    to_value = check_option(to, "to", function, TO_CHOICES)
    if not (isinstance(add, int | float) and math.isfinite(add) and add >= 0):
        raise StatsInputError("stats.es.bad_add", argument="add", function=function, got=add)
    if not isinstance(drop00, bool):
        raise StatsInputError("stats.bad_option", argument="drop00", function=function,
                              choices="{True, False}", got=drop00)
    opts = Options(float(add), to_value, drop00, "LS", function)
    family = binary.peto_log_odds_ratio if measure == "PETO" else {
        "OR": binary.odds_ratio, "RR": binary.risk_ratio, "RD": binary.risk_difference,
    }[measure]
    res = family({"ai": a, "bi": b, "ci": c, "di": d}, opts)
    yi, vi = res.yi.copy(), res.vi.copy()
    dropped = res.notes.get("double_zero")
    if dropped is not None:
        yi[dropped] = np.nan
        vi[dropped] = np.nan
    bad_yi = ~np.isfinite(yi) | ~np.isfinite(vi)
    has_na = np.isnan(a) | np.isnan(b) | np.isnan(c) | np.isnan(d)
    if has_na.all():
        raise StatsInputError("stats.empty", argument="ai", function=function, minimum=1)
    omitted = positions(has_na)
    omitted_q = positions(bad_yi & ~has_na)
    if omitted:
        warnings.warn(message("stats.mh.tables_omitted", None, function=function,
                              count=len(omitted), positions=_join(omitted)),
                      UserWarning, stacklevel=3)
    if omitted_q:
        warnings.warn(message("stats.mh.yi_omitted", None, function=function,
                              count=len(omitted_q), positions=_join(omitted_q)),
                      UserWarning, stacklevel=3)
    keep = ~has_na
    ok = ~bad_yi
    return _Tables(a[keep], b[keep], c[keep], d[keep], yi[ok], vi[ok], k, omitted, omitted_q)


def _join(pos: tuple[int, ...]) -> str:
    return ", ".join(str(p) for p in pos)


def _heterogeneity(yi: FloatArray, vi: FloatArray, beta: float) -> tuple[float, int, float,
                                                                           float, float]:
    k = len(yi)
    if k <= 1:
        return 0.0, 0, 1.0, 0.0, 1.0
    with errstate():
        s = float(np.sum((yi - beta) ** 2 / vi))
    if math.isnan(s):  # no estimate (e.g. no events in one arm): metafor gives NA throughout
        return math.nan, k - 1, math.nan, math.nan, math.nan
    q = max(0.0, s)
    return q, k - 1, float(stats.chi2.sf(q, k - 1)), max(0.0, 100 * (q - (k - 1)) / q), q / (k - 1)


def _wald(beta: float, se: float, level: float) -> tuple[float, float, float, float]:
    z = beta / se
    crit = float(stats.norm.isf((1 - level) / 2))
    return z, float(2 * stats.norm.sf(abs(z))), beta - crit * se, beta + crit * se


def mantel_haenszel(
    ai: Any,
    bi: Any = None,
    ci: Any = None,
    di: Any = None,
    measure: str = "OR",
    *,
    n1i: Any = None,
    n2i: Any = None,
    level: float = 0.95,
    correct: bool = True,
    add: float = 0.5,
    to: str = "only0",
    drop00: bool = True,
) -> MantelHaenszelResult:
    """Pool 2x2 tables with the Mantel–Haenszel method (metafor's ``rma.mh``).

    Parameters
    ----------
    ai, bi, ci, di : array_like
        Cells per study: events and non-events in group 1 (``ai``, ``bi``) and
        group 2 (``ci``, ``di``). Instead of ``bi``/``di`` give ``n1i``/``n2i``.
    n1i, n2i : array_like, optional
        Group sizes, as an alternative to ``bi``/``di``.
    measure : {"OR", "RR", "RD"}, default "OR"
        Odds ratio, risk ratio or risk difference.
    level : float, default 0.95
        Confidence level.
    correct : bool, default True
        Continuity correction in the Cochran–Mantel–Haenszel test (OR only).
    add, to, drop00 : optional
        Correction of the study-level ``yi``/``vi`` used for the heterogeneity
        test only (metafor's defaults ``1/2``, ``"only0"``, ``True``).

    Returns
    -------
    MantelHaenszelResult

    Warns
    -----
    UserWarning
        When tables with missing cells are left out, or studies without
        computable ``yi``/``vi`` leave the heterogeneity test.

    Notes
    -----
    The Mantel–Haenszel estimator weights tables by their size rather than by
    inverse variances, so it stays valid with many small or sparse trials and
    needs no continuity correction for the estimate. The variance of the log
    odds ratio is that of Robins, Breslow and Greenland (1986); for the risk
    ratio Greenland and Robins (1985); for the risk difference Sato, Greenland
    and Robins (1989), exactly as metafor 3.8. The Tarone (1985) test is the
    Breslow–Day test of homogeneous odds ratios with Tarone's correction.

    References
    ----------
    Mantel, N., & Haenszel, W. (1959). Statistical aspects of the analysis of
    data from retrospective studies of disease. *JNCI*, 22, 719–748.
    Robins, J., Breslow, N., & Greenland, S. (1986). Estimators of the
    Mantel-Haenszel variance consistent in both sparse data and large-strata
    limiting models. *Biometrics*, 42, 311–323.

    Examples
    --------
    >>> res = mantel_haenszel([4, 6, 3], [119, 300, 228], [11, 29, 11], [128, 274, 209])
    >>> round(res.estimate_exp, 4), round(res.ci_lower_exp, 4), round(res.ci_upper_exp, 4)
    (0.2433, 0.1311, 0.4515)
    """
    function = "mantel_haenszel"
    measure = check_option(measure, "measure", function, _MEASURES)
    lvl = check_level(level, function)
    t = _tables(function, measure, ai, bi, ci, di, n1i, n2i, add, to, drop00)
    a, b, c, d = t.ai, t.bi, t.ci, t.di
    n1, n2 = a + b, c + d
    ni = n1 + n2
    nan = math.nan
    cmh = cmh_p = tarone = tarone_p = nan
    tarone_df = 0
    with errstate():
        if measure == "OR":
            pi_, qi = a / ni + d / ni, b / ni + c / ni
            ri, si = (a / ni) * d, (b / ni) * c
            r, s = float(ri.sum()), float(si.sum())
            if r == 0 or s == 0:
                beta = se = nan
            else:
                beta = math.log(r / s)
                se = math.sqrt(0.5 * (float((pi_ * ri).sum()) / r**2
                                      + float((pi_ * si + qi * ri).sum()) / (r * s)
                                      + float((qi * si).sum()) / s**2))
            xt, yt = a + c, b + d
            if xt.sum() != 0 and yt.sum() != 0:
                dev = abs(float((a - (n1 / ni) * xt).sum())) - (0.5 if correct else 0.0)
                cmh = dev**2 / float(((n1 / ni) * (n2 / ni) * (xt * (yt / (ni - 1)))).sum())
                cmh_p = float(stats.chi2.sf(cmh, 1))
            if math.isfinite(beta):
                tarone, tarone_df, tarone_p = _tarone(a, n1, n2, xt, yt, ni, r / s)
        elif measure == "RR":
            r, s = float((a * (n2 / ni)).sum()), float((c * (n1 / ni)).sum())
            if a.sum() == 0 or c.sum() == 0:
                beta = se = nan
            else:
                beta = math.log(r / s)
                se = math.sqrt(float(((n1 / ni) * (n2 / ni) * (a + c) - (a / ni) * c).sum())
                               / (r * s))
        else:
            w = float((n1 * (n2 / ni)).sum())
            beta = float((a * (n2 / ni) - c * (n1 / ni)).sum()) / w
            se = math.sqrt((beta * float((c * (n1 / ni) ** 2 - a * (n2 / ni) ** 2
                                          + (n1 / ni) * (n2 / ni) * (n2 - n1) / 2).sum())
                            + float((a * (n2 - c) / ni + c * (n1 - a) / ni).sum()) / 2) / w**2)
        z, p, lo, hi = _wald(beta, se, lvl) if math.isfinite(se) else (nan, nan, nan, nan)
    q, q_df, q_p, i2, h2 = _heterogeneity(t.yi, t.vi, beta)
    ratio = measure in ("OR", "RR")
    return MantelHaenszelResult(
        measure=measure, level=lvl, k_total=t.k_total, k_used=len(a), omitted=t.omitted,
        k_q=len(t.yi), omitted_q=t.omitted_q, estimate=beta, se=se, statistic=z, pvalue=p,
        ci_lower=lo, ci_upper=hi,
        estimate_exp=math.exp(beta) if ratio else nan,
        ci_lower_exp=math.exp(lo) if ratio else nan,
        ci_upper_exp=math.exp(hi) if ratio else nan,
        q=q, q_df=q_df, q_pvalue=q_p, i2=i2, h2=h2, cmh=cmh, cmh_pvalue=cmh_p,
        tarone=tarone, tarone_df=tarone_df, tarone_pvalue=tarone_p,
    )


def _tarone(a: FloatArray, n1: FloatArray, n2: FloatArray, xt: FloatArray, yt: FloatArray,
            ni: FloatArray, psi: float) -> tuple[float, int, float]:
    """Breslow–Day statistic with Tarone's correction, at the MH odds ratio ``psi``."""
    if psi == 1:
        n11 = (n1 / ni) * xt
    else:
        aa = psi * (n1 + xt) + (n2 - xt)
        bb = np.sqrt(aa**2 - 4 * n1 * xt * psi * (psi - 1))
        n11 = (aa - bb) / (2 * (psi - 1))
    pos = (n11 > 0) & (xt > 0) & (yt > 0)
    k_pos = int(pos.sum())
    e11 = n11[pos]
    e12 = n1[pos] - e11
    e21 = xt[pos] - e11
    e22 = e11 - n1[pos] - xt[pos] + ni[pos]
    var = 1 / (1 / e11 + 1 / e12 + 1 / e21 + 1 / e22)
    bd = max(0.0, float(((a[pos] - e11) ** 2 / var).sum()))
    ta = max(0.0, bd - float((a[pos] - e11).sum()) ** 2 / float(var.sum()))
    if k_pos > 1:
        return ta, k_pos - 1, float(stats.chi2.sf(ta, k_pos - 1))
    return ta, 0, math.nan


def peto(
    ai: Any,
    bi: Any = None,
    ci: Any = None,
    di: Any = None,
    *,
    n1i: Any = None,
    n2i: Any = None,
    level: float = 0.95,
    add: float = 0.5,
    to: str = "only0",
    drop00: bool = True,
) -> PetoResult:
    """Pool 2x2 tables with Peto's one-step odds ratio method (metafor's ``rma.peto``).

    Parameters
    ----------
    ai, bi, ci, di, n1i, n2i : array_like
        Cells per study, as in :func:`mantel_haenszel`.
    level : float, default 0.95
        Confidence level.
    add, to, drop00 : optional
        Correction of the study-level ``yi``/``vi`` (metafor's defaults);
        the pooled estimate uses the tables as they are.

    Returns
    -------
    PetoResult

    Raises
    ------
    StatsInputError
        When one of the two outcomes occurs in no table at all.

    Notes
    -----
    Peto's method sums observed minus expected events over hypergeometric
    variances: ``sum(O - E) / sum(V)``. It handles rare events well when
    groups are balanced and effects are small (Bradburn et al., 2007), and
    needs no continuity correction.

    References
    ----------
    Yusuf, S., Peto, R., Lewis, J., Collins, R., & Sleight, P. (1985). Beta
    blockade during and after myocardial infarction: an overview of the
    randomized trials. *Progress in Cardiovascular Diseases*, 27, 335–371.

    Examples
    --------
    >>> res = peto([4, 6, 3], [119, 300, 228], [11, 29, 11], [128, 274, 209])
    >>> round(res.estimate_exp, 4), res.k
    (0.2902, 3)
    """
    function = "peto"
    lvl = check_level(level, function)
    t = _tables(function, "PETO", ai, bi, ci, di, n1i, n2i, add, to, drop00)
    a, b, c, d = t.ai, t.bi, t.ci, t.di
    n1, n2 = a + b, c + d
    ni = n1 + n2
    with errstate():
        xt, yt = a + c, b + d
        ei = xt * n1 / ni
        vi = xt * yt * (n1 / ni) * (n2 / ni) / (ni - 1)
    sum_v = float(np.nansum(vi))
    if sum_v == 0:
        raise StatsInputError("stats.mh.no_events", argument="ai", function=function)
    beta = float((a - ei).sum()) / sum_v
    se = math.sqrt(1 / sum_v)
    z, p, lo, hi = _wald(beta, se, lvl)
    k_pos = int((vi > 0).sum())
    pos = vi > 0
    q = max(0.0, float(((a - ei)[pos] ** 2 / vi[pos]).sum())
            - float((a - ei).sum()) ** 2 / float(vi[pos].sum()))
    k_q = len(t.yi)
    if k_pos > 1:
        q_df, q_p = k_q - 1, float(stats.chi2.sf(q, k_q - 1))
        i2, h2 = max(0.0, 100 * (q - (k_q - 1)) / q), q / (k_q - 1)
    else:
        q_df, q_p, i2, h2 = max(k_q - 1, 0), 1.0, 0.0, 1.0
    return PetoResult(
        level=lvl, k_total=t.k_total, k_used=len(a), omitted=t.omitted, k_q=k_q,
        omitted_q=t.omitted_q, estimate=beta, se=se, statistic=z, pvalue=p, ci_lower=lo,
        ci_upper=hi, estimate_exp=math.exp(beta), ci_lower_exp=math.exp(lo),
        ci_upper_exp=math.exp(hi), q=q, q_df=q_df, q_pvalue=q_p, i2=i2, h2=h2,
    )
