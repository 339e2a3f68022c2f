"""Effect sizes for single proportions: PR (raw) and PLO (logit), as metafor's escalc.

Give the events ``xi`` and either the sample size ``ni`` or the non-events
``mi``. Zero cells (``xi == 0`` or ``mi == 0``) get the continuity correction
(``add=1/2, to="only0"`` by default, as metafor).
"""

from __future__ import annotations

import numpy as np

from watwerkt.stats._validation import FloatArray
from watwerkt.stats.effect_sizes._common import (
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

PROPORTION_COLUMNS = ("xi", "ni", "mi")


def _cells(cols: Columns, opts: Options) -> tuple[FloatArray, FloatArray]:
    check_counts(cols, ("xi", "mi"), opts.function)
    check_n(cols, ("ni",), opts.function)
    if "ni" in cols:
        check_events(cols["xi"], cols["ni"], ("xi", "ni"), opts.function)
    mi = fill_total(cols, "mi", "ni", "xi", opts.function)
    (xi, mi), _ = continuity((cols["xi"], mi), opts)
    return xi, mi


def proportion(cols: Columns, opts: Options) -> FamilyResult:
    """Raw proportion ``xi/ni``; ``vtype="LS"`` (default, ``p(1-p)/ni``) or ``"UB"`` (ni - 1)."""
    xi, mi = _cells(cols, opts)
    with errstate():
        ni = xi + mi
        pri = xi / ni
        vi = pri * (1 - pri) / (ni - (1.0 if opts.vtype == "UB" else 0.0))
    return FamilyResult(pri, vi, {})


def logit_proportion(cols: Columns, opts: Options) -> FamilyResult:
    """Logit of the proportion ``log(p/(1-p))`` with ``vi = 1/xi + 1/mi``."""
    xi, mi = _cells(cols, opts)
    with errstate():
        pri = xi / (xi + mi)
        yi = np.log(pri / (1 - pri))
        vi = 1 / xi + 1 / mi
    return FamilyResult(yi, vi, {})
