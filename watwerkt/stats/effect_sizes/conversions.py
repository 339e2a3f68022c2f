"""Conversions coders need: t, F or p to Hedges' g; SMD <-> r <-> log odds ratio.

The test statistics are those of a two-group comparison; the metric
conversions follow Borenstein et al. (2009, ch. 7).

Every function takes arrays (one value per study), returns a DataFrame with
``yi``, ``vi`` and ``note`` on the target scale, exactly like
:func:`~watwerkt.stats.effect_sizes.effect_sizes`, and lets a study with
missing inputs through as a NaN row with ``note="missing:<columns>"``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, Final

import numpy as np
import pandas as pd
from scipy import stats

from watwerkt.errors import StatsInputError
from watwerkt.stats._validation import (
    FloatArray,
    as_float_array,
    check_not_empty,
    check_option,
    check_same_length,
    positions,
)
from watwerkt.stats.effect_sizes._common import (
    NOTE_MISSING,
    NOTE_NOT_COMPUTABLE,
    NOTE_OK,
    check_n,
    collect_impossible,
    errstate,
    flag,
)
from watwerkt.stats.effect_sizes.continuous import smd_from_d

__all__ = [
    "log_or_to_smd",
    "r_to_smd",
    "smd_from_f",
    "smd_from_p",
    "smd_from_t",
    "smd_to_log_or",
    "smd_to_r",
]

#: sqrt(3)/pi: the logistic distribution's SD ratio behind the logit method.
_LOGIT: Final = math.sqrt(3) / math.pi


def _inputs(function: str, optional: tuple[str, ...] = (), **given: Any
            ) -> tuple[dict[str, FloatArray], list[str]]:
    cols = {k: as_float_array(v, k, function) for k, v in given.items() if v is not None}
    for name in given:
        if name not in cols and name not in optional:
            raise StatsInputError(
                "stats.missing_column", argument=name, function=function, measure="SMD",
                required=", ".join(k for k in given if k not in optional),
            )
    check_same_length(function, **cols)
    first = next(iter(cols))
    check_not_empty(cols[first], first, function)
    for name, arr in cols.items():
        inf = np.isinf(arr)
        if inf.any():
            raise StatsInputError("stats.nan", argument=name, positions=positions(inf),
                                  function=function)
    k = len(cols[first])
    notes = []
    for i in range(k):
        gone = [n for n, a in cols.items() if math.isnan(a[i])]
        notes.append(f"{NOTE_MISSING}:{','.join(gone)}" if gone else NOTE_OK)
    return cols, notes


def _frame(yi: FloatArray, vi: FloatArray, notes: list[str]) -> pd.DataFrame:
    yi, vi = np.asarray(yi, dtype=float).copy(), np.asarray(vi, dtype=float).copy()
    bad = ~np.isfinite(yi) | ~np.isfinite(vi)
    yi[bad] = np.nan
    vi[bad] = np.nan
    out = [n if n or not b else NOTE_NOT_COMPUTABLE for n, b in zip(notes, bad, strict=True)]
    return pd.DataFrame({"yi": yi, "vi": vi, "note": out})


def _check(mask: Any, key: str, argument: str, function: str) -> None:
    flag(key, argument, np.asarray(mask, dtype=bool), function)


def _direction(arr: FloatArray, function: str) -> None:
    _check(~np.isnan(arr) & (arr != 1) & (arr != -1), "stats.es.bad_direction", "direction",
           function)


def _variance(arr: FloatArray, argument: str, function: str) -> None:
    _check(arr < 0, "stats.negative", argument, function)


def _from_t(ti: FloatArray, n1: FloatArray, n2: FloatArray, vtype: str) -> tuple[FloatArray,
                                                                                   FloatArray]:
    with errstate():
        res = smd_from_d(ti * np.sqrt(1 / n1 + 1 / n2), n1, n2, vtype)
    return res.yi, res.vi


def smd_from_t(ti: Any, n1i: Any, n2i: Any, *, vtype: str = "LS") -> pd.DataFrame:
    """Hedges' g from the t statistic of an independent-groups t-test.

    Parameters
    ----------
    ti : array_like
        t values; the sign gives the direction (group 1 minus group 2).
    n1i, n2i : array_like
        Group sizes.
    vtype : {"LS", "UB", "LS2"}, default "LS"
        Variance type, as in ``effect_sizes("SMD")``.

    Returns
    -------
    pandas.DataFrame
        ``yi`` (Hedges' g), ``vi`` and ``note`` per study.

    Notes
    -----
    ``d = t sqrt(1/n1 + 1/n2)`` (Borenstein et al., 2009, ch. 7), then the exact
    Hedges correction, identical to metafor's ``escalc(measure="SMD", ti=...)``,
    so a t value and the group means give the same g.

    References
    ----------
    Borenstein, M., Hedges, L. V., Higgins, J. P. T., & Rothstein, H. R. (2009).
    *Introduction to Meta-Analysis*. Wiley.

    Examples
    --------
    >>> print(smd_from_t([2.5], [20], [22]).round(4).to_dict("list"))
    {'yi': [0.7578], 'vi': [0.1023], 'note': ['']}
    """
    function = "smd_from_t"
    vt = check_option(vtype, "vtype", function, ("LS", "UB", "LS2"))
    cols, notes = _inputs(function, ti=ti, n1i=n1i, n2i=n2i)
    check_n(cols, ("n1i", "n2i"), function)
    return _frame(*_from_t(cols["ti"], cols["n1i"], cols["n2i"], vt), notes)


def smd_from_f(fi: Any, n1i: Any, n2i: Any, direction: Any, *, vtype: str = "LS"
               ) -> pd.DataFrame:
    """Hedges' g from the F(1, n1 + n2 - 2) statistic of a two-group comparison.

    Parameters
    ----------
    fi : array_like
        F values with one numerator degree of freedom (``F = t²``).
    n1i, n2i : array_like
        Group sizes.
    direction : array_like
        +1 when group 1 scored higher, -1 when lower (F carries no sign).
    vtype : {"LS", "UB", "LS2"}, default "LS"
        Variance type.

    Returns
    -------
    pandas.DataFrame
        ``yi`` (Hedges' g), ``vi`` and ``note``.

    Notes
    -----
    With two groups ``F(1, df) = t²``, so ``t = direction * sqrt(F)`` and the
    conversion continues as :func:`smd_from_t` (Lipsey & Wilson, 2001, app. B).

    References
    ----------
    Lipsey, M. W., & Wilson, D. B. (2001). *Practical Meta-Analysis*. Sage.

    Examples
    --------
    >>> print(smd_from_f([6.25], [20], [22], [1]).round(4).to_dict("list"))
    {'yi': [0.7578], 'vi': [0.1023], 'note': ['']}
    """
    function = "smd_from_f"
    vt = check_option(vtype, "vtype", function, ("LS", "UB", "LS2"))
    cols, notes = _inputs(function, fi=fi, n1i=n1i, n2i=n2i, direction=direction)
    with collect_impossible(function):
        check_n(cols, ("n1i", "n2i"), function)
        _check(cols["fi"] < 0, "stats.es.negative_statistic", "fi", function)
        _direction(cols["direction"], function)
    ti = cols["direction"] * np.sqrt(cols["fi"])
    return _frame(*_from_t(ti, cols["n1i"], cols["n2i"], vt), notes)


def smd_from_p(pi: Any, n1i: Any, n2i: Any, direction: Any, *, vtype: str = "LS"
               ) -> pd.DataFrame:
    """Hedges' g from the two-sided p-value of an independent-groups t-test.

    Parameters
    ----------
    pi : array_like
        Two-sided p-values, in (0, 1].
    n1i, n2i : array_like
        Group sizes.
    direction : array_like
        +1 when group 1 scored higher, -1 when lower.
    vtype : {"LS", "UB", "LS2"}, default "LS"
        Variance type.

    Returns
    -------
    pandas.DataFrame
        ``yi`` (Hedges' g), ``vi`` and ``note``.

    Notes
    -----
    The t value is recovered as ``direction * t⁻¹(1 - p/2; n1 + n2 - 2)``
    (Lipsey & Wilson, 2001, app. B); a p reported as "p < .05" is *not* a
    p-value and should not be converted this way.

    Examples
    --------
    >>> print(smd_from_p([0.01662], [20], [22], [1]).round(3).to_dict("list"))
    {'yi': [0.758], 'vi': [0.102], 'note': ['']}
    """
    function = "smd_from_p"
    vt = check_option(vtype, "vtype", function, ("LS", "UB", "LS2"))
    cols, notes = _inputs(function, pi=pi, n1i=n1i, n2i=n2i, direction=direction)
    p = cols["pi"]
    with collect_impossible(function):
        check_n(cols, ("n1i", "n2i"), function)
        _check((p <= 0) | (p > 1), "stats.es.p_range", "pi", function)
        _direction(cols["direction"], function)
    n1, n2 = cols["n1i"], cols["n2i"]
    with errstate():
        ti = cols["direction"] * stats.t.isf(p / 2, n1 + n2 - 2)
    return _frame(*_from_t(ti, n1, n2, vt), notes)


def _pair(function: str, yi: Any, vi: Any) -> tuple[FloatArray, FloatArray, list[str]]:
    cols, notes = _inputs(function, yi=yi, vi=vi)
    _variance(cols["vi"], "vi", function)
    return cols["yi"], cols["vi"], notes


def log_or_to_smd(yi: Any, vi: Any) -> pd.DataFrame:
    """Convert log odds ratios to standardised mean differences (logit method).

    Parameters
    ----------
    yi, vi : array_like
        Log odds ratios and their sampling variances.

    Returns
    -------
    pandas.DataFrame
        ``yi`` (d) and ``vi`` on the SMD scale, and ``note``.

    Notes
    -----
    ``d = ln(OR) sqrt(3)/π`` and ``v_d = v sqrt(3)²/π²`` assume a logistic latent
    variable (Hasselblad & Hedges, 1995; Chinn, 2000; Borenstein et al., 2009,
    eq. 7.1–7.2); metafor's ``escalc(measure="OR2DL")`` gives the same numbers.

    References
    ----------
    Chinn, S. (2000). A simple method for converting an odds ratio to effect
    size for use in meta-analysis. *Statistics in Medicine*, 19, 3127–3131.

    Examples
    --------
    >>> print(log_or_to_smd([0.9069], [0.0676]).round(4).to_dict("list"))
    {'yi': [0.5], 'vi': [0.0205], 'note': ['']}
    """
    y, v, notes = _pair("log_or_to_smd", yi, vi)
    return _frame(y * _LOGIT, v * _LOGIT**2, notes)


def smd_to_log_or(yi: Any, vi: Any) -> pd.DataFrame:
    """Convert standardised mean differences to log odds ratios (logit method).

    Parameters
    ----------
    yi, vi : array_like
        SMDs and their sampling variances.

    Returns
    -------
    pandas.DataFrame
        ``yi`` (log odds ratio), ``vi`` and ``note``.

    Notes
    -----
    The inverse of :func:`log_or_to_smd`: ``ln(OR) = d π/sqrt(3)``,
    ``v = v_d π²/3`` (Borenstein et al., 2009, eq. 7.3–7.4; metafor's
    ``escalc(measure="D2ORL")``).

    Examples
    --------
    >>> print(smd_to_log_or([0.5], [0.0205]).round(4).to_dict("list"))
    {'yi': [0.9069], 'vi': [0.0674], 'note': ['']}
    """
    y, v, notes = _pair("smd_to_log_or", yi, vi)
    return _frame(y / _LOGIT, v / _LOGIT**2, notes)


def _a(function: str, k: int, n1i: Any, n2i: Any) -> tuple[FloatArray, list[str] | None]:
    if n1i is None and n2i is None:
        return np.full(k, 4.0), None
    cols, notes = _inputs(function, n1i=n1i, n2i=n2i)
    check_n(cols, ("n1i", "n2i"), function)
    n1, n2 = cols["n1i"], cols["n2i"]
    return (n1 + n2) ** 2 / (n1 * n2), notes


def _merge(a: list[str], b: list[str] | None) -> list[str]:
    if b is None:
        return a
    out = []
    for x, y in zip(a, b, strict=True):
        cols = [c for n in (x, y) if n for c in n.partition(":")[2].split(",")]
        out.append(f"{NOTE_MISSING}:{','.join(cols)}" if cols else NOTE_OK)
    return out


def _converter(function: str, fn: Callable[[FloatArray, FloatArray, FloatArray],
                                           tuple[FloatArray, FloatArray]],
               yi: Any, vi: Any, n1i: Any, n2i: Any) -> pd.DataFrame:
    y, v, notes = _pair(function, yi, vi)
    a, n_notes = _a(function, len(y), n1i, n2i)
    if len(a) != len(y):
        raise StatsInputError("stats.length_mismatch", argument="n1i", function=function,
                              got=len(a), other="yi", expected=len(y))
    with errstate():
        out_y, out_v = fn(y, v, a)
    return _frame(out_y, out_v, _merge(notes, n_notes))


def smd_to_r(yi: Any, vi: Any, n1i: Any = None, n2i: Any = None) -> pd.DataFrame:
    """Convert standardised mean differences to (point-biserial) correlations.

    Parameters
    ----------
    yi, vi : array_like
        SMDs and their sampling variances.
    n1i, n2i : array_like, optional
        Group sizes; without them the groups are taken as equal (``a = 4``).

    Returns
    -------
    pandas.DataFrame
        ``yi`` (r), ``vi`` and ``note``.

    Notes
    -----
    Borenstein et al. (2009), eq. 7.5–7.6: ``r = d / sqrt(d² + a)`` with
    ``a = (n1 + n2)² / (n1 n2)``, and ``v_r = a² v_d / (d² + a)³``.

    Examples
    --------
    >>> print(smd_to_r([0.5], [0.0205]).round(4).to_dict("list"))
    {'yi': [0.2425], 'vi': [0.0043], 'note': ['']}
    """
    def fn(d: FloatArray, v: FloatArray, a: FloatArray) -> tuple[FloatArray, FloatArray]:
        return d / np.sqrt(d**2 + a), a**2 * v / (d**2 + a) ** 3

    return _converter("smd_to_r", fn, yi, vi, n1i, n2i)


def r_to_smd(yi: Any, vi: Any, n1i: Any = None, n2i: Any = None) -> pd.DataFrame:
    """Convert (point-biserial) correlations to standardised mean differences.

    Parameters
    ----------
    yi, vi : array_like
        Correlations (|r| < 1) and their sampling variances.
    n1i, n2i : array_like, optional
        Group sizes; without them ``a = 4`` (equal groups).

    Returns
    -------
    pandas.DataFrame
        ``yi`` (d), ``vi`` and ``note``.

    Notes
    -----
    Borenstein et al. (2009), eq. 7.7–7.8, ``d = 2r / sqrt(1 - r²)`` and
    ``v_d = 4 v_r / (1 - r²)³``, written for general ``a`` as
    ``d = sqrt(a) r / sqrt(1 - r²)``, ``v_d = a v_r / (1 - r²)³`` so that it is
    the exact inverse of :func:`smd_to_r` for the same group sizes.

    Examples
    --------
    >>> print(r_to_smd([0.5], [0.0058]).round(4).to_dict("list"))
    {'yi': [1.1547], 'vi': [0.055], 'note': ['']}
    """
    function = "r_to_smd"

    def fn(r: FloatArray, v: FloatArray, a: FloatArray) -> tuple[FloatArray, FloatArray]:
        return np.sqrt(a) * r / np.sqrt(1 - r**2), a * v / (1 - r**2) ** 3

    r = as_float_array(yi, "yi", function)
    _check(np.abs(r) > 1, "stats.es.correlation_range", "yi", function)
    return _converter(function, fn, r, vi, n1i, n2i)
