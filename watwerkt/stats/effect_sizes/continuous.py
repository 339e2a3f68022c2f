"""Effect sizes for means: MD, SMD (Hedges' g), SMDH, ROM, and pre-post SMCR and SMCC.

Two independent groups give ``m1i, sd1i, n1i, m2i, sd2i, n2i``; a pre-post
(single group) design gives ``m1i, m2i, sd1i, (sd2i), ni, ri`` where, as in
metafor, ``m1i`` is the mean at the *later* occasion when the change is
"post minus pre", ``sd1i`` the SD used to standardise (SMCR: the pre-test SD)
and ``ri`` the pre-post correlation.
"""

from __future__ import annotations

import numpy as np
from scipy.special import gammaln

from watwerkt.stats._validation import FloatArray
from watwerkt.stats.effect_sizes._common import (
    NOTE_SMALL_N,
    Columns,
    FamilyResult,
    Options,
    check_correlation,
    check_n,
    check_sd,
    errstate,
)

TWO_GROUP_COLUMNS = ("m1i", "sd1i", "n1i", "m2i", "sd2i", "n2i")
SMCR_COLUMNS = ("m1i", "m2i", "sd1i", "ni", "ri")
SMCC_COLUMNS = ("m1i", "m2i", "sd1i", "sd2i", "ni", "ri")


def hedges_correction(df: FloatArray) -> FloatArray:
    """Return the exact small-sample correction ``c(m)`` of Hedges (1981).

    ``c(m) = Γ(m/2) / (sqrt(m/2) Γ((m-1)/2))``, computed on the log scale as
    metafor's ``.cmicalc``; NaN where ``m <= 1``.
    """
    with errstate():
        out = np.exp(gammaln(df / 2) - np.log(np.sqrt(df / 2)) - gammaln((df - 1) / 2))
    return np.where(df <= 1, np.nan, out)


def _two_group(cols: Columns, opts: Options) -> tuple[FloatArray, ...]:
    check_sd(cols, ("sd1i", "sd2i"), opts.function)
    check_n(cols, ("n1i", "n2i"), opts.function)
    return tuple(cols[c] for c in TWO_GROUP_COLUMNS)


def mean_difference(cols: Columns, opts: Options) -> FamilyResult:
    """Raw mean difference; ``vtype="LS"`` (unequal variances) or ``"HO"`` (pooled SD)."""
    m1, sd1, n1, m2, sd2, n2 = _two_group(cols, opts)
    with errstate():
        yi = m1 - m2
        if opts.vtype == "HO":
            sdp2 = ((n1 - 1) * sd1**2 + (n2 - 1) * sd2**2) / (n1 + n2 - 2)
            vi = sdp2 * (1 / n1 + 1 / n2)
        else:
            vi = sd1**2 / n1 + sd2**2 / n2
    return FamilyResult(yi, vi, {})


def standardized_mean_difference(cols: Columns, opts: Options) -> FamilyResult:
    """Hedges' g with the exact correction; ``vtype`` ``"LS"`` (default), ``"UB"``, ``"LS2"``."""
    m1, sd1, n1, m2, sd2, n2 = _two_group(cols, opts)
    with errstate():
        mi = n1 + n2 - 2
        sdp = np.sqrt(((n1 - 1) * sd1**2 + (n2 - 1) * sd2**2) / mi)
        di = (m1 - m2) / sdp
        return smd_from_d(di, n1, n2, opts.vtype)


def smd_from_d(di: FloatArray, n1: FloatArray, n2: FloatArray, vtype: str = "LS") -> FamilyResult:
    """Turn Cohen's d of two independent groups into Hedges' g and its variance."""
    with errstate():
        mi = n1 + n2 - 2
        cmi = hedges_correction(mi)
        yi = cmi * di
        if vtype == "UB":
            vi = 1 / n1 + 1 / n2 + (1 - (mi - 2) / (mi * cmi**2)) * yi**2
        elif vtype == "LS2":
            vi = cmi**2 * (1 / n1 + 1 / n2 + di**2 / (2 * (n1 + n2)))
        else:
            vi = 1 / n1 + 1 / n2 + yi**2 / (2 * (n1 + n2))
    return FamilyResult(yi, vi, {})


