"""Effect sizes for 2x2 tables: OR, RR, RD and Peto's log odds ratio (as metafor's escalc).

The table of study *i* is::

                 event   no event
    group 1       ai        bi       (n1i = ai + bi)
    group 2       ci        di       (n2i = ci + di)

Give ``bi``/``di`` or the group sizes ``n1i``/``n2i``. Zero cells get
metafor's continuity correction (``add=1/2, to="only0", drop00=False`` by
default); see :func:`watwerkt.stats.effect_sizes`.
"""

from __future__ import annotations

import numpy as np

from watwerkt.stats._validation import FloatArray
from watwerkt.stats.effect_sizes._common import (
    NOTE_DOUBLE_ZERO,
    BoolArray,
    Columns,
    FamilyResult,
    Options,
    check_counts,
    check_events,
    check_n,
    continuity,
    errstate,
    fill_total,
)

#: Columns a 2x2 measure accepts; ``ai`` and ``ci`` are required, plus bi or n1i and di or n2i.
TABLE_COLUMNS = ("ai", "bi", "ci", "di", "n1i", "n2i")
TABLE_REQUIRED = ("ai", "ci", ("bi", "n1i"), ("di", "n2i"))


def table(cols: Columns, function: str) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Return the four cells after checking impossible counts (negative, events > n)."""
    check_counts(cols, ("ai", "bi", "ci", "di"), function)
    check_n(cols, ("n1i", "n2i"), function)
    if "n1i" in cols:
        check_events(cols["ai"], cols["n1i"], ("ai", "n1i"), function)
    if "n2i" in cols:
        check_events(cols["ci"], cols["n2i"], ("ci", "n2i"), function)
    bi = fill_total(cols, "bi", "n1i", "ai", function)
    di = fill_total(cols, "di", "n2i", "ci", function)
    return cols["ai"], bi, cols["ci"], di


def double_zero(ai: FloatArray, bi: FloatArray, ci: FloatArray, di: FloatArray) -> BoolArray:
    """Rows with no events (or only events) in both groups (metafor's ``drop00``)."""
    with errstate():
        return ((ai == 0) & (ci == 0)) | ((bi == 0) & (di == 0))  # type: ignore[no-any-return]


def _corrected(cols: Columns, opts: Options) -> tuple[tuple[FloatArray, ...],
                                                      dict[str, BoolArray]]:
    """Return the corrected cells and the notes (rows dropped by ``drop00``)."""
    ai, bi, ci, di = table(cols, opts.function)
    cells, dropped = continuity((ai, bi, ci, di), opts, double_zero(ai, bi, ci, di))
    return cells, {NOTE_DOUBLE_ZERO: dropped}


def odds_ratio(cols: Columns, opts: Options) -> FamilyResult:
    """Log odds ratio: ``log(ai*di / (bi*ci))``, ``vi = 1/ai + 1/bi + 1/ci + 1/di``."""
    (ai, bi, ci, di), notes = _corrected(cols, opts)
    with errstate():
        p1, p2 = ai / (ai + bi), ci / (ci + di)
        yi = np.log(p1 / (1 - p1)) - np.log(p2 / (1 - p2))
        vi = 1 / ai + 1 / bi + 1 / ci + 1 / di
    return FamilyResult(yi, vi, notes)


def risk_ratio(cols: Columns, opts: Options) -> FamilyResult:
    """Log risk ratio: ``log(p1/p2)``, ``vi = 1/ai - 1/n1i + 1/ci - 1/n2i``."""
    (ai, bi, ci, di), notes = _corrected(cols, opts)
    with errstate():
        n1, n2 = ai + bi, ci + di
        yi = np.log(ai / n1) - np.log(ci / n2)
        vi = 1 / ai - 1 / n1 + 1 / ci - 1 / n2
    return FamilyResult(yi, vi, notes)


def risk_difference(cols: Columns, opts: Options) -> FamilyResult:
    """Risk difference ``p1 - p2``; ``vtype="LS"`` (default) or ``"UB"`` (n - 1)."""
    (ai, bi, ci, di), notes = _corrected(cols, opts)
    with errstate():
        n1, n2 = ai + bi, ci + di
        p1, p2 = ai / n1, ci / n2
        yi = p1 - p2
        shift = 1.0 if opts.vtype == "UB" else 0.0
        vi = p1 * (1 - p1) / (n1 - shift) + p2 * (1 - p2) / (n2 - shift)
    return FamilyResult(yi, vi, notes)


def peto_log_odds_ratio(cols: Columns, opts: Options) -> FamilyResult:
    """Peto's one-step log odds ratio ``(ai - Ei)/Vi`` with ``vi = 1/Vi``."""
    (ai, bi, ci, di), notes = _corrected(cols, opts)
    with errstate():
        n1, n2 = ai + bi, ci + di
        ni = n1 + n2
        xt, yt = ai + ci, bi + di
        ei = xt * n1 / ni
        var = xt * yt * (n1 / ni) * (n2 / ni) / (ni - 1)
        yi = (ai - ei) / var
        vi = 1 / var
    return FamilyResult(yi, vi, notes)
