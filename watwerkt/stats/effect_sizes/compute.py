"""``effect_sizes()``: one entry point for every measure, as metafor's ``escalc``."""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import pandas as pd

from watwerkt.errors import StatsInputError
from watwerkt.messages import message
from watwerkt.stats._validation import (
    FloatArray,
    as_float_array,
    check_not_empty,
    check_option,
    check_same_length,
    join_names,
    positions,
)
from watwerkt.stats.effect_sizes import binary, continuous, correlation, proportions
from watwerkt.stats.effect_sizes._common import (
    NOTE_DOUBLE_ZERO,
    NOTE_MISSING,
    NOTE_NOT_COMPUTABLE,
    NOTE_OK,
    NOTE_SMALL_N,
    TO_CHOICES,
    BoolArray,
    Columns,
    FamilyResult,
    Options,
    collect_impossible,
)

_FUNCTION: Final = "effect_sizes"

Required = tuple[str | tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Measure:
    """One effect-size measure: its columns, variance types and formula."""

    name: str
    columns: tuple[str, ...]
    #: Required columns; a tuple inside means "one of these".
    required: Required
    vtypes: tuple[str, ...]
    compute: Callable[[Columns, Options], FamilyResult]
    description: str


def _m(name: str, columns: tuple[str, ...], required: Required, vtypes: tuple[str, ...],
       compute: Callable[[Columns, Options], FamilyResult], description: str) -> Measure:
    return Measure(name, columns, required, vtypes, compute, description)


_TWO = continuous.TWO_GROUP_COLUMNS
_TABLE = binary.TABLE_COLUMNS

#: Every measure :func:`effect_sizes` computes, keyed by metafor's name.
MEASURES: Final[dict[str, Measure]] = {
    m.name: m
    for m in (
        _m("MD", _TWO, _TWO, ("LS", "HO"), continuous.mean_difference,
           "raw mean difference"),
        _m("SMD", _TWO, _TWO, ("LS", "UB", "LS2"), continuous.standardized_mean_difference,
           "standardised mean difference (Hedges' g)"),
        _m("SMDH", _TWO, _TWO, ("LS",), continuous.standardized_mean_difference_h,
           "standardised mean difference, heteroscedastic SDs"),
        _m("ROM", _TWO, _TWO, ("LS", "HO"), continuous.ratio_of_means,
           "log ratio of means"),
        _m("SMCR", continuous.SMCR_COLUMNS, continuous.SMCR_COLUMNS, ("LS", "LS2"),
           continuous.standardized_mean_change_raw,
           "standardised mean change, raw-score standardisation"),
        _m("SMCC", continuous.SMCC_COLUMNS, continuous.SMCC_COLUMNS, ("LS", "LS2"),
           continuous.standardized_mean_change_change,
           "standardised mean change, change-score standardisation"),
        _m("OR", _TABLE, binary.TABLE_REQUIRED, ("LS",), binary.odds_ratio,
           "log odds ratio"),
        _m("RR", _TABLE, binary.TABLE_REQUIRED, ("LS",), binary.risk_ratio,
           "log risk ratio"),
        _m("RD", _TABLE, binary.TABLE_REQUIRED, ("LS", "UB"), binary.risk_difference,
           "risk difference"),
        _m("PETO", _TABLE, binary.TABLE_REQUIRED, ("LS",), binary.peto_log_odds_ratio,
           "Peto's log odds ratio"),
        _m("COR", correlation.CORRELATION_COLUMNS, correlation.CORRELATION_COLUMNS, ("LS",),
           correlation.correlation, "raw correlation coefficient"),
        _m("ZCOR", correlation.CORRELATION_COLUMNS, correlation.CORRELATION_COLUMNS, ("LS",),
           correlation.fisher_z, "Fisher's r-to-z transformed correlation"),
        _m("PR", proportions.PROPORTION_COLUMNS, ("xi", ("ni", "mi")), ("LS", "UB"),
           proportions.proportion, "raw proportion"),
        _m("PLO", proportions.PROPORTION_COLUMNS, ("xi", ("ni", "mi")), ("LS",),
           proportions.logit_proportion, "logit transformed proportion"),
    )
}


def effect_sizes(
    measure: str,
    /,
    *,
    add: float = 0.5,
    to: str = "only0",
    drop00: bool = False,
    vtype: str | None = None,
    **columns: Any,
) -> pd.DataFrame:
    """Compute effect sizes ``yi`` and sampling variances ``vi`` from raw study data.

    Parameters
    ----------
    measure : str
        One of ``MD, SMD, SMDH, ROM, SMCR, SMCC, OR, RR, RD, PETO, COR, ZCOR,
        PR, PLO`` (metafor's names; see :data:`MEASURES`).
    add : float, default 0.5
        Continuity correction for zero cells (2x2 measures, PR, PLO).
    to : {"only0", "all", "if0all", "none"}, default "only0"
        Where ``add`` goes: tables with a zero cell, all tables, all tables if
        any has a zero cell, or nowhere.
    drop00 : bool, default False
        Set 2x2 tables with no events (or only events) in both groups to NaN.
    vtype : str, optional
        Variance type where metafor offers a simple alternative (SMD: ``"UB"``,
        ``"LS2"``; MD/ROM: ``"HO"``; RD/PR: ``"UB"``; SMCR/SMCC: ``"LS2"``).
        Default ``"LS"``, metafor's default.
    **columns : array_like
        Per-study data with metafor's argument names: ``m1i, sd1i, n1i, m2i,
        sd2i, n2i`` (MD, SMD, SMDH, ROM); ``m1i, m2i, sd1i, (sd2i), ni, ri``
        (SMCR, SMCC); ``ai, bi|n1i, ci, di|n2i`` (OR, RR, RD, PETO); ``ri, ni``
        (COR, ZCOR); ``xi, ni|mi`` (PR, PLO). Missing values (NaN/None) are
        allowed.

    Returns
    -------
    pandas.DataFrame
        One row per study (with the index of the input Series, if any) with
        ``yi``, ``vi`` and ``note``: ``""`` when fine,
        otherwise a code saying why the row is NaN (``"missing:<columns>"``,
        ``"double_zero"``, ``"small_n"``, ``"not_computable"``; render with
        :func:`explain_note`). ``df.attrs["measure"]`` holds the measure.

    Raises
    ------
    StatsInputError
        For an unknown measure, option or column, a missing required column,
        or impossible raw data (negative SD or count, n < 1, events > n,
        |r| > 1), naming the argument and the 0-based rows.

    Warns
    -----
    UserWarning
        When complete rows still give an infinite or undefined result (e.g. a
        zero cell with ``to="none"``); they are NaN and noted.

    Notes
    -----
    Formulas and defaults are those of metafor's ``escalc`` (3.8-1), so that
    numbers coded here reproduce published R analyses: SMD is Hedges' g with
    the exact gamma-function correction and the large-sample variance
    ``1/n1 + 1/n2 + g²/(2(n1+n2))`` (Hedges, 1981; Viechtbauer, 2010). A row
    with missing inputs gives NaN for that row only, so one incomplete study
    never blocks the others.

    References
    ----------
    Hedges, L. V. (1981). Distribution theory for Glass's estimator of effect
    size and related estimators. *Journal of Educational Statistics*, 6, 107–128.
    Viechtbauer, W. (2010). Conducting meta-analyses in R with the metafor
    package. *Journal of Statistical Software*, 36(3), 1–48.

    Examples
    --------
    >>> es = effect_sizes("SMD", m1i=[55, 27], sd1i=[47, 7], n1i=[155, 31],
    ...                   m2i=[75, 29], sd2i=[64, 4], n2i=[156, 32])
    >>> print(es[["yi", "vi"]].round(4).to_string())
           yi      vi
    0 -0.3552  0.0131
    1 -0.3479  0.0645
    >>> es = effect_sizes("OR", ai=[0, 4], n1i=[10, 20], ci=[3, None], n2i=[12, 20])
    >>> print(es.round(3).to_dict("list"))
    {'yi': [-2.046, nan], 'vi': [2.486, nan], 'note': ['', 'missing:ci']}
    """
    spec = MEASURES[check_option(measure, "measure", _FUNCTION, tuple(MEASURES))]
    opts = _options(spec, add, to, drop00, vtype)
    cols, missing = _columns(spec, columns)
    with collect_impossible(_FUNCTION):  # one error naming every impossible column
        result = spec.compute(cols, opts)
    frame = _frame(spec, result, missing)
    # keep the caller's row labels when the columns come from a DataFrame
    index = next((v.index for v in columns.values() if isinstance(v, pd.Series)), None)
    if index is not None:
        frame.index = index
    return frame


def _options(spec: Measure, add: object, to: object, drop00: object, vtype: object) -> Options:
    try:
        add_value = float(add)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        add_value = math.nan
    if not (math.isfinite(add_value) and add_value >= 0):
        raise StatsInputError("stats.es.bad_add", argument="add", function=_FUNCTION, got=add)
    to_value = check_option(to, "to", _FUNCTION, TO_CHOICES)
    if not isinstance(drop00, bool):
        raise StatsInputError("stats.bad_option", argument="drop00", function=_FUNCTION,
                              choices="{True, False}", got=drop00)
    vt = check_option(spec.vtypes[0] if vtype is None else vtype, "vtype", _FUNCTION, spec.vtypes)
    return Options(add_value, to_value, drop00, vt, _FUNCTION)


def _columns(spec: Measure, given: dict[str, Any]) -> tuple[dict[str, FloatArray], BoolArray]:
    for name in given:
        if name not in spec.columns:
            raise StatsInputError(
                "stats.es.unknown_column", argument=name, function=_FUNCTION,
                measure=spec.name, allowed=join_names(spec.columns),
            )
    for need in spec.required:
        options = need if isinstance(need, tuple) else (need,)
        if not any(o in given for o in options):
            raise StatsInputError(
                "stats.missing_column", argument=" | ".join(options), function=_FUNCTION,
                measure=spec.name, required=_describe(spec.required),
            )
    cols = {name: as_float_array(values, name, _FUNCTION) for name, values in given.items()}
    k = check_same_length(_FUNCTION, **cols)
    check_not_empty(next(iter(cols.values())), next(iter(cols)), _FUNCTION)
    for name, arr in cols.items():
        inf = np.isinf(arr)
        if inf.any():
            raise StatsInputError(
                "stats.nan", argument=name, positions=positions(inf), function=_FUNCTION
            )
    missing = np.zeros((k, len(spec.columns)), dtype=bool)
    for need in spec.required:
        present = [o for o in (need if isinstance(need, tuple) else (need,)) if o in cols]
        absent = np.logical_and.reduce([np.isnan(cols[o]) for o in present])
        for o in present:
            missing[:, spec.columns.index(o)] |= absent
    return cols, missing


def _describe(required: Required) -> str:
    return ", ".join("|".join(r) if isinstance(r, tuple) else r for r in required)


def _frame(spec: Measure, result: FamilyResult, missing: BoolArray) -> pd.DataFrame:
    yi = np.asarray(result.yi, dtype=np.float64).copy()
    vi = np.asarray(result.vi, dtype=np.float64).copy()
    # metafor: infinite yi/vi become NA together; negative variances become NA.
    inf = np.isinf(yi) | np.isinf(vi)
    yi[inf] = np.nan
    vi[inf] = np.nan
    vi[vi < 0] = np.nan
    any_missing = missing.any(axis=1)
    notes = np.full(len(yi), NOTE_OK, dtype=object)
    problem = (np.isnan(yi) | np.isnan(vi)) & ~any_missing
    notes[problem] = NOTE_NOT_COMPUTABLE
    small = result.notes.get(NOTE_SMALL_N)
    if small is not None:
        notes[problem & small] = NOTE_SMALL_N
    dropped = result.notes.get(NOTE_DOUBLE_ZERO)
    if dropped is not None:
        notes[dropped & ~any_missing] = NOTE_DOUBLE_ZERO
        yi[dropped] = np.nan
        vi[dropped] = np.nan
    for row in np.flatnonzero(any_missing):
        names = [c for c, m in zip(spec.columns, missing[row], strict=True) if m]
        notes[row] = f"{NOTE_MISSING}:{','.join(names)}"
        yi[row] = np.nan
        vi[row] = np.nan
    bad = (notes == NOTE_NOT_COMPUTABLE) | (notes == NOTE_SMALL_N)
    if bad.any():
        warnings.warn(
            message(
                "stats.es.rows_not_computable", None, function=_FUNCTION,
                measure=spec.name, positions=", ".join(str(p) for p in positions(bad)),
            ),
            UserWarning,
            stacklevel=3,
        )
    frame = pd.DataFrame({"yi": yi, "vi": vi, "note": notes.astype(str)})
    frame.attrs["measure"] = spec.name
    return frame