def standardized_mean_difference_h(cols: Columns, opts: Options) -> FamilyResult:
    """SMD with heteroscedastic SDs (Bonett 2008): standardised by ``sqrt((sd1²+sd2²)/2)``."""
    m1, sd1, n1, m2, sd2, n2 = _two_group(cols, opts)
    with errstate():
        cmi = hedges_correction(n1 + n2 - 2)
        s2 = sd1**2 + sd2**2
        yi = cmi * (m1 - m2) / np.sqrt(s2 / 2)
        vi = yi**2 * (sd1**4 / (n1 - 1) + sd2**4 / (n2 - 1)) / (2 * s2**2) + (
            sd1**2 / (n1 - 1) + sd2**2 / (n2 - 1)
        ) / (s2 / 2)
        vi = cmi**2 * vi
    return FamilyResult(yi, vi, {})


def ratio_of_means(cols: Columns, opts: Options) -> FamilyResult:
    """Log ratio of means ``log(m1/m2)``; ``vtype="LS"`` (default) or ``"HO"``."""
    m1, sd1, n1, m2, sd2, n2 = _two_group(cols, opts)
    with errstate():
        yi = np.log(m1 / m2)
        if opts.vtype == "HO":
            sdp2 = ((n1 - 1) * sd1**2 + (n2 - 1) * sd2**2) / (n1 + n2 - 2)
            vi = sdp2 / (n1 * m1**2) + sdp2 / (n2 * m2**2)
        else:
            vi = sd1**2 / (n1 * m1**2) + sd2**2 / (n2 * m2**2)
    return FamilyResult(yi, vi, {})


def _pre_post(cols: Columns, opts: Options) -> None:
    check_sd(cols, ("sd1i", "sd2i"), opts.function)
    check_n(cols, ("ni",), opts.function)
    check_correlation(cols, "ri", opts.function)


def _change_variance(yi: FloatArray, di: FloatArray, cmi: FloatArray, ni: FloatArray,
                     first: FloatArray, vtype: str) -> FloatArray:
    if vtype == "LS2":
        return cmi**2 * (first + di**2 / (2 * ni))
    return first + yi**2 / (2 * ni)


def standardized_mean_change_raw(cols: Columns, opts: Options) -> FamilyResult:
    """Standardised mean change, raw-score standardisation (Becker 1988): ``(m1-m2)/sd1``."""
    _pre_post(cols, opts)
    m1, m2, sd1, ni, ri = (cols[c] for c in SMCR_COLUMNS)
    with errstate():
        cmi = hedges_correction(ni - 1)
        di = (m1 - m2) / sd1
        yi = cmi * di
        vi = _change_variance(yi, di, cmi, ni, 2 * (1 - ri) / ni, opts.vtype)
    return FamilyResult(yi, vi, {NOTE_SMALL_N: ni <= 2})


def standardized_mean_change_change(cols: Columns, opts: Options) -> FamilyResult:
    """Standardised mean change, change-score standardisation (Gibbons et al. 1993)."""
    _pre_post(cols, opts)
    m1, m2, sd1, sd2, ni, ri = (cols[c] for c in SMCC_COLUMNS)
    with errstate():
        cmi = hedges_correction(ni - 1)
        di = (m1 - m2) / np.sqrt(sd1**2 + sd2**2 - 2 * ri * sd1 * sd2)
        yi = cmi * di
        vi = _change_variance(yi, di, cmi, ni, 1 / ni, opts.vtype)
    return FamilyResult(yi, vi, {NOTE_SMALL_N: ni <= 2})
